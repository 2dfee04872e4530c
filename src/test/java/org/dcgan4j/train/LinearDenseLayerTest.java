package org.dcgan4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import org.dcgan4j.model.AdamSettings;
import org.dcgan4j.model.Architecture;
import org.dcgan4j.model.DiscriminatorFactory;
import org.dcgan4j.model.GeneratorFactory;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.gradient.Gradient;
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

class LinearDenseLayerTest {

    private static final Architecture ARCH = new Architecture(16, 8, 8);
    private static final LayerWorkspaceMgr NO_WORKSPACES = LayerWorkspaceMgr.noWorkspaces();

    @AfterEach
    void profilingOff() {
        Nd4j.getExecutioner().setProfilingConfig(ProfilerConfig.builder().build());
    }

    private static MultiLayerNetwork network(boolean generator) {
        return generator ? GeneratorFactory.create(ARCH, AdamSettings.DCGAN, 5)
                : DiscriminatorFactory.create(ARCH, AdamSettings.DCGAN, 6);
    }

    private static INDArray input(boolean generator, long seed) {
        Nd4j.getRandom().setSeed(seed);
        return generator ? Nd4j.randn(DataType.FLOAT, 8, ARCH.generatorInputSize())
                : Nd4j.rand(DataType.FLOAT, 8, 1, 28, 28).muli(2).subi(1);
    }

    private static INDArray outputError(boolean generator, long seed) {
        Nd4j.getRandom().setSeed(seed + 100);
        return generator ? Nd4j.randn(DataType.FLOAT, 8, 1, 28, 28) : Nd4j.randn(DataType.FLOAT, 8, 1);
    }

    /** The parameter gradient and the input's error, copied out of DL4J's shared buffers. */
    private static float[][] gradients(MultiLayerNetwork net, boolean generator, long seed) {
        net.setInput(input(generator, seed));
        net.feedForward(true, false);
        Pair<Gradient, INDArray> backward = net.backpropGradient(outputError(generator, seed), NO_WORKSPACES);
        return new float[][] {backward.getFirst().gradient().dup().ravel().toFloatVector(),
                backward.getSecond().dup().ravel().toFloatVector()};
    }

    @ParameterizedTest(name = "generator {0}")
    @ValueSource(booleans = {true, false})
    void gradientsAreExactlyThoseOfDl4jsOwnLayer(boolean generator) {
        MultiLayerNetwork plain = network(generator);
        MultiLayerNetwork linear = network(generator);
        // DL4J creates the gradient views on the first backward pass; the new layer must share them.
        assertThat(gradients(linear, generator, 7)[0]).containsExactly(gradients(plain, generator, 7)[0]);
        LinearDenseLayer.replaceIn(linear);
        assertThat(linear.getLayers()).hasAtLeastOneElementOfType(LinearDenseLayer.class);
        for (long seed : new long[] {1, 2}) {
            float[][] expected = gradients(plain, generator, seed);
            float[][] actual = gradients(linear, generator, seed);
            assertThat(actual[0]).as("parameter gradient, seed %d", seed).containsExactly(expected[0]);
            assertThat(actual[1]).as("input error, seed %d", seed).containsExactly(expected[1]);
        }
    }

    @Test
    void replacesTheDenseLayersAndKeepsTheirParameters() {
        MultiLayerNetwork d = network(false);
        Layer[] before = d.getLayers().clone();
        LinearDenseLayer.replaceIn(d);
        LinearDenseLayer.replaceIn(d);
        for (int i = 0; i < before.length; i++) {
            Layer now = d.getLayers()[i];
            if (before[i] instanceof org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer) {
                assertThat(now).isInstanceOf(LinearDenseLayer.class);
                assertThat(now.params()).isSameAs(before[i].params());
            } else {
                assertThat(now).as("layer %d", i).isSameAs(before[i]);
            }
        }
    }

    @Test
    void theDiscriminatorsLastLayerRunsTwoMatrixProductsBackwardNotThree() {
        assertThat(matrixProductsInTheLastLayersBackwardPass(false)).as("DL4J's own layer").isEqualTo(3);
        // The weight gradient and the input's error; DL4J's own layer also computes its output again.
        assertThat(matrixProductsInTheLastLayersBackwardPass(true)).isEqualTo(2);
    }

    private static long matrixProductsInTheLastLayersBackwardPass(boolean linear) {
        MultiLayerNetwork d = network(false);
        d.initGradientsView();
        if (linear) {
            LinearDenseLayer.replaceIn(d);
        }
        d.setInput(input(false, 3));
        d.feedForward(true, false);
        Layer last = d.getLayers()[d.getLayers().length - 1];
        Nd4j.getExecutioner().setProfilingConfig(ProfilerConfig.builder().checkElapsedTime(true).build());
        OpProfiler.getInstance().reset();
        last.backpropGradient(outputError(false, 3), NO_WORKSPACES);
        long count = OpProfiler.getInstance().getOpCounter().getCount("matmul");
        Nd4j.getExecutioner().setProfilingConfig(ProfilerConfig.builder().build());
        return count;
    }
}
