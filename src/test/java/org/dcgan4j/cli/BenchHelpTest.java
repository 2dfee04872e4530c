package org.dcgan4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code bench --help} tells a user what to compare its numbers with, and how to install it. */
class BenchHelpTest {

    @Test
    void namesThePyTorch213YardstickWithItsInstallAndRunCommands() {
        CliRunner.Result r = CliRunner.run("bench", "--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out())
                .contains("The yardstick is the PyTorch 2.13 CPU wheel")
                .contains("pip\" install \"torch==2.13.0+cpu\" numpy")
                .contains("torch_dcgan.py --device cpu --batch 64,256 --steps 30 --threads 2")
                .contains("PyTorch 1.13");
    }
}
