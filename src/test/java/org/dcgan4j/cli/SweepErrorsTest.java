package org.dcgan4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.dcgan4j.data.IdxTestFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input to {@code sweep}: one line {@code error: ...} naming the option or folder, a non-zero
 * exit, and nothing written or submitted (no sweep folder, or the one there unchanged).
 */
class SweepErrorsTest {

    @TempDir
    static Path shared;
    static Path data;

    @BeforeAll
    static void makeData() throws Exception {
        data = IdxTestFiles.mnistFolder(shared.resolve("data"), 40, 10);
    }

    private static CliRunner.Result sweep(Path out, String... args) {
        List<String> all = new ArrayList<>(List.of("sweep", "--out", out.toString()));
        all.addAll(List.of(args));
        return CliRunner.run(all.toArray(String[]::new));
    }

    private static void refusedInOneLine(CliRunner.Result r, String message) {
        assertThat(r.exitCode()).as(r.err()).isNotZero();
        assertThat(r.err().lines().toList()).as(r.err()).hasSize(1);
        assertThat(r.err()).startsWith("error: ").contains(message);
        assertThat(r.out()).isEmpty();
    }

    @Test
    void anUnknownTrainOptionInTheGridIsRefusedBeforeAnythingIsWritten(@TempDir Path tmp) {
        Path out = tmp.resolve("sweep");
        refusedInOneLine(sweep(out, "--local", "1", "--grid", "lr=0.001", "--grid", "learning-rate=0.1,0.2", "--",
                "--data", data.toString()), "--grid learning-rate: train has no option --learning-rate");
        assertThat(out).doesNotExist();
    }

    @Test
    void aBadValueIsRefusedByTrainsOwnRulesNamingTheRun(@TempDir Path tmp) {
        Path out = tmp.resolve("sweep");
        refusedInOneLine(sweep(out, "--local", "1", "--grid", "batch=16,0", "--", "--data", data.toString()),
                "run 1 (batch=0): --batch must be at least 1, got 0");
        refusedInOneLine(sweep(out, "--local", "1", "--grid", "lr=fast", "--", "--data", data.toString()),
                "Invalid value for option '--lr': 'fast' is not a double");
        refusedInOneLine(sweep(out, "--local", "1", "--grid", "seed=1", "--", "--data", data.toString(), "--bogus"),
                "Unknown option: '--bogus'");
        assertThat(out).doesNotExist();
    }

    @Test
    void anEmptyGridIsRefused(@TempDir Path tmp) {
        Path out = tmp.resolve("sweep");
        refusedInOneLine(sweep(out, "--local", "1", "--", "--data", data.toString()), "--grid: no grid given");
        refusedInOneLine(sweep(out, "--local", "1", "--grid", "seed=", "--", "--data", data.toString()), "empty value");
        assertThat(out).doesNotExist();
    }

    @Test
    void anOutFolderHoldingADifferentPlanIsRefusedAndLeftAsItWas(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("sweep");
        Files.createDirectories(out);
        org.dcgan4j.sweep.PlanFile.write(out.resolve("plan.json"), org.dcgan4j.sweep.SweepPlan.expand(
                List.of(org.dcgan4j.sweep.GridAxis.parse("seed=1,2")), List.of("--data", data.toString()), new TrainOptionModel()));
        byte[] before = Files.readAllBytes(out.resolve("plan.json"));

        refusedInOneLine(sweep(out, "--local", "1", "--grid", "seed=1,3", "--", "--data", data.toString()),
                "--out " + out + " holds a different plan (its plan.json: grid seed=1,2");
        refusedInOneLine(sweep(out, "--local", "1", "--grid", "seed=1,2", "--", "--data", data.toString(), "--iterations", "9"),
                "holds a different plan");

        assertThat(Files.readAllBytes(out.resolve("plan.json"))).isEqualTo(before);
        try (var files = Files.list(out)) {
            assertThat(files).containsExactly(out.resolve("plan.json"));
        }
    }

    @Test
    void aFolderWithOtherFilesIsRefused(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("sweep");
        Files.createDirectories(out);
        Files.writeString(out.resolve("notes.txt"), "mine");
        refusedInOneLine(sweep(out, "--local", "1", "--grid", "seed=1", "--", "--data", data.toString()),
                "is not empty and holds no plan.json");
        try (var files = Files.list(out)) {
            assertThat(files).containsExactly(out.resolve("notes.txt"));
        }
    }

    @Test
    void slurmOrLocalOneOfThem(@TempDir Path tmp) {
        Path out = tmp.resolve("sweep");
        refusedInOneLine(sweep(out, "--grid", "seed=1"), "choose one of --slurm and --local N");
        refusedInOneLine(sweep(out, "--local", "1", "--slurm", "--grid", "seed=1"), "choose one of --slurm and --local N");
        refusedInOneLine(sweep(out, "--local", "0", "--grid", "seed=1"), "--local must be at least 1");
        assertThat(out).doesNotExist();
    }

    /** A process of its own, with a PATH that holds no sbatch (the check reads the PATH). */
    @Test
    void slurmWithoutSbatchOnThePathIsRefused(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("sweep");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "sweep", "--out", out.toString(), "--slurm", "--grid", "seed=1,2", "--", "--data", data.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(tmp.resolve("out.txt").toFile())
                .redirectError(tmp.resolve("err.txt").toFile());
        pb.environment().put("PATH", tmp.resolve("empty-bin").toString());
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();

        String err = Files.readString(tmp.resolve("err.txt"));
        assertThat(p.exitValue()).as(err).isNotZero();
        assertThat(err.lines().toList()).as(err).hasSize(1);
        assertThat(err).startsWith("error: --slurm: sbatch is not on the PATH");
        assertThat(out).doesNotExist();
    }
}
