package org.dcgan4j.train;

import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.Deconvolution2DLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A transposed convolution with the identity activation whose backward pass does not run the
 * transposed convolution again.
 *
 * <p>Why: DL4J's {@code Deconvolution2DLayer.backpropGradient} recomputes the layer's forward
 * output only to pass it to the activation's derivative, and has no cache for it. The identity's
 * derivative never reads that output (it returns the incoming error as it is), so for such a layer
 * the recomputation is pure waste: in G it is the widest transposed convolution, one of the
 * costliest operations of a step. This layer hands the activation the incoming error in its place;
 * every gradient stays bit-identical.
 *
 * <p>Only the layer object is replaced ({@link #replaceIn}, through {@link LayerReplacement}),
 * not its configuration: checkpoints, their JSON and the parameters are exactly as with DL4J's
 * own layer.
 */
final class LinearDeconvolutionLayer extends SeparateBiasDeconvolutionLayer {

    /** The error being propagated, while {@link #backpropGradient} runs; null otherwise. */
    private INDArray incomingError;

    private LinearDeconvolutionLayer(Deconvolution2DLayer original) {
        super(original.conf(), original.params().dataType());
        LayerReplacement.shareState(original, this);
    }

    /**
     * Replaces every transposed-convolution layer of {@code net} that has the identity activation
     * with this layer, sharing its parameter and gradient views; idempotent.
     */
    static void replaceIn(MultiLayerNetwork net) {
        LayerReplacement.replaceIn(net,
                layer -> layer instanceof Deconvolution2DLayer deconvolution
                        && !(layer instanceof LinearDeconvolutionLayer)
                        && deconvolution.layerConf().getActivationFn() instanceof ActivationIdentity,
                layer -> new LinearDeconvolutionLayer((Deconvolution2DLayer) layer));
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        incomingError = epsilon;
        try {
            return super.backpropGradient(epsilon, workspaceMgr);
        } finally {
            incomingError = null;
        }
    }

    /**
     * In the backward pass, the incoming error stands in for the forward output: the identity's
     * derivative only checks that the two have the same shape, and they do.
     */
    @Override
    protected Pair<INDArray, INDArray> preOutput4d(boolean training, boolean forBackprop, LayerWorkspaceMgr workspaceMgr) {
        if (forBackprop && incomingError != null) {
            return new Pair<>(incomingError, null);
        }
        return super.preOutput4d(training, forBackprop, workspaceMgr);
    }
}
