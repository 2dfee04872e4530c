package org.dcgan4j.train;

import java.util.Arrays;

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
final class CachedOutputDeconvolutionLayer extends SeparateBiasDeconvolutionLayer {

    /**
     * The last training-mode forward output before the activation, copied into one detached array
     * reused from step to step (a fresh array kept across every step would scatter through the
     * native heap and make the process grow).
     */
    private INDArray keptOutput;
    /** The input array {@link #keptOutput} was computed from; null when it holds nothing valid. */
    private INDArray keptFor;

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
        if (forBackprop && keptFor != null && keptFor == input) {
            // Used once: the activation's derivative overwrites it.
            keptFor = null;
            return new Pair<>(keptOutput, null);
        }
        Pair<INDArray, INDArray> result = super.preOutput(training, forBackprop, workspaceMgr);
        if (!forBackprop) {
            keptFor = null;
            if (training) {
                keep(result.getFirst());
                keptFor = input;
            }
        }
        return result;
    }

    private void keep(INDArray output) {
        if (keptOutput == null || !Arrays.equals(keptOutput.shape(), output.shape())) {
            if (keptOutput != null) {
                keptOutput.close();
            }
            // Detached: the backward pass runs after this forward pass's workspace has closed.
            try (MemoryWorkspace detached = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
                keptOutput = Nd4j.createUninitialized(output.dataType(), output.shape(), 'c');
            }
        }
        keptOutput.assign(output);
    }
}
