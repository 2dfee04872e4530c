package org.dcgan4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.dcgan4j.model.AdamSettings;
import org.dcgan4j.model.Architecture;
import org.dcgan4j.model.DiscriminatorFactory;
import org.dcgan4j.model.LayerHelpers;
import org.dcgan4j.testing.LayerHelperSwitch;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * D's backward pass in the input-error-only and parameters-only modes against DL4J's full one,
 * on the real D at the default widths: the same error at D's input and no parameter gradient
 * written in the first; the same gradients (the first layer's within float rounding) in the
 * second.
 */
class PartialGradientConvolutionHelperTest {

    private static final int BATCH = 16;
    private static final LayerWorkspaceMgr NO_WORKSPACES = LayerWorkspaceMgr.noWorkspaces();

    /** Helpers on for each test; the global switch restored after it. */
    @RegisterExtension
    final LayerHelperSwitch helperSwitch = LayerHelperSwitch.on();

    private static MultiLayerNetwork discriminator() {
        return LayerHelpers.with(true, () -> DiscriminatorFactory.create(Architecture.DEFAULT, AdamSettings.DCGAN, 6));
    }

    /** D's input error for {@code images} and a seeded error at its logits, from a fresh forward pass. */
    private static INDArray inputError(MultiLayerNetwork d, INDArray images) {
        d.setInput(images);
        List<INDArray> activations = d.feedForward(true, false);
        Nd4j.getRandom().setSeed(11);
        INDArray logitError = Nd4j.randn(DataType.FLOAT, activations.get(activations.size() - 1).shape());
        return d.backpropGradient(logitError, NO_WORKSPACES).getSecond().dup();
    }

    /** Seeded inputs in [-1, 1] for a D that reads {@code planes} planes (the image, then any label planes). */
    private static INDArray images(int planes) {
        Nd4j.getRandom().setSeed(3);
        return Nd4j.rand(DataType.FLOAT, BATCH, planes, 28, 28).muli(2).subi(1);
    }

    private static INDArray images() {
        return images(1);
    }

    private static List<INDArray> convolutionWeightGradients(MultiLayerNetwork d) {
        List<INDArray> views = new ArrayList<>();
        for (Layer layer : d.getLayers()) {
            if (layer instanceof ConvolutionLayer) {
                views.add(layer.getGradientsViewArray());
            }
        }
        return views;
    }

    @Test
    void installsInEveryConvolutionOfD() {
        MultiLayerNetwork d = discriminator();
        PartialGradientConvolutionHelper.installIn(d);
        int installed = 0;
        for (Layer layer : d.getLayers()) {
            if (layer instanceof ConvolutionLayer conv) {
                assertThat(conv.getHelper()).isInstanceOf(PartialGradientConvolutionHelper.class);
                installed++;
            }
        }
        assertThat(installed).isEqualTo(2);
    }

    @Test
    void givesTheSameInputErrorAsTheFullBackwardPass() {
        MultiLayerNetwork d = discriminator();
        PartialGradientConvolutionHelper.Switch mode = PartialGradientConvolutionHelper.installIn(d);
        INDArray images = images();
        INDArray full = inputError(d, images);
        INDArray inputOnly;
        try (PartialGradientConvolutionHelper.Scope scope = mode.inputErrorOnly()) {
            inputOnly = inputError(d, images);
        }
        assertThat(full.amaxNumber().doubleValue()).as("a non-trivial input error").isGreaterThan(0);
        // oneDNN's backward-data pass of a convolution and its transposed convolution are one
        // computation: the same bits (measured), so an exact comparison.
        assertThat(inputOnly.equalsWithEps(full, 0.0)).as("bit-identical input errors").isTrue();
    }

    @Test
    void writesNoConvolutionGradientInsideTheScopeAndAllOfThemAfterIt() {
        MultiLayerNetwork d = discriminator();
        PartialGradientConvolutionHelper.Switch mode = PartialGradientConvolutionHelper.installIn(d);
        INDArray images = images();
        inputError(d, images);
        d.getGradientsViewArray().assign(Double.NaN);
        try (PartialGradientConvolutionHelper.Scope scope = mode.inputErrorOnly()) {
            inputError(d, images);
        }
        for (INDArray view : convolutionWeightGradients(d)) {
            assertThat(view.isNaN().all()).as("convolution gradients left untouched in the scope").isTrue();
        }

        inputError(d, images);
        for (INDArray view : convolutionWeightGradients(d)) {
            assertThat(view.isNaN().any()).as("convolution gradients computed after the scope").isFalse();
            assertThat(view.amaxNumber().doubleValue()).isGreaterThan(0);
        }
    }

    @ParameterizedTest(name = "{0} label classes")
    @ValueSource(ints = {0, 10})
    void parametersOnlyGivesDl4jsGradientsAndZerosAtTheInput(int classes) {
        Architecture architecture = classes == 0 ? Architecture.DEFAULT : Architecture.DEFAULT.withClasses(classes);
        MultiLayerNetwork plain = LayerHelpers.with(true,
                () -> DiscriminatorFactory.create(architecture, AdamSettings.DCGAN, 6));
        MultiLayerNetwork wrapped = plain.clone();
        PartialGradientConvolutionHelper.Switch mode = PartialGradientConvolutionHelper.installIn(wrapped);
        INDArray images = images(architecture.discriminatorChannels());
        inputError(plain, images);
        wrapped.getGradientsViewArray().assign(Double.NaN);
        INDArray inputError;
        try (PartialGradientConvolutionHelper.Scope scope = mode.parametersOnly()) {
            inputError = inputError(wrapped, images);
        }
        assertThat(inputError.shape()).containsExactly(images.shape());
        assertThat(inputError.amaxNumber().doubleValue()).as("the input error is not computed: zeros").isEqualTo(0.0);
        for (Layer layer : plain.getLayers()) {
            for (String key : layer.paramTable().keySet()) {
                INDArray dl4j = gradientOf(plain, layer.getIndex(), key);
                INDArray ours = gradientOf(wrapped, layer.getIndex(), key);
                String name = layer.getIndex() + "_" + key;
                assertThat(ours.isNaN().any()).as(name + " written").isFalse();
                double difference = ours.sub(dl4j).amaxNumber().doubleValue();
                if (layer.getIndex() == 0 && key.equals(ConvolutionParamInitializer.BIAS_KEY)) {
                    double scale = dl4j.amaxNumber().doubleValue();
                    assertThat(scale).as(name + " non-trivial").isGreaterThan(0);
                    // The same per-channel sums in another order: float rounding only.
                    assertThat(difference).as(name).isLessThanOrEqualTo(1e-5 * scale);
                } else {
                    // The first layer's weight gradient through the transposed convolution is the
                    // same computation in oneDNN (measured), the other layers DL4J's own: exact.
                    assertThat(difference).as(name + " as DL4J computes it").isEqualTo(0.0);
                }
            }
        }
    }

    /** The gradient view of one parameter of {@code net}'s layer {@code index}. */
    private static INDArray gradientOf(MultiLayerNetwork net, int index, String key) {
        Layer layer = net.getLayer(index);
        return layer.conf().getLayer().initializer()
                .getGradientsFromFlattened(layer.conf(), layer.getGradientsViewArray()).get(key);
    }

    @Test
    void theWeightGradientOutsideTheScopeIsDl4jsOwn() {
        MultiLayerNetwork plain = discriminator();
        MultiLayerNetwork wrapped = plain.clone();
        PartialGradientConvolutionHelper.installIn(wrapped);
        INDArray images = images();
        inputError(plain, images);
        inputError(wrapped, images);
        for (Layer layer : plain.getLayers()) {
            if (layer instanceof ConvolutionLayer) {
                String key = layer.getIndex() + "_" + ConvolutionParamInitializer.WEIGHT_KEY;
                assertThat(wrapped.getLayer(layer.getIndex()).getGradientsViewArray()
                        .equalsWithEps(layer.getGradientsViewArray(), 0.0)).as(key).isTrue();
            }
        }
    }
}
