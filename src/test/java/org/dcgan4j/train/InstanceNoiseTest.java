package org.dcgan4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.dcgan4j.model.AdamSettings;
import org.dcgan4j.model.Architecture;
import org.dcgan4j.model.ClassConditioning;
import org.dcgan4j.model.DiscriminatorFactory;
import org.dcgan4j.model.GeneratorFactory;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class InstanceNoiseTest {

    @Test
    void theNoiseFallsLinearlyToZeroAtTheLastIterationAndRepeatsForTheSameIteration() {
        InstanceNoise noise = new InstanceNoise(7, 0.2, 1000);
        INDArray first = noise.sample(LatentNoise.INSTANCE_NOISE_REAL, 0, 64);
        assertThat(first.shape()).containsExactly(64, 1, 28, 28);
        assertThat(first.stdNumber().doubleValue()).isCloseTo(0.2, within(0.002));
        assertThat(noise.sample(LatentNoise.INSTANCE_NOISE_REAL, 500, 64).stdNumber().doubleValue())
                .isCloseTo(0.1, within(0.001));
        assertThat(noise.sample(LatentNoise.INSTANCE_NOISE_REAL, 1000, 64)).isNull();
        assertThat(noise.sample(LatentNoise.INSTANCE_NOISE_REAL, 0, 64)).isEqualTo(first);
        assertThat(noise.sample(LatentNoise.INSTANCE_NOISE_FAKE, 0, 64)).isNotEqualTo(first);
    }

    @Test
    void dJudgesTheNoisyFakesAndGLearnsThroughThem() {
        Architecture arch = new Architecture(16, 8, 8);
        INDArray real = Nd4j.rand(DataType.FLOAT, 8, 1, 28, 28).muli(2).subi(1);
        INDArray z = LatentNoise.sample(1, LatentNoise.TRAINING, 0, 8, 16);
        INDArray loud = new InstanceNoise(3, 5, 10).sample(LatentNoise.INSTANCE_NOISE_FAKE, 0, 8);

        AdversarialStep.StepResult clean = step(arch).run(real, null, z, 0, 0, DiscriminatorView.IDENTITY);
        AdversarialStep.StepResult zero = step(arch).run(real, null, z, 0, 0, DiscriminatorView.adding(loud.mul(0)));
        AdversarialStep.StepResult noisy = step(arch).run(real, null, z, 0, 0, DiscriminatorView.adding(loud));

        assertThat(zero).isEqualTo(clean);
        assertThat(noisy.fakeProbability()).isNotEqualTo(clean.fakeProbability());
        assertThat(noisy.realProbability()).isEqualTo(clean.realProbability());
        assertThat(noisy.lossG()).isNotEqualTo(clean.lossG());
    }

    private static AdversarialStep step(Architecture arch) {
        return new AdversarialStep(new GanModels(GeneratorFactory.create(arch, AdamSettings.DCGAN, 3),
                DiscriminatorFactory.create(arch, AdamSettings.DCGAN, 4)), new ClassConditioning(arch));
    }
}
