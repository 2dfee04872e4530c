package org.dcgan4j.train;

import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.Deconvolution2DLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A transposed convolution with a non-identity activation (G's last layer, tanh) that keeps a copy
 * of its training-mode output before the activation, for its backward pass.
 *
 * <p>Why: DL4J's {@code Deconvolution2DLayer.backpropGradient} runs the transposed convolution
 * again to get that output for the activation's derivative, and has no cache for it. The copy is
 * one {@code [N, 1, 28, 28]} array; the transposed convolution it saves is one of a step's
 * costlier operations. The copy is used only when the backward pass follows a training-mode
 * forward pass on the same input array, with no other forward pass in between, and only once (the
 * activation's derivative overwrites it); otherwise DL4J's recomputation runs. Either way the
 * gradients are bit-identical to DL4J's layer: the same operation on the same arrays.
 *
 * <p>Only the layer object is replaced ({@link #replaceIn}, through {@link LayerReplacement}), not
 * its configuration: checkpoints, their JSON and the parameters are exactly as with DL4J's own
 * layer. Identity layers are {@link LinearDeconvolutionLayer}'s.
 */
final class CachedOutputDeconvolutionLayer extends Deconvolution2DLayer {

    /** A detached copy of the last training-mode forward output before the activation; null when none is valid. */
    private INDArray keptOutput;
    /** The input array {@link #keptOutput} was computed from. */
    private INDArray keptFor;
    /** The kept output handed to the running backward pass, closed when it ends. */
    private INDArray consumed;

    private CachedOutputDeconvolutionLayer(Deconvolution2DLayer original) {
        super(original.conf(), original.params().dataType());
        LayerReplacement.shareState(original, this);
    }

    /**
     * Replaces every transposed-convolution layer of {@code net} with a non-identity activation
     * with this layer, sharing its parameter and gradient views; idempotent.
     */
    static void replaceIn(MultiLayerNetwork net) {
        LayerReplacement.replaceIn(net,
                layer -> layer.getClass() == Deconvolution2DLayer.class
                        && !(((Deconvolution2DLayer) layer).layerConf().getActivationFn() instanceof ActivationIdentity),
                layer -> new CachedOutputDeconvolutionLayer((Deconvolution2DLayer) layer));
    }

    @Override
    protected Pair<INDArray, INDArray> preOutput(boolean training, boolean forBackprop, LayerWorkspaceMgr workspaceMgr) {
        if (forBackprop && keptOutput != null && keptFor == input) {
            INDArray output = keptOutput;
            // Handed over: the activation's derivative overwrites it, and backpropGradient closes it.
            keptOutput = null;
            keptFor = null;
            consumed = output;
            return new Pair<>(output, null);
        }
        Pair<INDArray, INDArray> result = super.preOutput(training, forBackprop, workspaceMgr);
        if (!forBackprop) {
            forget();
            if (training) {
                // Detached: the backward pass runs after this forward pass's workspace has closed.
                try (MemoryWorkspace detached = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
                    keptOutput = result.getFirst().dup();
                }
                keptFor = input;
            }
        }
        return result;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        try {
            return super.backpropGradient(epsilon, workspaceMgr);
        } finally {
            if (consumed != null) {
                consumed.close();
                consumed = null;
            }
        }
    }

    private void forget() {
        if (keptOutput != null) {
            keptOutput.close();
        }
        keptOutput = null;
        keptFor = null;
    }
}
