package org.dcgan4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import org.dcgan4j.model.AdamSettings;
import org.dcgan4j.model.Architecture;
import org.dcgan4j.model.DiscriminatorFactory;
import org.dcgan4j.model.GeneratorFactory;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class AdversarialStepTest {

    private final Architecture arch = new Architecture(16, 8, 8);

    private GanModels models(long seed) {
        return new GanModels(GeneratorFactory.create(arch, AdamSettings.DCGAN, seed),
                DiscriminatorFactory.create(arch, AdamSettings.DCGAN, seed + 1));
    }

    @Test
    void generatorStepLeavesDiscriminatorUntouchedAndMovesGenerator() {
        GanModels m = models(3);
        AdversarialStep step = new AdversarialStep(m);
        INDArray real = Nd4j.rand(DataType.FLOAT, 8, 1, 28, 28).muli(2).subi(1);
        INDArray fakes = step.generate(LatentNoise.sample(1, LatentNoise.TRAINING, 0, 8, 16));
        INDArray dBefore = m.discriminator().params().dup();
        step.trainDiscriminator(real, fakes, 0, 0);
        INDArray dAfterOwnStep = m.discriminator().params().dup();
        INDArray gBefore = m.generator().params().dup();

        step.trainGenerator(fakes, 0, 0);

        assertThat(dAfterOwnStep).isNotEqualTo(dBefore);
        assertThat(m.discriminator().params()).isEqualTo(dAfterOwnStep);
        assertThat(m.generator().params()).isNotEqualTo(gBefore);
    }

    @Test
    void discriminatorStepRaisesItsBeliefInRealAndLowersItInFake() {
        GanModels m = models(5);
        AdversarialStep step = new AdversarialStep(m);
        INDArray real = Nd4j.rand(DataType.FLOAT, 16, 1, 28, 28).muli(2).subi(1);
        INDArray fakes = step.generate(LatentNoise.sample(1, LatentNoise.TRAINING, 0, 16, 16)).dup();
        AdversarialStep.DiscriminatorResult first = step.trainDiscriminator(real, fakes, 0, 0);
        AdversarialStep.DiscriminatorResult last = first;
        for (int i = 1; i < 20; i++) {
            last = step.trainDiscriminator(real, fakes, i, 0);
        }
        assertThat(last.loss()).isLessThan(first.loss());
        assertThat(last.realProbability()).isGreaterThan(first.realProbability());
        assertThat(last.fakeProbability()).isLessThan(first.fakeProbability());
    }
}
