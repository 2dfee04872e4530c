package org.dcgan4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.dcgan4j.data.IdxTestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input: one line naming the option or file, a non-zero exit, nothing overwritten. */
class CliErrorsTest {

    @TempDir
    Path tmp;

    @Test
    void outOfRangeOptionIsAUsageError() {
        CliRunner.Result r = CliRunner.run("train", "--batch", "0");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().lines().findFirst()).hasValue("train: --batch must be at least 1, got 0");
    }

    /** Density and coverage need an image and its 5 nearest neighbours: 6 generated images at least. */
    @Test
    void evaluateNeedsSixImages() {
        CliRunner.Result r = CliRunner.run("evaluate", "--from", tmp.resolve("nope").toString(), "--count", "5");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().lines().findFirst()).hasValue("evaluate: --count must be at least 6 (density and coverage need"
                + " each image's 5 nearest neighbours), got 5");
    }

    @Test
    void badLeverValuesAreUsageErrorsNamingTheOption() {
        String[][] cases = {
                {"--lr-d", "-1", "train: --lr-d must be a positive number, got -1.0"},
                {"--lr-g", "0", "train: --lr-g must be a positive number, got 0.0"},
                {"--loss", "wgan", "train: --loss must be bce or hinge, got 'wgan'"},
                {"--ema-kimg", "-2", "train: --ema-kimg must be 0 (off) or more, got -2.0"},
                {"--ema-rampup", "NaN", "train: --ema-rampup must be 0 (none) or more, got NaN"},
                {"--instance-noise", "-0.1", "train: --instance-noise must be 0 (off) or more, got -0.1"},
                {"--instance-noise-until", "0", "train: --instance-noise-until must be at least 1, got 0"},
                {"--lr-decay-until", "0", "train: --lr-decay-until must be at least 1, got 0"},
                {"--lr-decay-until", "500", "train: --lr-decay-until needs --lr-decay"},
                {"--diff-augment", "translation;rm -rf 'x y'", "train: --diff-augment: unknown augmentation "
                        + "'translation;rm -rf 'x y'' (known: translation,cutout)"},
                {"--augment-target", "1", "train: --augment-target must be 0 (off) or in (0, 1), got 1.0"},
                {"--augment-target", "0.6", "train: --augment-target needs --diff-augment"},
                {"--minibatch-std", "1", "train: --minibatch-std must be 0 (off) or at least 2, got 1"},
                {"--minibatch-std", "3", "train: --minibatch-std 3 must divide --batch 64"},
        };
        for (String[] c : cases) {
            CliRunner.Result r = CliRunner.run("train", c[0], c[1]);
            assertThat(r.exitCode()).as(c[0]).isEqualTo(2);
            assertThat(r.err().lines().findFirst()).hasValue(c[2]);
        }
    }

    @Test
    void float16IsRefusedOnEveryBackendAndOtherTypesToo() {
        CliRunner.Result half = CliRunner.run("train", "--dtype", "float16");
        assertThat(half.exitCode()).isEqualTo(2);
        assertThat(half.err()).startsWith("train: --dtype float16 is not supported: DL4J 1.0.0-M2.1 has no loss scaling"
                + " and no float32 master weights, and Adam's epsilon (1e-8) is 0 in float16; use float32");
        assertThat(CliRunner.run("train", "--dtype", "float64").err()).startsWith("train: --dtype must be float32, got 'float64'");
    }

    @Test
    void unknownOptionAndMissingDataAreUsageErrors() {
        assertThat(CliRunner.run("train", "--iterashuns", "5").exitCode()).isEqualTo(2);
        CliRunner.Result r = CliRunner.run("train", "--data", tmp.resolve("nope").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("train: --data " + tmp.resolve("nope") + " does not exist");
    }

    @Test
    void badDataFileIsNamedAndNoRunFolderIsCreated() throws Exception {
        Path bad = IdxTestFiles.write(tmp.resolve("d/train-images-idx3-ubyte"), IdxTestFiles.labels(4));
        Path run = tmp.resolve("run");
        CliRunner.Result r = CliRunner.run("train", "--data", bad.getParent().toString(), "--run", run.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err().trim()).isEqualTo("error: " + bad + ": wrong magic number 0x00000801, expected 0x00000803 (IDX images)");
        assertThat(run).doesNotExist();
    }

    @Test
    void conditionalNeedsLabelsAndEvalEveryNeedsAHeldOutSet() throws Exception {
        Path unlabelled = tmp.resolve("unlabelled");
        IdxTestFiles.write(unlabelled.resolve("train-images-idx3-ubyte"), IdxTestFiles.images(20, 28, 28));
        Path run = tmp.resolve("run");
        CliRunner.Result r = CliRunner.run("train", "--data", unlabelled.toString(), "--conditional", "--batch", "4",
                "--run", run.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().lines().findFirst().orElseThrow()).startsWith("train: --conditional needs labelled data; ")
                .contains("has no labels");

        Path trainOnly = tmp.resolve("train-only");
        IdxTestFiles.write(trainOnly.resolve("train-images-idx3-ubyte"), IdxTestFiles.images(20, 28, 28));
        IdxTestFiles.write(trainOnly.resolve("train-labels-idx1-ubyte"), IdxTestFiles.labels(20));
        CliRunner.Result e = CliRunner.run("train", "--data", trainOnly.toString(), "--eval-every", "10", "--batch", "4",
                "--run", run.toString());
        assertThat(e.exitCode()).isNotZero();
        assertThat(e.err().trim()).isEqualTo("error: " + trainOnly + ": has no test set (t10k-images-idx3-ubyte[.gz])");
        assertThat(run).doesNotExist();
    }

    @Test
    void existingRunIsNeitherReusedNorTouched() throws Exception {
        Path run = Files.createDirectories(tmp.resolve("run"));
        Path config = Files.writeString(run.resolve("config.json"), "{\"precious\": true}");
        CliRunner.Result r = CliRunner.run("train", "--run", run.toString(), "--dry-run");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("already holds a run");
        assertThat(config).hasContent("{\"precious\": true}");
    }

    @Test
    void generateNeedsExactlyOneOutputAndAnExistingModel() {
        assertThat(CliRunner.run("generate", "--from", tmp.toString()).exitCode()).isEqualTo(2);
        assertThat(CliRunner.run("generate", "--from", tmp.toString(), "--out", "a.png", "--out-dir", "b").exitCode()).isEqualTo(2);
        Path missing = tmp.resolve("gone");
        CliRunner.Result r = CliRunner.run("generate", "--from", missing.toString(), "--out", tmp.resolve("x.png").toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err().trim()).isEqualTo("error: " + missing + ": does not exist");
        CliRunner.Result notRun = CliRunner.run("generate", "--from", tmp.toString(), "--out", tmp.resolve("x.png").toString());
        assertThat(notRun.err().trim()).isEqualTo("error: " + tmp + ": not a run folder, a checkpoint folder or a generator zip");
    }

    @Test
    void resumeRefusesArchitectureChangesAndFoldersWithoutCheckpoints() throws Exception {
        Path data = IdxTestFiles.mnistFolder(tmp.resolve("data"), 20, 4);
        Path run = tmp.resolve("run");
        assertThat(CliRunner.run("train", "--data", data.toString(), "--run", run.toString(), "--batch", "8",
                "--latent-size", "4", "--g-width", "2", "--d-width", "2", "--iterations", "2").exitCode()).isZero();

        CliRunner.Result r = CliRunner.run("resume", "--run", run.toString(), "--g-width", "32", "--iterations", "4");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().lines().findFirst().orElseThrow()).startsWith("resume: cannot change --g-width 32 (run: 2) on resume");

        CliRunner.Result done = CliRunner.run("resume", "--run", run.toString());
        assertThat(done.exitCode()).isEqualTo(1);
        assertThat(done.err()).contains("is already at iteration 2 of 2");

        CliRunner.Result none = CliRunner.run("resume", "--run", tmp.resolve("data").toString());
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("has no checkpoints folder");
    }

    /** No GPU here: the CPU part runs, the CUDA part is not tried, with the preflight's reason. */
    @Test
    void selftestOnAMachineWithoutAGpuRunsTheCpuAndSaysWhyNotCuda() {
        CliRunner.Result r = CliRunner.run("selftest", "--iterations", "3", "--batch", "16");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("selftest cpu: 3 iterations at batch 16, [0-9.]+ ms/step, [0-9]+ images/s \\(device: ")
                .contains("selftest cuda: not tried: no usable NVIDIA GPU (no nvidia-smi: no NVIDIA driver installed)")
                .endsWith("selftest: PASS on the CPU alone (CUDA not tried)" + System.lineSeparator());
    }

    @Test
    void theVerdictOfTwoBackendsNamesBothAndTheirDistance() {
        var cpu = new org.dcgan4j.selftest.SelfTestResult("cpu", java.util.List.of(1.0, 1.1), java.util.List.of(2.0, 1.9),
                new float[] {0.5f, -0.5f}, 200, 64);
        var cuda = new org.dcgan4j.selftest.SelfTestResult("cuda", java.util.List.of(1.0, 1.1), java.util.List.of(2.0, 1.9),
                new float[] {0.5f, -0.49f}, 10, 64);
        var broken = new org.dcgan4j.selftest.SelfTestResult("cuda", java.util.List.of(1.0, 0.1), java.util.List.of(2.0, 1.9),
                new float[] {0.5f, -0.5f}, 10, 64);
        assertThat(SelfTestCommand.verdict(cuda, cpu)).isEqualTo("selftest: PASS: cuda and cpu agree: losses identical,"
                + " pixels within 0.0100 (tolerance 0.05); cuda is 20.0x as fast");
        assertThat(SelfTestCommand.verdict(broken, cpu)).startsWith("selftest: FAIL: cuda and cpu DISAGREE: losses within 90.91%"
                + " (worst at iteration 2;");
    }
}
