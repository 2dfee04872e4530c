package org.dcgan4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class AdversarialLossTest {

    /**
     * The label convention as behaviour: a gradient step on the REAL target raises D's logit
     * (belief "real"), one on the FAKE target lowers it, and both are cheapest at the matching
     * extreme of D(x).
     */
    @Test
    void theRealTargetRaisesTheLogitAndTheFakeTargetLowersIt() {
        var undecided = Nd4j.create(new float[] {0f, 0f}, new long[] {2, 1});
        AdversarialLoss.Evaluation real = AdversarialLoss.binaryCrossEntropy(undecided, AdversarialLoss.REAL);
        AdversarialLoss.Evaluation fake = AdversarialLoss.binaryCrossEntropy(undecided, AdversarialLoss.FAKE);
        // Gradient descent moves the logit against the gradient: up for REAL, down for FAKE.
        assertThat(real.logitGradient().toDoubleVector()).containsExactly(-0.5, -0.5);
        assertThat(fake.logitGradient().toDoubleVector()).containsExactly(0.5, 0.5);
        var believedReal = Nd4j.create(new float[] {6f}, new long[] {1, 1});
        var believedFake = Nd4j.create(new float[] {-6f}, new long[] {1, 1});
        assertThat(AdversarialLoss.binaryCrossEntropy(believedReal, AdversarialLoss.REAL).meanLoss())
                .isLessThan(AdversarialLoss.binaryCrossEntropy(believedFake, AdversarialLoss.REAL).meanLoss());
        assertThat(AdversarialLoss.binaryCrossEntropy(believedFake, AdversarialLoss.FAKE).meanLoss())
                .isLessThan(AdversarialLoss.binaryCrossEntropy(believedReal, AdversarialLoss.FAKE).meanLoss());
    }

    @Test
    void confidentCorrectBeliefsCostLittleAndWrongOnesCostMuch() {
        var sure = Nd4j.create(new float[] {8f, 8f}, new long[] {2, 1});
        // D is sure these are real: cheap when they are, expensive when they are fake.
        assertThat(AdversarialLoss.binaryCrossEntropy(sure, AdversarialLoss.REAL).meanLoss()).isLessThan(0.001);
        assertThat(AdversarialLoss.binaryCrossEntropy(sure, AdversarialLoss.FAKE).meanLoss()).isGreaterThan(7.9);
        assertThat(AdversarialLoss.binaryCrossEntropy(sure, AdversarialLoss.REAL).meanProbability())
                .isCloseTo(1 / (1 + Math.exp(-8)), within(1e-9));
    }

    @Test
    void matchesTheClosedFormAndItsGradient() {
        var logits = Nd4j.create(new float[] {-2f, 0f, 3f}, new long[] {3, 1});
        AdversarialLoss.Evaluation e = AdversarialLoss.binaryCrossEntropy(logits, AdversarialLoss.REAL);
        double expected = (Math.log1p(Math.exp(2)) + Math.log(2) + Math.log1p(Math.exp(-3))) / 3;
        assertThat(e.meanLoss()).isCloseTo(expected, within(1e-9));
        // d/dl of -log(sigmoid(l)) = sigmoid(l) - 1, per example (a sum, not a mean)
        assertThat(e.logitGradient().getDouble(0, 0)).isCloseTo(1 / (1 + Math.exp(2)) - 1, within(1e-6));
        assertThat(e.logitGradient().getDouble(1, 0)).isCloseTo(-0.5, within(1e-6));
    }

    @Test
    void hugeLogitsDoNotOverflow() {
        var logits = Nd4j.create(new float[] {1000f, -1000f}, new long[] {2, 1});
        AdversarialLoss.Evaluation e = AdversarialLoss.binaryCrossEntropy(logits, AdversarialLoss.FAKE);
        assertThat(e.meanLoss()).isCloseTo(500, within(1e-6));
        assertThat(e.logitGradient().getDouble(0, 0)).isEqualTo(1.0);
    }

    /**
     * The hinge objective: D pays relu(1 - l) on real and relu(1 + l) on fake images, so logits
     * beyond the margin cost nothing and get no gradient; G pays -l everywhere.
     */
    @Test
    void hingeLossPaysOnlyInsideTheMarginAndGeneratorPaysTheNegatedLogit() {
        var logits = Nd4j.create(new float[] {2f, 0.5f, -3f}, new long[] {3, 1});
        AdversarialLoss.Evaluation real = GanLoss.HINGE.discriminatorOnReal(logits);
        AdversarialLoss.Evaluation fake = GanLoss.HINGE.discriminatorOnFake(logits);
        AdversarialLoss.Evaluation g = GanLoss.HINGE.generator(logits);
        assertThat(real.meanLoss()).isCloseTo((0 + 0.5 + 4) / 3, within(1e-9));
        assertThat(real.logitGradient().toDoubleVector()).containsExactly(0, -1, -1);
        assertThat(fake.meanLoss()).isCloseTo((3 + 1.5 + 0) / 3, within(1e-9));
        assertThat(fake.logitGradient().toDoubleVector()).containsExactly(1, 1, 0);
        assertThat(g.meanLoss()).isCloseTo(-(2 + 0.5 - 3) / 3.0, within(1e-9));
        assertThat(g.logitGradient().toDoubleVector()).containsExactly(-1, -1, -1);
        assertThat(real.meanProbability()).isCloseTo((AdversarialLoss.sigmoid(2) + AdversarialLoss.sigmoid(0.5)
                + AdversarialLoss.sigmoid(-3)) / 3, within(1e-7));
    }

    @Test
    void bceIsTheReferenceLoss() {
        var logits = Nd4j.create(new float[] {1.5f, -0.25f}, new long[] {2, 1});
        assertThat(GanLoss.BCE.discriminatorOnReal(logits).logitGradient())
                .isEqualTo(AdversarialLoss.binaryCrossEntropy(logits, AdversarialLoss.REAL).logitGradient());
        assertThat(GanLoss.BCE.discriminatorOnFake(logits).logitGradient())
                .isEqualTo(AdversarialLoss.binaryCrossEntropy(logits, AdversarialLoss.FAKE).logitGradient());
        assertThat(GanLoss.BCE.generator(logits).logitGradient())
                .isEqualTo(AdversarialLoss.binaryCrossEntropy(logits, AdversarialLoss.REAL).logitGradient());
    }
}
