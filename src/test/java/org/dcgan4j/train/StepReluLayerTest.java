package org.dcgan4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.dcgan4j.model.AdamSettings;
import org.dcgan4j.model.Architecture;
import org.dcgan4j.model.GeneratorFactory;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.ActivationLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** G with its ReLU layers replaced against DL4J's own: the same numbers forwards and backwards. */
class StepReluLayerTest {

    private static final int BATCH = 8;
    private static final LayerWorkspaceMgr NO_WORKSPACES = LayerWorkspaceMgr.noWorkspaces();

    private static MultiLayerNetwork generator() {
        return GeneratorFactory.create(Architecture.DEFAULT, AdamSettings.DCGAN, 5);
    }

    /** [output, parameter gradient, input error] of one training-mode pass, copied out. */
    private static float[][] pass(MultiLayerNetwork g, long seed) {
        Nd4j.getRandom().setSeed(seed);
        g.setInput(Nd4j.randn(DataType.FLOAT, BATCH, Architecture.DEFAULT.generatorInputSize()));
        INDArray out = g.feedForward(true, false).get(g.getnLayers()).dup();
        Nd4j.getRandom().setSeed(seed + 100);
        Pair<Gradient, INDArray> backward = g.backpropGradient(Nd4j.randn(DataType.FLOAT, out.shape()), NO_WORKSPACES);
        return new float[][] {out.ravel().toFloatVector(), backward.getFirst().gradient().dup().ravel().toFloatVector(),
                backward.getSecond().dup().ravel().toFloatVector()};
    }

    /** Equal as numbers: -0.0 and +0.0 count as the same (see the class's Javadoc). */
    private static void assertSameNumbers(float[] actual, float[] expected, String what) {
        assertThat(actual.length).as(what).isEqualTo(expected.length);
        for (int i = 0; i < actual.length; i++) {
            if (actual[i] != expected[i]) {
                throw new AssertionError(what + " differs at " + i + ": " + actual[i] + " vs " + expected[i]);
            }
        }
    }

    @Test
    void generatorPassesAreThoseOfDl4jsOwnLayers() {
        MultiLayerNetwork plain = generator();
        MultiLayerNetwork replaced = generator();
        pass(replaced, 1); // DL4J creates the gradient views on the first backward pass
        StepReluLayer.replaceIn(replaced);
        assertThat(Arrays.stream(replaced.getLayers()).filter(l -> l instanceof StepReluLayer)).hasSize(2);
        for (long seed : new long[] {2, 3}) {
            float[][] expected = pass(plain, seed);
            float[][] actual = pass(replaced, seed);
            assertSameNumbers(actual[0], expected[0], "output, seed " + seed);
            assertSameNumbers(actual[1], expected[1], "parameter gradient, seed " + seed);
            assertSameNumbers(actual[2], expected[2], "input error, seed " + seed);
        }
    }

    @Test
    void errorPassesOnlyWhereTheInputIsPositive() {
        MultiLayerNetwork g = generator();
        StepReluLayer.replaceIn(g);
        Layer relu = Arrays.stream(g.getLayers()).filter(l -> l instanceof StepReluLayer).findFirst().orElseThrow();
        Layer reference = new ActivationLayer(relu.conf(), DataType.FLOAT);
        INDArray input = Nd4j.createFromArray(new float[] {-2f, -0f, 0f, Float.MIN_VALUE, 3f, -Float.MIN_VALUE}).reshape(1, 6);
        INDArray error = Nd4j.createFromArray(new float[] {5f, 6f, -7f, 8f, -9f, 10f}).reshape(1, 6);
        relu.setInput(input.dup(), NO_WORKSPACES);
        reference.setInput(input.dup(), NO_WORKSPACES);
        float[] actual = relu.backpropGradient(error.dup(), NO_WORKSPACES).getSecond().toFloatVector();
        float[] expected = reference.backpropGradient(error.dup(), NO_WORKSPACES).getSecond().toFloatVector();
        assertSameNumbers(actual, expected, "input error");
        assertSameNumbers(actual, new float[] {0f, 0f, 0f, 8f, -9f, 0f}, "input error");
    }

    @Test
    void leavesOtherActivationLayersAlone() {
        MultiLayerNetwork g = generator();
        Layer[] before = g.getLayers().clone();
        StepReluLayer.replaceIn(g);
        StepReluLayer.replaceIn(g);
        for (int i = 0; i < before.length; i++) {
            if (before[i] instanceof ActivationLayer) {
                assertThat(g.getLayer(i)).isInstanceOf(StepReluLayer.class);
            } else {
                assertThat(g.getLayer(i)).isSameAs(before[i]);
            }
        }
    }
}
