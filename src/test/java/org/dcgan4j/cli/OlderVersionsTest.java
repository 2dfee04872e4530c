package org.dcgan4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.dcgan4j.checkpoint.Checkpoint;
import org.dcgan4j.checkpoint.CheckpointStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A checkpoint written by dcgan4j 0.1.0 before conditional runs, quick evaluations and
 * checkpoint metrics existed (kept in test resources), still loads and generates.
 */
class OlderVersionsTest {

    private static final Path OLD = Path.of("src/test/resources/checkpoints/v0.1.0-iter-00000002");

    @Test
    void checkpointOfVersion010LoadsWithTheNewFieldsAtTheirDefaults() throws Exception {
        Checkpoint c = CheckpointStore.load(OLD);
        assertThat(c.state().iteration()).isEqualTo(2);
        assertThat(c.state().config().architecture().classes()).isZero();
        assertThat(c.state().config().architecture().latentSize()).isEqualTo(8);
        assertThat(c.state().config().evalEvery()).isZero();
        assertThat(c.state().metrics()).isNull();
        assertThat(c.models().generator().numParams()).isEqualTo(c.models().generatorEma().numParams());
    }

    @Test
    void generatesFromIt(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("old.png");
        CliRunner.Result r = CliRunner.run("generate", "--from", OLD.toString(), "--count", "4", "--out", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        BufferedImage img = ImageIO.read(out.toFile());
        assertThat(img.getWidth()).isEqualTo(2 * 30 + 2);
        assertThat(Files.size(out)).isPositive();
    }
}
