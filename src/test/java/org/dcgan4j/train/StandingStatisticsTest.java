package org.dcgan4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.dcgan4j.model.AdamSettings;
import org.dcgan4j.model.Architecture;
import org.dcgan4j.model.GeneratorFactory;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class StandingStatisticsTest {

    private static final Architecture ARCH = new Architecture(8, 4, 4);
    private static final int IMAGES = 64;

    /** A moving average of two different generators: its averaged running statistics fit neither. */
    private static MultiLayerNetwork average() {
        MultiLayerNetwork a = GeneratorFactory.create(ARCH, AdamSettings.DCGAN, 1);
        MultiLayerNetwork b = GeneratorFactory.create(ARCH, AdamSettings.DCGAN, 2);
        GeneratorEma.fold(b, a, 0.5);
        return a;
    }

    private static INDArray noise() {
        return LatentNoise.sample(3, LatentNoise.STANDING_STATISTICS, 0, IMAGES, ARCH.latentSize());
    }

    @Test
    void runningStatisticsEqualTheBatchStatisticsOfTheAveragesActivations() {
        MultiLayerNetwork ema = average();
        INDArray z = noise();

        StandingStatistics.measure(ema, z);

        // A training-mode pass over the same batch: each BatchNormalization layer's input.
        List<INDArray> activations = ema.feedForward(z, true);
        int checked = 0;
        for (int i = 0; i < ema.getnLayers(); i++) {
            if (!(ema.getLayer(i) instanceof BatchNormalization bn)) {
                continue;
            }
            INDArray in = activations.get(i);
            int[] dims = in.rank() == 4 ? new int[] {0, 2, 3} : new int[] {0};
            double[] mean = in.mean(dims).toDoubleVector();
            double[] variance = in.var(false, dims).toDoubleVector();
            double[] runningMean = bn.getParam(BatchNormalizationParamInitializer.GLOBAL_MEAN).toDoubleVector();
            double[] log10Std = bn.getParam(BatchNormalizationParamInitializer.GLOBAL_LOG_STD).toDoubleVector();
            assertThat(runningMean).hasSameSizeAs(mean);
            for (int f = 0; f < mean.length; f++) {
                assertThat(runningMean[f]).isCloseTo(mean[f], within(1e-5 + 1e-4 * Math.abs(mean[f])));
                double stored = Math.pow(10, 2 * log10Std[f]);
                assertThat(stored).isCloseTo(variance[f], within(1e-7 + 1e-4 * variance[f]));
            }
            checked++;
        }
        assertThat(checked).as("G's two BatchNormalization layers").isEqualTo(2);
    }

    @Test
    void withStandingStatisticsInferenceDrawsWhatTrainingModeDrawsOnTheSameBatch() {
        MultiLayerNetwork ema = average();
        INDArray z = noise();
        INDArray beforeInference = ema.output(z, false);
        INDArray training = ema.output(z, true);
        assertThat(beforeInference.sub(training).amaxNumber().doubleValue())
                .as("the averaged statistics do not fit the averaged weights").isGreaterThan(1e-2);

        StandingStatistics.measure(ema, z);

        assertThat(ema.output(z, false).sub(training).amaxNumber().doubleValue()).isLessThan(1e-4);
    }

    @Test
    void aRefreshMeasuresOnlyAfterTheAverageMoved() {
        MultiLayerNetwork g = GeneratorFactory.create(ARCH, AdamSettings.DCGAN, 1);
        GanModels models = new GanModels(g, GeneratorFactory.create(ARCH, AdamSettings.DCGAN, 5), average())
                .withStandingStatistics(new StandingStatistics(noise()));
        INDArray measured = models.sampler().params().dup();
        // Spoil the statistics: a sampler that is current does not measure again...
        BatchNormalization bn = (BatchNormalization) models.generatorEma().getLayer(1);
        bn.getParam(BatchNormalizationParamInitializer.GLOBAL_MEAN).addi(1);
        assertThat(models.sampler().params()).isNotEqualTo(measured);
        // ...and after a fold (decay 1: the weights stay) it does, with the same result.
        models.foldIntoAverage(1.0);
        assertThat(models.sampler().params()).isEqualTo(measured);
    }
}
