package org.dcgan4j.train;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A training-mode forward pass through a network whose convolution layers keep their
 * pre-activations for the backward pass that follows.
 *
 * <p>Why: DL4J's {@code ConvolutionLayer.backpropGradient} needs the layer's pre-activation and,
 * unless it was cached, runs the whole convolution again to get it. DL4J caches it only inside
 * {@code fit()}, in a workspace that {@code fit()} opens; a GAN step cannot use {@code fit()} (G
 * learns through D's input gradient), so it would pay one extra convolution per layer and per
 * backward pass. This class opens such a workspace itself and runs the layers one by one, as
 * {@code MultiLayerNetwork.feedForward(true, false)} does, with that workspace available to them.
 *
 * <p>Shape of a use, forward and backward inside one {@link #open() scope}:
 * <pre>
 * try (CachingForwardPass.Scope scope = pass.open()) {
 *     List&lt;INDArray&gt; activations = pass.feedForward(input);  // [input, layer 0, layer 1, ...]
 *     net.backpropGradient(error, workspaces);
 * }
 * </pre>
 * The cached pre-activations live in the workspace and are overwritten by the next forward pass;
 * everything else (activations, gradients) is allocated outside it, exactly as without the cache.
 * A backward pass must follow its own forward pass in the same scope: after the scope closes the
 * cache is stale, and the layers would use it.
 */
final class CachingForwardPass {

    /** Sized on the first pass, then reused: the cache costs no allocation per step. */
    private static final WorkspaceConfiguration CACHE = WorkspaceConfiguration.builder()
            .initialSize(0)
            .overallocationLimit(0.1)
            .policyAllocation(AllocationPolicy.OVERALLOCATE)
            .policyLearning(LearningPolicy.FIRST_LOOP)
            .policySpill(SpillPolicy.REALLOCATE)
            .build();

    private final MultiLayerNetwork net;
    private final String workspaceName;
    private final LayerWorkspaceMgr workspaces;

    CachingForwardPass(MultiLayerNetwork net, String workspaceName) {
        this.net = net;
        this.workspaceName = workspaceName;
        // Only the cache lives in a workspace; every other array type is allocated as usual.
        this.workspaces = LayerWorkspaceMgr.builder()
                .with(ArrayType.FF_CACHE, workspaceName, CACHE)
                .defaultNoWorkspace()
                .build();
        // The layers' own switch, not the configuration's: checkpoints stay as they were.
        net.setCacheMode(CacheMode.DEVICE);
    }

    /**
     * Opens the cache for one forward and backward pass. Arrays made inside the scope are
     * allocated outside the workspace (it is open but not current: the layers borrow it only to
     * store their cache), so they outlive the scope.
     */
    Scope open() {
        // Not scopeOutOfWorkspaces(): it tags the workspace, and a tagged workspace stays
        // "borrowed" after the first layer returns it, so the second layer cannot borrow it.
        MemoryWorkspace outer = Nd4j.getMemoryManager().getCurrentWorkspace();
        MemoryWorkspace cache = workspaces.notifyScopeEntered(ArrayType.FF_CACHE);
        Nd4j.getMemoryManager().setCurrentWorkspace(outer);
        return new Scope(cache);
    }

    /**
     * The training-mode activations of every layer for {@code input}: element 0 is the input, the
     * last the network's output. Each layer keeps its input for backprop, as after
     * {@code feedForward(true, false)}.
     */
    List<INDArray> feedForward(INDArray input) {
        if (!Nd4j.getWorkspaceManager().checkIfWorkspaceExistsAndActive(workspaceName)) {
            throw new IllegalStateException("feedForward outside an open scope of " + workspaceName);
        }
        net.setInput(input);
        Layer[] layers = net.getLayers();
        int batch = (int) input.size(0);
        List<INDArray> activations = new ArrayList<>(layers.length + 1);
        activations.add(input);
        INDArray x = input;
        for (int i = 0; i < layers.length; i++) {
            InputPreProcessor preProcessor = net.getLayerWiseConfigurations().getInputPreProcess(i);
            if (preProcessor != null) {
                x = preProcessor.preProcess(x, batch, workspaces);
            }
            x = layers[i].activate(x, true, workspaces);
            activations.add(x);
        }
        return activations;
    }

    /** The open cache; closing it ends the forward-backward pair. */
    static final class Scope implements AutoCloseable {
        private final MemoryWorkspace cache;

        private Scope(MemoryWorkspace cache) {
            this.cache = cache;
        }

        @Override
        public void close() {
            // A workspace closes as the current one and then restores the one that was current before it.
            Nd4j.getMemoryManager().setCurrentWorkspace(cache);
            cache.close();
        }
    }
}
