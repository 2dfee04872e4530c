package org.dcgan4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import org.dcgan4j.model.AdamSettings;
import org.dcgan4j.model.Architecture;
import org.dcgan4j.model.GeneratorFactory;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.Deconvolution2DLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.profiler.OpProfiler;
import org.nd4j.linalg.profiler.ProfilerConfig;

class LinearDeconvolutionLayerTest {

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

    /** G's parameter gradient, copied out of DL4J's shared buffer. */
    private static float[] gradient(MultiLayerNetwork g, long seed) {
        g.setInput(noise(seed));
        g.feedForward(true, false);
        Pair<Gradient, INDArray> backward = g.backpropGradient(imageError(seed), NO_WORKSPACES);
        return backward.getFirst().gradient().dup().ravel().toFloatVector();
    }

    @Test
    void replacesOnlyTheIdentityDeconvolutionAndKeepsItsParameters() {
        MultiLayerNetwork g = GeneratorFactory.create(ARCH, AdamSettings.DCGAN, 5);
        Layer[] before = g.getLayers().clone();
        LinearDeconvolutionLayer.replaceIn(g);
        LinearDeconvolutionLayer.replaceIn(g);

        int replaced = 0;
        for (int i = 0; i < before.length; i++) {
            Layer now = g.getLayers()[i];
            if (now instanceof LinearDeconvolutionLayer) {
                replaced++;
                // The same parameter and gradient memory as the layer it replaced.
                assertThat(now.params()).isSameAs(before[i].params());
                assertThat(now.getGradientsViewArray()).isSameAs(before[i].getGradientsViewArray());
            } else {
                assertThat(now).as("layer %d", i).isSameAs(before[i]);
            }
        }
        // G's first transposed convolution feeds a BatchNormalization (identity); its last is tanh.
        assertThat(replaced).isEqualTo(1);
        assertThat(g.getLayers()[g.getLayers().length - 1]).isInstanceOf(Deconvolution2DLayer.class)
                .isNotInstanceOf(LinearDeconvolutionLayer.class);
    }

    @ParameterizedTest(name = "replaced after a backward pass: {0}")
    @ValueSource(booleans = {false, true})
    void gradientsAreExactlyThoseOfDl4jsOwnLayer(boolean afterABackwardPass) {
        MultiLayerNetwork plain = GeneratorFactory.create(ARCH, AdamSettings.DCGAN, 5);
        MultiLayerNetwork linear = GeneratorFactory.create(ARCH, AdamSettings.DCGAN, 5);
        if (afterABackwardPass) {
            // DL4J creates the gradient views on the first backward pass; the new layer must share them.
            assertThat(gradient(linear, 7)).as("before the replacement").containsExactly(gradient(plain, 7));
        }
        LinearDeconvolutionLayer.replaceIn(linear);
        for (long seed : new long[] {1, 2}) {
            assertThat(gradient(linear, seed)).as("seed %d", seed).containsExactly(gradient(plain, seed));
        }
    }

    @Test
    void backwardPassRunsOnlyTheTanhLayersForwardAgain() {
        MultiLayerNetwork g = GeneratorFactory.create(ARCH, AdamSettings.DCGAN, 5);
        LinearDeconvolutionLayer.replaceIn(g);
        g.setInput(noise(3));
        g.feedForward(true, false);
        Nd4j.getExecutioner().setProfilingConfig(ProfilerConfig.builder().checkElapsedTime(true).build());
        OpProfiler.getInstance().reset();
        g.backpropGradient(imageError(3), NO_WORKSPACES);

        assertThat(OpProfiler.getInstance().getOpCounter().getCount("deconv2d_bp")).isEqualTo(2);
        // DL4J's own layer recomputes its output for the activation's derivative: tanh needs it.
        assertThat(OpProfiler.getInstance().getOpCounter().getCount("deconv2d")).isEqualTo(1);
    }
}
