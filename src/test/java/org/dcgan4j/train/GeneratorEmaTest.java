package org.dcgan4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.dcgan4j.model.AdamSettings;
import org.dcgan4j.model.Architecture;
import org.dcgan4j.model.GeneratorFactory;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class GeneratorEmaTest {

    @Test
    void decayRampsUpThenCaps() {
        assertThat(GeneratorEma.decay(1)).isCloseTo(2.0 / 11, within(1e-12));
        assertThat(GeneratorEma.decay(90)).isCloseTo(91.0 / 100, within(1e-12));
        assertThat(GeneratorEma.decay(1_000_000)).isEqualTo(GeneratorEma.MAX_DECAY);
    }

    @Test
    void imageDecayHalvesTheOldAverageOverItsHalfLifeInImagesAndRampsUp() {
        // 10 kimg at batch 64: after 10,000 / 64 iterations the old average weighs one half.
        double d = GeneratorEma.imageDecay(1_000_000, 64, 10, 0);
        assertThat(Math.pow(d, 10_000 / 64.0)).isCloseTo(0.5, within(1e-9));
        // The same half-life in images at batch 256 decays faster per iteration.
        assertThat(GeneratorEma.imageDecay(1_000_000, 256, 10, 0)).isCloseTo(Math.pow(d, 4), within(1e-12));
        // Ramp-up: the first iteration copies G; at iteration 101 the half-life is 5% of 100 * 64 images.
        assertThat(GeneratorEma.imageDecay(1, 64, 10, 0.05)).isZero();
        assertThat(GeneratorEma.imageDecay(101, 64, 10, 0.05)).isCloseTo(Math.pow(0.5, 64 / 320.0), within(1e-12));
        assertThat(GeneratorEma.imageDecay(1_000_000, 64, 10, 0.05)).isEqualTo(d);
    }

    @Test
    void updateIsTheWeightedAverageOfEveryParameter() {
        Architecture arch = new Architecture(4, 2, 2);
        MultiLayerNetwork g = GeneratorFactory.create(arch, AdamSettings.DCGAN, 1);
        MultiLayerNetwork ema = GeneratorFactory.create(arch, AdamSettings.DCGAN, 2);
        INDArray before = ema.params().dup();
        INDArray gParams = g.params().dup();

        GeneratorEma.update(g, ema, 90);

        double d = 91.0 / 100;
        INDArray expected = before.mul(d).addi(gParams.mul(1 - d));
        for (long i = 0; i < expected.length(); i += 7) {
            assertThat(ema.params().getDouble(i)).isCloseTo(expected.getDouble(i), within(1e-6));
        }
        assertThat(g.params()).isEqualTo(gParams);
    }
}
