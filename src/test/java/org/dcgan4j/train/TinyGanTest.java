package org.dcgan4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/**
 * The training mechanics on their own, without images: with the same {@link AdversarialStep}
 * as the DCGAN, a tiny G must learn to produce samples of N(4, 0.5^2) from N(0, 1) noise.
 */
class TinyGanTest {

    private static MultiLayerNetwork mlp(int in, int hidden, Activation... unused) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(in * 31L + hidden).dataType(DataType.FLOAT)
                .updater(new Adam(2e-3, 0.5, 0.999, 1e-8)).weightInit(WeightInit.XAVIER)
                .list()
                .layer(new DenseLayer.Builder().nIn(in).nOut(hidden).activation(new ActivationLReLU(0.2)).build())
                .layer(new DenseLayer.Builder().nIn(hidden).nOut(hidden).activation(new ActivationLReLU(0.2)).build())
                .layer(new DenseLayer.Builder().nIn(hidden).nOut(1).activation(Activation.IDENTITY).build())
                .build());
        net.init();
        return net;
    }

    @Test
    void generatorLearnsAOneDimensionalGaussian() {
        MultiLayerNetwork g = mlp(4, 16);
        MultiLayerNetwork d = mlp(1, 16);
        AdversarialStep step = new AdversarialStep(new GanModels(g, d));
        Random random = new Random(3);
        int batch = 64;
        INDArray probe = LatentNoise.sample(7, LatentNoise.GENERATE, 0, 2000, 4);
        double meanBefore = g.output(probe).meanNumber().doubleValue();

        // G reaches the target spread after about 1,200 iterations (it starts near 1.3 and is
        // still above 1.2 at 600); the last 200 are averaged, since a GAN oscillates about its target.
        int iterations = 1400;
        int averagedFrom = 1200;
        double meanSum = 0;
        double stdSum = 0;
        int probes = 0;
        for (int i = 0; i < iterations; i++) {
            float[] real = new float[batch];
            for (int k = 0; k < batch; k++) {
                real[k] = (float) (4 + 0.5 * random.nextGaussian());
            }
            step.run(Nd4j.create(real, new long[] {batch, 1}), null,
                    LatentNoise.sample(7, LatentNoise.TRAINING, i, batch, 4), i, 0);
            if (i >= averagedFrom && i % 10 == 0) {
                INDArray samples = g.output(probe);
                meanSum += samples.meanNumber().doubleValue();
                stdSum += samples.stdNumber().doubleValue();
                probes++;
            }
        }

        double mean = meanSum / probes;
        double std = stdSum / probes;
        assertThat(Math.abs(meanBefore - 4)).isGreaterThan(2.5);
        assertThat(mean).as("mean of G's samples").isBetween(3.75, 4.25);
        // A GAN's G tends to narrow its spread a little (about 0.4 here); a G that collapsed to a
        // point, or kept its initial spread of about 1.3, fails.
        assertThat(std).as("spread of G's samples").isBetween(0.3, 0.7);
    }
}
