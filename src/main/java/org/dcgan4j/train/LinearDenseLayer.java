package org.dcgan4j.train;

import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A fully connected layer with the identity activation whose backward pass skips two wasted
 * matrix products of DL4J's own.
 *
 * <p>Why: DL4J's {@code BaseLayer.backpropGradient} (a) computes the layer's forward output again,
 * only to pass it to the activation's derivative, which for the identity never reads it; and (b)
 * forms the input's error as {@code (W delta^T)^T} in column-major order. For D's last layer
 * ({@code [N, 6272] -> [N, 1]}), (b) is an outer product that ND4J's matrix product computes
 * several times slower than a plain GEMM into a row-major array, and then the row-major
 * convolution activations before it need a copy of it. This layer computes the same numbers:
 * the weight and bias gradients exactly as DL4J does, and, when the layer has one output, the
 * input's error {@code delta W^T} with one GEMM into a row-major array (with one output, every
 * element is a single product, so the order of the computation cannot change it). With more
 * outputs it forms the input's error as DL4J does.
 *
 * <p>Only the layer object is replaced ({@link #replaceIn}), not its configuration: checkpoints
 * stay exactly as with DL4J's own layer.
 */
final class LinearDenseLayer extends DenseLayer {

    private LinearDenseLayer(DenseLayer original) {
        super(original.conf(), original.params().dataType());
        LayerReplacement.shareState(original, this);
    }

    /**
     * Replaces every fully connected layer of {@code net} that has the identity activation and no
     * layer norm, dropout or weight noise with this layer, sharing its parameter and gradient
     * views; idempotent.
     */
    static void replaceIn(MultiLayerNetwork net) {
        LayerReplacement.replaceIn(net,
                layer -> layer instanceof DenseLayer dense && !(layer instanceof LinearDenseLayer)
                        && dense.layerConf().getActivationFn() instanceof ActivationIdentity
                        && !dense.hasLayerNorm()
                        && dense.layerConf().getIDropout() == null
                        && dense.layerConf().getWeightNoise() == null,
                layer -> new LinearDenseLayer((DenseLayer) layer));
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        if (maskArray != null) {
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        assertInputSet(true);
        // The identity's derivative: the error is the error of the pre-activation.
        INDArray delta = epsilon;
        Gradient gradient = new DefaultGradient();
        if (hasBias()) {
            INDArray biasGradient = gradientViews.get(DefaultParamInitializer.BIAS_KEY);
            delta.sum(biasGradient, 0);
            gradient.gradientForVariable().put(DefaultParamInitializer.BIAS_KEY, biasGradient);
        }
        INDArray w = getParam(DefaultParamInitializer.WEIGHT_KEY);
        INDArray inputError;
        if (w.size(1) == 1) {
            // [N, 1] x [1, nIn]: every element is one product.
            inputError = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, delta.dataType(),
                    new long[] {delta.size(0), w.size(0)}, 'c');
            Nd4j.gemm(delta, w, inputError, false, true, 1.0, 0.0);
        } else {
            inputError = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, delta.dataType(),
                    new long[] {w.size(0), delta.size(0)}, 'f');
            inputError = w.mmuli(delta.transpose(), inputError).transpose();
        }
        INDArray weightGradient = gradientViews.get(DefaultParamInitializer.WEIGHT_KEY);
        Nd4j.gemm(input.castTo(weightGradient.dataType()), delta, weightGradient, true, false, 1.0, 0.0);
        gradient.gradientForVariable().put(DefaultParamInitializer.WEIGHT_KEY, weightGradient);
        return new Pair<>(gradient, inputError);
    }
}
