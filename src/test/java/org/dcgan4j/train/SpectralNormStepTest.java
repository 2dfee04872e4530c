package org.dcgan4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.dcgan4j.model.AdamSettings;
import org.dcgan4j.model.Architecture;
import org.dcgan4j.model.ClassConditioning;
import org.dcgan4j.model.DiscriminatorFactory;
import org.dcgan4j.model.GeneratorFactory;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** D under spectral normalisation, as the training step drives it (the step calls the constraints itself). */
class SpectralNormStepTest {

    private static final Architecture ARCH = new Architecture(16, 8, 8);

    private static GanModels models() {
        return new GanModels(GeneratorFactory.create(ARCH, AdamSettings.DCGAN, 3),
                DiscriminatorFactory.create(ARCH, AdamSettings.DCGAN, 4, DataType.FLOAT, true));
    }

    /** The largest singular value of a weight array read as [size(0), rest], by SVD. */
    private static double sigma(INDArray weights) {
        INDArray m = weights.reshape('c', weights.size(0), weights.length() / weights.size(0));
        double[][] rows = new double[(int) m.rows()][];
        for (int r = 0; r < rows.length; r++) {
            rows[r] = m.getRow(r).toDoubleVector();
        }
        return new SingularValueDecomposition(new Array2DRowRealMatrix(rows, false)).getSingularValues()[0];
    }

    /** The layer's weights, or null for a layer without (DL4J's activation layer refuses getParam). */
    private static INDArray weights(Layer layer) {
        return layer.paramTable().get("W");
    }

    private static void steps(GanModels m, int count) {
        AdversarialStep step = new AdversarialStep(m, new ClassConditioning(ARCH), GanLoss.HINGE);
        for (int i = 0; i < count; i++) {
            INDArray real = Nd4j.rand(DataType.FLOAT, 8, 1, 28, 28).muli(2).subi(1);
            step.run(real, null, LatentNoise.sample(1, LatentNoise.TRAINING, i, 8, ARCH.latentSize()), i, 0);
        }
    }

    @Test
    void everyWeightMatrixOfDHasSpectralNormAtMostOneAfterSteps() {
        Nd4j.getRandom().setSeed(1);
        GanModels m = models();
        assertThat(m.discriminator().getLayers()).as("no BatchNormalization in D")
                .noneMatch(l -> l.conf().getLayer() instanceof BatchNormalization);
        // Weights far outside the constraint: the first steps must bring them back.
        for (Layer layer : m.discriminator().getLayers()) {
            if (weights(layer) != null) {
                weights(layer).muli(10);
            }
        }
        assertThat(sigma(weights(m.discriminator().getLayer(1)))).isGreaterThan(2);

        steps(m, 5);
        int constrained = 0;
        for (Layer layer : m.discriminator().getLayers()) {
            if (weights(layer) != null) {
                assertThat(sigma(weights(layer))).as("sigma of layer %d", layer.getIndex()).isLessThan(1 + 1e-3);
                constrained++;
            }
        }
        assertThat(constrained).isEqualTo(3);
    }

    @Test
    void thePowerIterationsVectorIsSavedWithTheModelAndTrainingGoesOnIdentically() throws Exception {
        Nd4j.getRandom().setSeed(2);
        GanModels m = models();
        steps(m, 3);
        ByteArrayOutputStream saved = new ByteArrayOutputStream();
        ModelSerializer.writeModel(m.discriminator(), saved, true);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(
                new ByteArrayInputStream(saved.toByteArray()), true);
        assertThat(restored.getLayerWiseConfigurations().toJson()).contains("\"u\"")
                .isEqualTo(m.discriminator().getLayerWiseConfigurations().toJson());
        GanModels copy = new GanModels(m.generator().clone(), restored, m.generatorEma().clone());

        Nd4j.getRandom().setSeed(3);
        steps(m, 2);
        Nd4j.getRandom().setSeed(3);
        steps(copy, 2);

        assertThat(copy.discriminator().params()).isEqualTo(m.discriminator().params());
    }
}
