package org.dcgan4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class LeakyReluActivationTest {

    /** Normal values, with both zeros and both signs of tiny values mixed in. */
    private static INDArray input(DataType type, long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray x = Nd4j.randn(type, 4, 8, 14, 14).muli(3);
        x.putScalar(0, 0.0);
        x.putScalar(1, -0.0);
        x.putScalar(2, 1e-30);
        x.putScalar(3, -1e-30);
        // The smallest subnormal values of the type, of both signs.
        double tiny = type == DataType.FLOAT ? Float.MIN_VALUE : Double.MIN_VALUE;
        x.putScalar(4, tiny);
        x.putScalar(5, -tiny);
        return x;
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void forwardIsBitIdenticalToNd4jsLeakyRelu(DataType type) {
        INDArray x = input(type, 1);
        INDArray expected = new ActivationLReLU(0.2).getActivation(x.dup(), true);
        INDArray actual = new LeakyReluActivation(0.2).getActivation(x.dup(), true);
        assertThat(actual.ravel().toDoubleVector()).containsExactly(expected.ravel().toDoubleVector());
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void backwardIsBitIdenticalToNd4jsLeakyRelu(DataType type) {
        INDArray x = input(type, 2);
        Nd4j.getRandom().setSeed(3);
        INDArray error = Nd4j.randn(type, x.shape());
        INDArray expected = new ActivationLReLU(0.2).backprop(x.dup(), error.dup()).getFirst();
        INDArray actual = new LeakyReluActivation(0.2).backprop(x.dup(), error.dup()).getFirst();
        assertThat(actual.ravel().toDoubleVector()).containsExactly(expected.ravel().toDoubleVector());
    }

    @Test
    void aSlopeOutsideZeroToOneIsRefused() {
        assertThatThrownBy(() -> new LeakyReluActivation(1.5)).hasMessageContaining("(0, 1), got 1.5");
    }

    @Test
    void theDiscriminatorsJsonKeepsItsSlope() {
        MultiLayerNetwork d = DiscriminatorFactory.create(new Architecture(16, 8, 8), AdamSettings.DCGAN, 1);
        MultiLayerConfiguration read = MultiLayerConfiguration.fromJson(d.getLayerWiseConfigurations().toJson());
        assertThat(((BaseLayer) read.getConf(0).getLayer()).getActivationFn()).isEqualTo(new LeakyReluActivation(0.2));
        assertThat(((ActivationLayer) read.getConf(3).getLayer()).getActivationFn()).isEqualTo(new LeakyReluActivation(0.2));
    }
}
