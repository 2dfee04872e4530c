package org.dcgan4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.dcgan4j.model.AdamSettings;
import org.dcgan4j.model.Architecture;
import org.dcgan4j.model.DiscriminatorFactory;
import org.dcgan4j.model.LayerHelpers;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.profiler.OpProfiler;
import org.nd4j.linalg.profiler.ProfilerConfig;

class CachingForwardPassTest {

    private static final Architecture ARCH = new Architecture(16, 8, 8);
    private static final LayerWorkspaceMgr NO_WORKSPACES = LayerWorkspaceMgr.noWorkspaces();

    @AfterEach
    void profilingOff() {
        Nd4j.getExecutioner().setProfilingConfig(ProfilerConfig.builder().build());
    }

    private static MultiLayerNetwork discriminator(boolean helpers) {
        return LayerHelpers.with(helpers, () -> DiscriminatorFactory.create(ARCH, AdamSettings.DCGAN, 11));
    }

    private static INDArray images(long seed) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.rand(DataType.FLOAT, 8, 1, 28, 28).muli(2).subi(1);
    }

    private static INDArray error(long seed) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.randn(DataType.FLOAT, 8, 1);
    }

    /** Parameter gradient and input gradient, copied out of DL4J's shared buffers. */
    private record Gradients(INDArray parameters, INDArray input) {
        static Gradients of(Pair<Gradient, INDArray> backward) {
            return new Gradients(backward.getFirst().gradient().dup(), backward.getSecond().dup());
        }
    }

    private static Gradients withDl4jsForwardPass(MultiLayerNetwork net, INDArray input, INDArray error) {
        net.setInput(input);
        net.feedForward(true, false);
        return Gradients.of(net.backpropGradient(error, NO_WORKSPACES));
    }

    private static Gradients withCachingForwardPass(CachingForwardPass pass, MultiLayerNetwork net,
                                                    INDArray input, INDArray error) {
        try (CachingForwardPass.Scope scope = pass.open()) {
            pass.feedForward(input);
            return Gradients.of(net.backpropGradient(error, NO_WORKSPACES));
        }
    }

    @ParameterizedTest(name = "native layer helpers {0}")
    @ValueSource(booleans = {true, false})
    void gradientsAreExactlyThoseOfDl4jsOwnForwardPass(boolean helpers) {
        MultiLayerNetwork plain = discriminator(helpers);
        MultiLayerNetwork cached = discriminator(helpers);
        CachingForwardPass pass = new CachingForwardPass(cached, "test-cache");
        // Two different batches in turn: the second backward pass must use the second batch's
        // cache, not the first's.
        for (long seed : new long[] {1, 2, 1}) {
            Gradients expected = withDl4jsForwardPass(plain, images(seed), error(seed));
            Gradients actual = withCachingForwardPass(pass, cached, images(seed), error(seed));

            assertThat(actual.parameters().ravel().toFloatVector()).containsExactly(expected.parameters().ravel().toFloatVector());
            assertThat(actual.input().ravel().toFloatVector()).containsExactly(expected.input().ravel().toFloatVector());
        }
    }

    @Test
    void activationsAreThoseOfFeedForward() {
        MultiLayerNetwork net = discriminator(true);
        INDArray input = images(4);
        net.setInput(input);
        List<INDArray> expected = net.feedForward(true, false);
        CachingForwardPass pass = new CachingForwardPass(net, "test-cache");
        List<INDArray> actual;
        try (CachingForwardPass.Scope scope = pass.open()) {
            actual = pass.feedForward(input);
        }
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.get(i).ravel().toFloatVector()).as("activation %d", i)
                    .containsExactly(expected.get(i).ravel().toFloatVector());
        }
    }

    @Test
    void backwardPassRunsNoConvolutionForward() {
        MultiLayerNetwork net = discriminator(true);
        assertThat(LayerHelpers.inUse(net)).as("oneDNN helpers on this machine").isTrue();
        CachingForwardPass pass = new CachingForwardPass(net, "test-cache");
        try (CachingForwardPass.Scope scope = pass.open()) {
            pass.feedForward(images(5));
            Nd4j.getExecutioner().setProfilingConfig(ProfilerConfig.builder().checkElapsedTime(true).build());
            OpProfiler.getInstance().reset();
            net.backpropGradient(error(5), NO_WORKSPACES);
        }
        assertThat(OpProfiler.getInstance().getOpCounter().getCount("conv2d_bp")).isEqualTo(2);
        assertThat(OpProfiler.getInstance().getOpCounter().getCount("conv2d")).isZero();
    }

    @Test
    void forwardOutsideAScopeIsRefused() {
        CachingForwardPass pass = new CachingForwardPass(discriminator(true), "test-cache");
        assertThatThrownBy(() -> pass.feedForward(images(6)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("outside an open scope");
    }
}
