package org.dcgan4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import org.dcgan4j.model.AdamSettings;
import org.dcgan4j.model.Architecture;
import org.dcgan4j.model.GeneratorFactory;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.profiler.OpProfiler;
import org.nd4j.linalg.profiler.ProfilerConfig;

class CachedOutputDeconvolutionLayerTest {

    private static final Architecture ARCH = new Architecture(16, 8, 8);
    private static final LayerWorkspaceMgr NO_WORKSPACES = LayerWorkspaceMgr.noWorkspaces();

    @AfterEach
    void profilingOff() {
        Nd4j.getExecutioner().setProfilingConfig(ProfilerConfig.builder().build());
    }

    private static INDArray noise(long seed) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.randn(DataType.FLOAT, 8, ARCH.generatorInputSize());
    }

    private static INDArray imageError(long seed) {
        Nd4j.getRandom().setSeed(seed + 100);
        return Nd4j.randn(DataType.FLOAT, 8, 1, 28, 28);
    }

    private static MultiLayerNetwork generator(boolean replaced) {
        MultiLayerNetwork g = GeneratorFactory.create(ARCH, AdamSettings.DCGAN, 5);
        LinearDeconvolutionLayer.replaceIn(g);
        if (replaced) {
            CachedOutputDeconvolutionLayer.replaceIn(g);
            CachedOutputDeconvolutionLayer.replaceIn(g);
        }
        return g;
    }

    /** G's parameter gradient and input error after a training forward pass on {@code seed}'s noise, copied out of DL4J's buffers. */
    private static float[] gradient(MultiLayerNetwork g, long seed) {
        g.setInput(noise(seed));
        g.feedForward(true, false);
        return backward(g, seed);
    }

    private static float[] backward(MultiLayerNetwork g, long seed) {
        Pair<Gradient, INDArray> result = g.backpropGradient(imageError(seed), NO_WORKSPACES);
        return Nd4j.concat(0, result.getFirst().gradient().dup().ravel(), result.getSecond().dup().ravel()).toFloatVector();
    }

    @Test
    void replacesOnlyTheTanhDeconvolutionAndKeepsItsParameters() {
        MultiLayerNetwork plain = generator(false);
        MultiLayerNetwork g = generator(false);
        Layer[] before = g.getLayers().clone();
        CachedOutputDeconvolutionLayer.replaceIn(g);
        CachedOutputDeconvolutionLayer.replaceIn(g);
        int last = before.length - 1;
        for (int i = 0; i < last; i++) {
            assertThat(g.getLayers()[i]).as("layer %d", i).isSameAs(before[i]);
        }
        assertThat(g.getLayers()[last]).isInstanceOf(CachedOutputDeconvolutionLayer.class);
        assertThat(g.getLayers()[last].params()).isSameAs(before[last].params());
        assertThat(plain.getLayers()[last]).isNotInstanceOf(CachedOutputDeconvolutionLayer.class);
    }

    @Test
    void gradientsAreExactlyThoseOfDl4jsOwnLayer() {
        MultiLayerNetwork plain = generator(false);
        MultiLayerNetwork cached = generator(true);
        for (long seed : new long[] {1, 2}) {
            assertThat(gradient(cached, seed)).as("seed %d", seed).containsExactly(gradient(plain, seed));
        }
    }

    @Test
    void anotherForwardPassInBetweenIsNotMistakenForTheKeptOne() {
        MultiLayerNetwork plain = generator(false);
        MultiLayerNetwork cached = generator(true);
        // A training pass on noise 1, then another on noise 2: the backward pass is noise 2's.
        cached.setInput(noise(1));
        cached.feedForward(true, false);
        assertThat(gradient(cached, 2)).containsExactly(gradient(plain, 2));
        // An inference pass (sampling a grid, say) between a training pass and the next one.
        cached.setInput(noise(3));
        cached.feedForward(true, false);
        cached.output(noise(4), false);
        assertThat(gradient(cached, 5)).containsExactly(gradient(plain, 5));
    }

    @Test
    void aNewInputWithoutAForwardPassIsNotMistakenForTheKeptOne() {
        MultiLayerNetwork plain = generator(false);
        MultiLayerNetwork cached = generator(true);
        int last = plain.getLayers().length - 1;
        for (MultiLayerNetwork g : new MultiLayerNetwork[] {plain, cached}) {
            g.initGradientsView();
            g.setInput(noise(1));
            g.feedForward(true, false);
            Nd4j.getRandom().setSeed(9);
            g.getLayer(last).setInput(Nd4j.randn(DataType.FLOAT, g.getLayer(last).input().shape()), NO_WORKSPACES);
        }
        Pair<Gradient, INDArray> expected = plain.getLayer(last).backpropGradient(imageError(1), NO_WORKSPACES);
        float[] expectedError = expected.getSecond().dup().ravel().toFloatVector();
        float[] expectedGradient = expected.getFirst().gradient().dup().ravel().toFloatVector();
        Pair<Gradient, INDArray> actual = cached.getLayer(last).backpropGradient(imageError(1), NO_WORKSPACES);
        assertThat(actual.getSecond().ravel().toFloatVector()).containsExactly(expectedError);
        assertThat(actual.getFirst().gradient().ravel().toFloatVector()).containsExactly(expectedGradient);
    }

    @Test
    void backwardPassRunsNoTransposedConvolutionForward() {
        assertThat(forwardOpsInBackwardPass(false)).as("DL4J's layer recomputes its output").isEqualTo(1);
        assertThat(forwardOpsInBackwardPass(true)).isZero();
    }

    private static long forwardOpsInBackwardPass(boolean replaced) {
        MultiLayerNetwork g = generator(replaced);
        g.setInput(noise(3));
        g.feedForward(true, false);
        Nd4j.getExecutioner().setProfilingConfig(ProfilerConfig.builder().checkElapsedTime(true).build());
        OpProfiler.getInstance().reset();
        g.backpropGradient(imageError(3), NO_WORKSPACES);
        long count = OpProfiler.getInstance().getOpCounter().getCount("deconv2d");
        Nd4j.getExecutioner().setProfilingConfig(ProfilerConfig.builder().build());
        assertThat(OpProfiler.getInstance().getOpCounter().getCount("deconv2d_bp")).as("both layers' backward ops").isEqualTo(2);
        return count;
    }
}
