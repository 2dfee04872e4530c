package org.dcgan4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.dcgan4j.model.AdamSettings;
import org.dcgan4j.model.Architecture;
import org.dcgan4j.model.GeneratorFactory;
import org.dcgan4j.model.LayerHelpers;
import org.dcgan4j.testing.LayerHelperSwitch;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.Deconvolution2DLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.DeconvolutionParamInitializer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * G with both of its transposed convolutions replaced (the bias added after {@code deconv2d})
 * against DL4J's own layers, on the oneDNN path the trainer takes, with non-zero biases (DL4J
 * starts them at 0, which would hide a missing bias).
 */
class SeparateBiasDeconvolutionLayerTest {

    private static final int BATCH = 8;
    private static final LayerWorkspaceMgr NO_WORKSPACES = LayerWorkspaceMgr.noWorkspaces();

    /** Helpers on for each test; the global switch restored after it. */
    @RegisterExtension
    final LayerHelperSwitch helperSwitch = LayerHelperSwitch.on();

    private static MultiLayerNetwork generator(boolean replaced) {
        MultiLayerNetwork g = LayerHelpers.with(true,
                () -> GeneratorFactory.create(Architecture.DEFAULT, AdamSettings.DCGAN, 5));
        Nd4j.getRandom().setSeed(9);
        for (Layer layer : g.getLayers()) {
            if (layer instanceof Deconvolution2DLayer) {
                INDArray bias = layer.getParam(DeconvolutionParamInitializer.BIAS_KEY);
                bias.assign(Nd4j.randn(DataType.FLOAT, bias.shape()));
            }
        }
        if (replaced) {
            LinearDeconvolutionLayer.replaceIn(g);
            CachedOutputDeconvolutionLayer.replaceIn(g);
        }
        return g;
    }

    private static INDArray noise() {
        Nd4j.getRandom().setSeed(4);
        return Nd4j.randn(DataType.FLOAT, BATCH, Architecture.DEFAULT.generatorInputSize());
    }

    /** Every layer's activations in {@code training} mode, then (training only) G's gradient and input error. */
    private static float[] pass(MultiLayerNetwork g, boolean training) {
        g.setInput(noise());
        List<INDArray> activations = g.feedForward(training, false);
        INDArray all = Nd4j.concat(0, activations.stream().map(a -> a.dup().ravel()).toArray(INDArray[]::new));
        if (!training) {
            return all.toFloatVector();
        }
        Nd4j.getRandom().setSeed(6);
        Pair<Gradient, INDArray> result = g.backpropGradient(
                Nd4j.randn(DataType.FLOAT, activations.get(activations.size() - 1).shape()), NO_WORKSPACES);
        return Nd4j.concat(0, all, result.getFirst().gradient().dup().ravel(), result.getSecond().dup().ravel())
                .toFloatVector();
    }

    @ParameterizedTest(name = "training: {0}")
    @ValueSource(booleans = {true, false})
    void activationsAndGradientsAreExactlyThoseOfDl4jsOwnLayers(boolean training) {
        MultiLayerNetwork replaced = generator(true);
        assertThat(replaced.getLayers()).filteredOn(l -> l instanceof SeparateBiasDeconvolutionLayer).hasSize(2);
        INDArray ours = Nd4j.createFromArray(pass(replaced, training));
        INDArray dl4js = Nd4j.createFromArray(pass(generator(false), training));
        // Compared as arrays: an AssertJ diff of a million floats takes minutes.
        assertThat(ours.length()).isEqualTo(dl4js.length());
        assertThat(ours.sub(dl4js).amaxNumber().doubleValue()).as("largest difference").isZero();
    }
}
