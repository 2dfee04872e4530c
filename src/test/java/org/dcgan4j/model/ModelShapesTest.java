package org.dcgan4j.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ModelShapesTest {

    /**
     * G's last layer squashes with tanh into [-1, 1], the range of the real pixels: pushed far
     * out (a bias of +/-5 on the last layer), its outputs saturate just inside +/-1 instead of
     * following the bias.
     */
    @Test
    void generatorMapsNoiseToImagesThroughTanh() {
        MultiLayerNetwork g = GeneratorFactory.create(Architecture.DEFAULT, AdamSettings.DCGAN, 1);
        INDArray noise = Nd4j.randn(5, 100).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT);
        INDArray images = g.output(noise, false);
        assertThat(images.shape()).containsExactly(5, 1, 28, 28);
        assertThat(images.stdNumber().doubleValue()).as("not a constant image").isGreaterThan(1e-4);

        int last = g.getnLayers() - 1;
        for (double bias : new double[] {5, -5}) {
            g.getLayer(last).getParam("b").assign(bias);
            INDArray pushed = g.output(noise, false);
            assertThat(Math.abs(pushed.minNumber().doubleValue())).isBetween(0.99, 1.0);
            assertThat(Math.abs(pushed.maxNumber().doubleValue())).isBetween(0.99, 1.0);
            assertThat(Math.signum(pushed.meanNumber().doubleValue())).isEqualTo(Math.signum(bias));
        }
    }

    @Test
    void discriminatorMapsImagesToOneLogitEach() {
        MultiLayerNetwork d = DiscriminatorFactory.create(Architecture.DEFAULT, AdamSettings.DCGAN, 1);
        INDArray logits = d.output(Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 7, 1, 28, 28), false);
        assertThat(logits.shape()).containsExactly(7, 1);
    }

    @Test
    void widthsAndLatentSizeAreOptions() {
        Architecture small = new Architecture(16, 8, 4);
        MultiLayerNetwork g = GeneratorFactory.create(small, AdamSettings.DCGAN, 1);
        MultiLayerNetwork d = DiscriminatorFactory.create(small, AdamSettings.DCGAN, 1);
        INDArray images = g.output(Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, 3, 16), false);
        assertThat(images.shape()).containsExactly(3, 1, 28, 28);
        assertThat(d.output(images, false).shape()).containsExactly(3, 1);
        // dense z->7*7*16 (+bias), BN(784) x4 params, deconv 16->8 k4, BN(8) x4, deconv 8->1 k4
        long expectedG = (16L * 784 + 784) + 4 * 784 + (16L * 8 * 16 + 8) + 4 * 8 + (8L * 16 + 1);
        assertThat(g.numParams()).isEqualTo(expectedG);
    }

    @Test
    void sameSeedGivesSameWeights() {
        assertThat(GeneratorFactory.create(Architecture.DEFAULT, AdamSettings.DCGAN, 9).params())
                .isEqualTo(GeneratorFactory.create(Architecture.DEFAULT, AdamSettings.DCGAN, 9).params());
    }
}
