package org.dcgan4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MemoryGrowthMonitorTest {

    private static final long MB = 1L << 20;

    @Test
    void steadyGrowthOverTheWindowIsFlagged() {
        MemoryGrowthMonitor monitor = new MemoryGrowthMonitor(() -> 0);
        for (int i = 1; i <= MemoryGrowthMonitor.WINDOW; i++) {
            monitor.sample(i * 250L, (500 + 20L * i) * MB);
            if (i < MemoryGrowthMonitor.WINDOW) {
                assertThat(monitor.health()).isEqualTo("ok");
            }
        }
        assertThat(monitor.health()).isEqualTo(
                "off-heap memory grew at every sample from iteration 250 to 2250 (520 MB -> 680 MB)");
    }

    @Test
    void aSawtoothOfCollectionsIsNotALeak() {
        MemoryGrowthMonitor monitor = new MemoryGrowthMonitor(() -> 0);
        for (int i = 1; i <= 40; i++) {
            // grows for 5 samples, then a collection drops it back
            monitor.sample(i * 250L, (500 + 40L * (i % 6)) * MB);
        }
        assertThat(monitor.health()).isEqualTo("ok");
    }

    @Test
    void smallSteadyGrowthIsNoise() {
        MemoryGrowthMonitor monitor = new MemoryGrowthMonitor(() -> 0);
        for (int i = 1; i <= 40; i++) {
            monitor.sample(i * 250L, 500 * MB + i * MB);
        }
        assertThat(monitor.health()).isEqualTo("ok");
    }

    @Test
    void samplesEveryQuarterThousandIterationsThroughTheListener() {
        long[] reads = {0};
        MemoryGrowthMonitor monitor = new MemoryGrowthMonitor(() -> {
            reads[0]++;
            return reads[0] * 100 * MB;
        });
        for (long it = 1; it <= 250L * MemoryGrowthMonitor.WINDOW; it++) {
            monitor.onIteration(null, new IterationReport(new TrainingProgress(it, 0, 0),
                    new AdversarialStep.StepResult(1, 1, 0.5, 0.5), 100, 10_000));
        }
        assertThat(reads[0]).isEqualTo(MemoryGrowthMonitor.WINDOW);
        assertThat(monitor.health()).startsWith("off-heap memory grew at every sample from iteration 250 to 2250");
    }
}
