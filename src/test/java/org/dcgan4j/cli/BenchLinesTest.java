package org.dcgan4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@code bench} on the embedded (labelled) digits times the reference architecture at the batch
 * sizes asked for and, because a default run on labelled data is class-conditional, that step too.
 */
class BenchLinesTest {

    @Test
    void timesTheReferenceStepAndTheConditionalDefaultRecipesStep() {
        // bench prints its lines on System.out itself (they are its output, not picocli's).
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        java.io.PrintStream before = System.out;
        CliRunner.Result r;
        System.setOut(new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            r = CliRunner.run("bench", "--batch", "8", "--steps", "1", "--warmup", "0");
        } finally {
            System.setOut(before);
        }

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(printed.toString(java.nio.charset.StandardCharsets.UTF_8)).containsPattern("(?m)^batch=8 ms_per_step=[0-9.]+ ")
                .containsPattern("(?m)^default recipe \\(class-conditional, train's default run\\): batch=64 ms_per_step=[0-9.]+ ")
                .contains("peak_rss_mb=");
    }
}
