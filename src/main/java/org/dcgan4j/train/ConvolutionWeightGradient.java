package org.dcgan4j.train;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A convolution's weight gradient without its input error, through libnd4j's {@code deconv2d_bp}
 * (NCHW floats, no dilation, explicit padding; one per layer, since a layer's geometry does not
 * change).
 *
 * <p>Why it is the same gradient: the transposed convolution with the layer's weights maps the
 * convolution's output error {@code [N, oC, oH, oW]} back to its input's shape {@code [N, iC, iH,
 * iW]}. Its weight gradient, taken with the layer's input as the error at its output, sums input
 * × output error over the samples and positions that each weight connects, exactly the sum that
 * defines the convolution's weight gradient, with the same indices (no kernel flip).
 * {@code deconv2d_bp}'s other output, the error at its own input, is a forward convolution of the
 * layer's input: for a first layer with few input planes that costs a fraction of the
 * backward-data pass that {@code conv2d_bp} always runs.
 */
final class ConvolutionWeightGradient {

    private final DynamicCustomOp op = DynamicCustomOp.builder("deconv2d_bp").build();
    private final OpContext context = Nd4j.getExecutioner().buildContext();

    ConvolutionWeightGradient(int[] kernel, int[] strides, int[] pad) {
        // kH, kW, sH, sW, pH, pW, dH, dW, Same mode (no), NCHW.
        context.setIArguments(kernel[0], kernel[1], strides[0], strides[1], pad[0], pad[1], 1, 1, 0, 0);
    }

    /**
     * Writes the weight gradient of the convolution {@code input -> outputError} into
     * {@code weightGradient}.
     *
     * @param input          the layer's input, {@code [N, iC, iH, iW]}
     * @param weights        the layer's weights, {@code [oC, iC, kH, kW]} as DL4J keeps them
     * @param outputError    the error at the layer's pre-activation output, {@code [N, oC, oH, oW]}
     * @param weightGradient {@code [oC, iC, kH, kW]}, e.g. the layer's gradient view
     */
    void run(INDArray input, INDArray weights, INDArray outputError, INDArray weightGradient) {
        try (INDArray unused = Nd4j.createUninitialized(outputError.dataType(), outputError.shape())) {
            context.purge();
            // The transposed convolution's input is the layer's output error, the error at its
            // output the layer's input; libnd4j's default weight format is [kH, kW, oC, iC] of
            // the transposed convolution, i.e. [kH, kW, iC, oC] of the layer.
            context.setInputArray(0, outputError);
            context.setInputArray(1, weights.permute(2, 3, 1, 0));
            context.setInputArray(2, input);
            context.setOutputArray(0, unused);
            context.setOutputArray(1, weightGradient.permute(2, 3, 1, 0));
            Nd4j.exec(op, context);
        }
    }
}
