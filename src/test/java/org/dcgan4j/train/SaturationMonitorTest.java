package org.dcgan4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SaturationMonitorTest {

    private static IterationReport report(long iteration, double dx, double dgz) {
        return new IterationReport(new TrainingProgress(iteration, 0, 1),
                new AdversarialStep.StepResult(0.01, 6, dx, dgz), 100, 1000);
    }

    @Test
    void flagsOnlyAfterTheWholePatienceOfSaturatedIterationsAndClearsWhenGRecovers() {
        SaturationMonitor m = new SaturationMonitor(5);
        for (long i = 1; i <= 4; i++) {
            m.onIteration(null, report(i, 0.999, 0.001));
        }
        assertThat(m.health()).isEqualTo("ok");
        m.onIteration(null, report(5, 0.999, 0.001));
        assertThat(m.health()).isEqualTo("discriminator saturated since iteration 1");
        m.onIteration(null, report(6, 0.9, 0.2));
        assertThat(m.health()).isEqualTo("ok");
    }

    @Test
    void aSingleHealthyIterationRestartsTheCount() {
        SaturationMonitor m = new SaturationMonitor(3);
        m.onIteration(null, report(1, 0.999, 0.001));
        m.onIteration(null, report(2, 0.999, 0.001));
        m.onIteration(null, report(3, 0.95, 0.001)); // D(x) not extreme: not saturated
        m.onIteration(null, report(4, 0.999, 0.001));
        m.onIteration(null, report(5, 0.999, 0.001));
        assertThat(m.health()).isEqualTo("ok");
        m.onIteration(null, report(6, 0.999, 0.001));
        assertThat(m.health()).isEqualTo("discriminator saturated since iteration 4");
    }
}
