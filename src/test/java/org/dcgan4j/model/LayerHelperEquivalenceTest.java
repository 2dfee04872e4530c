package org.dcgan4j.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.dcgan4j.testing.LayerHelperSwitch;
import org.dcgan4j.train.LatentNoise;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * DL4J's native (oneDNN) layer helpers, once enabled (see {@code LayerHelpers}), must compute
 * what DL4J's Java implementation computes: the same forward output, parameter gradient and
 * input gradient for D and G (up to float rounding).
 */
class LayerHelperEquivalenceTest {

    private static final Architecture ARCH = new Architecture(16, 8, 8);

    /** The switch is global: each test sets it, and later tests in this JVM see what they would have seen. */
    @RegisterExtension
    final LayerHelperSwitch helperSwitch = LayerHelperSwitch.restoring();

    /** [output, parameter gradient, input gradient] of one training-mode pass. */
    private static INDArray[] pass(MultiLayerNetwork net, INDArray input, boolean expectHelper) {
        if (net.getLayer(0) instanceof ConvolutionLayer conv) {
            assertThat(conv.getHelper() != null).as("conv helper present").isEqualTo(expectHelper);
        }
        net.setInput(input);
        List<INDArray> acts = net.feedForward(true, false);
        INDArray out = acts.get(acts.size() - 1).dup();
        INDArray eps = LatentNoise.sample(5, 8, 0, (int) out.length(), 1).reshape(out.shape());
        Pair<org.deeplearning4j.nn.gradient.Gradient, INDArray> g = net.backpropGradient(eps, LayerWorkspaceMgr.noWorkspaces());
        return new INDArray[] {out, g.getFirst().gradient().dup(), g.getSecond() == null ? null : g.getSecond().dup()};
    }

    private static INDArray[] run(boolean helpers, boolean discriminator) {
        LayerHelpers.enable(helpers);
        MultiLayerNetwork net = discriminator ? DiscriminatorFactory.create(ARCH, AdamSettings.DCGAN, 2)
                : GeneratorFactory.create(ARCH, AdamSettings.DCGAN, 1);
        INDArray input = discriminator
                ? Transforms.tanh(LatentNoise.sample(3, 9, 0, 8, 784)).reshape(8, 1, 28, 28)
                : LatentNoise.sample(3, 9, 0, 8, 16);
        return pass(net, input, helpers && discriminator);
    }

    private static void assertClose(INDArray a, INDArray b, String what) {
        double diff = Transforms.abs(a.sub(b)).maxNumber().doubleValue();
        double scale = Math.max(Transforms.abs(b).maxNumber().doubleValue(), 1e-12);
        assertThat(diff / scale).as("relative max |difference| of %s", what).isLessThan(1e-4);
    }

    @Test
    void discriminatorWithHelpersMatchesTheJavaPath() {
        INDArray[] on = run(true, true);
        INDArray[] off = run(false, true);
        assertClose(on[0], off[0], "D output");
        assertClose(on[1], off[1], "D parameter gradient");
        assertClose(on[2], off[2], "D input gradient");
    }

    @Test
    void generatorWithHelpersMatchesTheJavaPath() {
        INDArray[] on = run(true, false);
        INDArray[] off = run(false, false);
        assertClose(on[0], off[0], "G output");
        assertClose(on[1], off[1], "G parameter gradient");
    }

    @Test
    void theStatusLineSaysWhetherTheHelpersReallyLoaded() {
        MultiLayerNetwork withHelpers = LayerHelpers.with(true, () -> DiscriminatorFactory.create(ARCH, AdamSettings.DCGAN, 2));
        MultiLayerNetwork without = LayerHelpers.with(false, () -> DiscriminatorFactory.create(ARCH, AdamSettings.DCGAN, 2));

        assertThat(LayerHelpers.status(withHelpers, true))
                .isEqualTo("DL4J native layer helpers: in use (MKLDNNBatchNormHelper, MKLDNNConvHelper)");
        // Asked for, but the network has none: what a broken helper lookup looks like.
        assertThat(LayerHelpers.status(without, true)).isEqualTo("DL4J native layer helpers: asked for but NOT loaded"
                + " (DL4J's lookup through org.nd4j.nativeblas.Nd4jCpu$Environment answered that oneDNN is on);"
                + " every layer runs on DL4J's Java path, 2-3x slower");
        assertThat(LayerHelpers.status(without, false)).isEqualTo("DL4J native layer helpers: off"
                + " (switched off with -Ddcgan4j.layerHelpers=false)");
    }

    @Test
    void withSwitchesForItsWorkOnlyAndNetworksKeepWhatTheyWereBuiltWith() {
        LayerHelpers.enable(true);
        MultiLayerNetwork javaLayers = LayerHelpers.with(false, () -> DiscriminatorFactory.create(ARCH, AdamSettings.DCGAN, 2));
        assertThat(LayerHelpers.enabled()).isTrue();
        assertThat(LayerHelpers.inUse(javaLayers)).isFalse();
        assertThat(LayerHelpers.inUse(DiscriminatorFactory.create(ARCH, AdamSettings.DCGAN, 2))).isTrue();
    }
}
