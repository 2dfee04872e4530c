package org.dcgan4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.dcgan4j.model.AdamSettings;
import org.dcgan4j.model.Architecture;
import org.dcgan4j.model.DiscriminatorFactory;
import org.dcgan4j.model.GeneratorFactory;
import org.dcgan4j.model.LayerHelpers;
import org.dcgan4j.testing.LayerHelperSwitch;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNBatchNormHelper;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.profiler.OpProfiler;
import org.nd4j.linalg.profiler.ProfilerConfig;

/**
 * The composed BatchNormalization backward pass against oneDNN's, on the real model (G's dense
 * [N, 6272] BatchNormalization, G's and D's convolutional ones), at the default widths.
 */
class ComposedBatchNormHelperTest {

    private static final int BATCH = 16;
    /** Float rounding of sums taken in another order: measured up to 2.5e-5 (a bias just before a BatchNormalization, whose true gradient is 0: both sides are rounding noise). */
    private static final double TOLERANCE = 5e-5;
    private static final LayerWorkspaceMgr NO_WORKSPACES = LayerWorkspaceMgr.noWorkspaces();

    /** Helpers on for each test; the global switch restored after it. */
    @RegisterExtension
    final LayerHelperSwitch helperSwitch = LayerHelperSwitch.on();

    @AfterEach
    void profilerOff() {
        Nd4j.getExecutioner().setProfilingConfig(ProfilerConfig.builder().build());
    }

    private static MultiLayerNetwork network(boolean generator) {
        MultiLayerNetwork net = LayerHelpers.with(true, () -> generator
                ? GeneratorFactory.create(Architecture.DEFAULT, AdamSettings.DCGAN, 5)
                : DiscriminatorFactory.create(Architecture.DEFAULT, AdamSettings.DCGAN, 6));
        // A trained network's gamma and beta, not the initial 1 and 0 (which would hide a missing scale or shift).
        Nd4j.getRandom().setSeed(7);
        for (Layer layer : net.getLayers()) {
            if (layer instanceof BatchNormalization) {
                layer.getParam(BatchNormalizationParamInitializer.GAMMA).assign(Nd4j.rand(DataType.FLOAT,
                        layer.getParam(BatchNormalizationParamInitializer.GAMMA).shape()).addi(0.5));
                layer.getParam(BatchNormalizationParamInitializer.BETA).assign(Nd4j.randn(DataType.FLOAT,
                        layer.getParam(BatchNormalizationParamInitializer.BETA).shape()));
            }
        }
        return net;
    }

    private static INDArray input(boolean generator, long seed) {
        Nd4j.getRandom().setSeed(seed);
        // Shifted and scaled so that the batch means are far from 0 and the variances from 1.
        return generator ? Nd4j.randn(DataType.FLOAT, BATCH, Architecture.DEFAULT.generatorInputSize()).muli(3).addi(1)
                : Nd4j.rand(DataType.FLOAT, BATCH, 1, 28, 28).muli(2).subi(1);
    }

    private static INDArray outputError(boolean generator, long seed) {
        Nd4j.getRandom().setSeed(seed + 100);
        return generator ? Nd4j.randn(DataType.FLOAT, BATCH, 1, 28, 28) : Nd4j.randn(DataType.FLOAT, BATCH, 1);
    }

    /** Every layer's output, then each parameter's gradient by name and the input's error, copied out of DL4J's shared buffers. */
    private static Pass pass(MultiLayerNetwork net, boolean generator, long seed) {
        net.setInput(input(generator, seed));
        INDArray[] activations = net.feedForward(true, false).stream().map(INDArray::dup).toArray(INDArray[]::new);
        Pair<Gradient, INDArray> result = net.backpropGradient(outputError(generator, seed), NO_WORKSPACES);
        Gradient copy = new org.deeplearning4j.nn.gradient.DefaultGradient();
        result.getFirst().gradientForVariable().forEach((name, g) -> copy.setGradientFor(name, g.dup()));
        return new Pass(activations, copy, result.getSecond().dup());
    }

    private record Pass(INDArray[] activations, Gradient gradient, INDArray inputError) {}

    private static void assertClose(INDArray actual, INDArray expected, double scale, String what) {
        double worst = actual.sub(expected).amaxNumber().doubleValue() / scale;
        assertThat(worst).as("%s: largest difference relative to the largest value", what).isLessThanOrEqualTo(TOLERANCE);
    }

    /**
     * The largest gradient value of the layer that owns {@code name} ("3_W" is layer 3's): the
     * scale for its differences. A bias just before a BatchNormalization has a gradient that is 0
     * but for rounding, which only the layer's weight gradient gives a scale to.
     */
    private static double layerScale(Gradient gradient, String name) {
        String layer = name.substring(0, name.indexOf('_') + 1);
        return gradient.gradientForVariable().entrySet().stream().filter(e -> e.getKey().startsWith(layer))
                .mapToDouble(e -> e.getValue().amaxNumber().doubleValue()).max().orElseThrow();
    }

    @ParameterizedTest(name = "generator {0}")
    @ValueSource(booleans = {true, false})
    void outputsAndGradientsMatchOneDnns(boolean generator) {
        MultiLayerNetwork onednn = network(generator);
        MultiLayerNetwork composed = network(generator);
        ComposedBatchNormHelper.installIn(composed);
        assertThat(Arrays.stream(composed.getLayers()).filter(l -> l instanceof BatchNormalization)
                .map(l -> ((BatchNormalization) l).getHelper())).isNotEmpty().allMatch(h -> h instanceof ComposedBatchNormHelper);
        for (long seed : new long[] {1, 2}) {
            Pass expected = pass(onednn, generator, seed);
            Pass actual = pass(composed, generator, seed);
            for (int i = 0; i < expected.activations().length; i++) {
                assertClose(actual.activations()[i], expected.activations()[i],
                        expected.activations()[i].amaxNumber().doubleValue(), "output of layer " + (i - 1) + ", seed " + seed);
            }
            assertThat(actual.gradient().gradientForVariable().keySet())
                    .containsExactlyElementsOf(expected.gradient().gradientForVariable().keySet());
            expected.gradient().gradientForVariable().forEach((name, g) -> {
                INDArray a = actual.gradient().getGradientFor(name);
                boolean runningStatistic = name.endsWith(BatchNormalizationParamInitializer.GLOBAL_MEAN)
                        || name.endsWith(BatchNormalizationParamInitializer.GLOBAL_VAR)
                        || name.endsWith(BatchNormalizationParamInitializer.GLOBAL_LOG_STD);
                // A running statistic's update comes from this helper's batch statistics: scaled by its own size.
                double scale = runningStatistic ? g.amaxNumber().doubleValue() : layerScale(expected.gradient(), name);
                assertClose(a, g, scale, name + ", seed " + seed);
            });
            assertClose(actual.inputError(), expected.inputError(), expected.inputError().amaxNumber().doubleValue(),
                    "input error, seed " + seed);
        }
    }

    @Test
    void oneDnnsBatchNormOpsNoLongerRunInTraining() {
        assertThat(batchNormOps(false)).as("oneDNN's helper: batchnorm, batchnorm_bp").containsExactly(2L, 2L);
        assertThat(batchNormOps(true)).containsExactly(0L, 0L);
    }

    /** How many times G's training-mode forward pass runs {@code batchnorm}, and its backward pass {@code batchnorm_bp}. */
    private static long[] batchNormOps(boolean composed) {
        MultiLayerNetwork g = network(true);
        if (composed) {
            ComposedBatchNormHelper.installIn(g);
        }
        g.setInput(input(true, 3));
        Nd4j.getExecutioner().setProfilingConfig(ProfilerConfig.builder().checkElapsedTime(true).build());
        OpProfiler.getInstance().reset();
        g.feedForward(true, false);
        long forward = OpProfiler.getInstance().getOpCounter().getCount("batchnorm");
        OpProfiler.getInstance().reset();
        g.backpropGradient(outputError(true, 3), NO_WORKSPACES);
        long backward = OpProfiler.getInstance().getOpCounter().getCount("batchnorm_bp");
        Nd4j.getExecutioner().setProfilingConfig(ProfilerConfig.builder().build());
        return new long[] {forward, backward};
    }

    @Test
    void installsOnlyOverOneDnnsHelperAndOnlyOnce() {
        MultiLayerNetwork withoutHelpers = LayerHelpers.with(false,
                () -> GeneratorFactory.create(Architecture.DEFAULT, AdamSettings.DCGAN, 5));
        ComposedBatchNormHelper.installIn(withoutHelpers);
        for (Layer layer : withoutHelpers.getLayers()) {
            if (layer instanceof BatchNormalization bn) {
                assertThat(bn.getHelper()).isNull();
            }
        }
        MultiLayerNetwork g = network(true);
        ComposedBatchNormHelper.installIn(g);
        ComposedBatchNormHelper.installIn(g);
        for (Layer layer : g.getLayers()) {
            if (layer instanceof BatchNormalization bn) {
                assertThat(bn.getHelper()).isInstanceOf(ComposedBatchNormHelper.class);
                assertThat(((ComposedBatchNormHelper) bn.getHelper()).wrapped()).isInstanceOf(MKLDNNBatchNormHelper.class);
            }
        }
    }
}
