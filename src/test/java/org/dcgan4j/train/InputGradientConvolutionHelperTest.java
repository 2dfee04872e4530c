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
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * D's backward pass in the input-gradient-only mode against DL4J's full one, on the real D at
 * the default widths: the same error at D's input, and no parameter gradient written.
 */
class InputGradientConvolutionHelperTest {

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

    private static INDArray images() {
        Nd4j.getRandom().setSeed(3);
        return Nd4j.rand(DataType.FLOAT, BATCH, 1, 28, 28).muli(2).subi(1);
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
        InputGradientConvolutionHelper.installIn(d);
        int installed = 0;
        for (Layer layer : d.getLayers()) {
            if (layer instanceof ConvolutionLayer conv) {
                assertThat(conv.getHelper()).isInstanceOf(InputGradientConvolutionHelper.class);
                installed++;
            }
        }
        assertThat(installed).isEqualTo(2);
    }

    @Test
    void givesTheSameInputErrorAsTheFullBackwardPass() {
        MultiLayerNetwork d = discriminator();
        InputGradientConvolutionHelper.Switch mode = InputGradientConvolutionHelper.installIn(d);
        INDArray images = images();
        INDArray full = inputError(d, images);
        INDArray inputOnly;
        try (InputGradientConvolutionHelper.Scope scope = mode.inputGradientOnly()) {
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
        InputGradientConvolutionHelper.Switch mode = InputGradientConvolutionHelper.installIn(d);
        INDArray images = images();
        inputError(d, images);
        d.getGradientsViewArray().assign(Double.NaN);
        try (InputGradientConvolutionHelper.Scope scope = mode.inputGradientOnly()) {
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

    @Test
    void theWeightGradientOutsideTheScopeIsDl4jsOwn() {
        MultiLayerNetwork plain = discriminator();
        MultiLayerNetwork wrapped = plain.clone();
        InputGradientConvolutionHelper.installIn(wrapped);
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
