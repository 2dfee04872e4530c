package org.dcgan4j.train;

import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.ActivationLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A plain ReLU activation layer whose backward pass is {@code step(input) * error}: two
 * vectorised element-wise operations instead of DL4J's copy of the input followed by libnd4j's
 * {@code relu_bp} kernel, which is several times slower than a multiply over the same array (the
 * README's Speed section has the numbers). G applies it after each of its two BatchNormalizations.
 *
 * <p>The numbers are those of DL4J's layer: where the input is positive the error passes
 * unchanged (times exactly 1), elsewhere the result is zero. One difference in representation: a
 * zero there carries the sign of the error ({@code -0.0} for a negative error, where
 * {@code relu_bp} writes {@code +0.0}); no later operation of the backward pass or of Adam
 * divides by it, so every parameter update is the same.
 *
 * <p>Only the layer object is replaced ({@link #replaceIn}, through {@link LayerReplacement}),
 * not its configuration: checkpoints stay exactly as with DL4J's own layer.
 */
final class StepReluLayer extends ActivationLayer {

    private StepReluLayer(ActivationLayer original, DataType dataType) {
        super(original.conf(), dataType);
        LayerReplacement.shareState(original, this);
    }

    /**
     * Replaces every activation layer of {@code net} whose activation is a plain ReLU (no
     * maximum, threshold or negative slope); idempotent. Other data types than float and double
     * fall back to DL4J's backward pass.
     */
    static void replaceIn(MultiLayerNetwork net) {
        LayerReplacement.replaceIn(net,
                layer -> layer instanceof ActivationLayer && !(layer instanceof StepReluLayer)
                        && plainRelu(layer.conf().getLayer()),
                layer -> new StepReluLayer((ActivationLayer) layer, net.getLayerWiseConfigurations().getDataType()));
    }

    private static boolean plainRelu(org.deeplearning4j.nn.conf.layers.Layer conf) {
        return conf instanceof org.deeplearning4j.nn.conf.layers.ActivationLayer activation
                && activation.getActivationFn() instanceof ActivationReLU relu
                && relu.equals(new ActivationReLU());
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        DataType type = input.dataType();
        if (type != DataType.FLOAT && type != DataType.DOUBLE) {
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        INDArray delta = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, type, input.shape(),
                input.ordering());
        // step(x) = 1 where x > 0, else 0: relu_bp's test (threshold 0).
        Nd4j.getExecutioner().exec(new Step(input, delta, 0.0));
        delta.muli(epsilon);
        return new Pair<>(new DefaultGradient(), delta);
    }
}
