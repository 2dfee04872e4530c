package org.dcgan4j.train;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.factory.Nd4j;

/**
 * libnd4j's {@code deconv2d} without bias, NCHW, no dilation, explicit padding, called as DL4J's
 * {@code Deconvolution2DLayer} calls it, with its arguments set once: one per layer, since a
 * layer's geometry does not change.
 */
final class TransposedConvolution {

    private final DynamicCustomOp op = DynamicCustomOp.builder("deconv2d").build();
    private final OpContext context = Nd4j.getExecutioner().buildContext();

    TransposedConvolution(int[] kernel, int[] strides, int[] pad) {
        // kH, kW, sH, sW, pH, pW, dH, dW, Same mode (no), NCHW.
        context.setIArguments(kernel[0], kernel[1], strides[0], strides[1], pad[0], pad[1], 1, 1, 0, 0);
    }

    /**
     * {@code output = input} transposed-convolved with {@code weights}.
     *
     * @param weights {@code [iC, oC, kH, kW]}, as DL4J keeps a transposed convolution's weights (and
     *                as a convolution's {@code [oC, iC, kH, kW]} read from its output side)
     */
    void run(INDArray input, INDArray weights, INDArray output) {
        context.purge();
        context.setInputArray(0, input);
        // libnd4j's default weight format is [kH, kW, oC, iC].
        context.setInputArray(1, weights.permute(2, 3, 1, 0));
        context.setOutputArray(0, output);
        Nd4j.exec(op, context);
    }
}
