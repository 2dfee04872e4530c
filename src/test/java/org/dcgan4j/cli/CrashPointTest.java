package org.dcgan4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.dcgan4j.checkpoint.Checkpoint;
import org.dcgan4j.checkpoint.CheckpointStore;
import org.dcgan4j.data.IdxTestFiles;
import org.dcgan4j.fault.CrashPoint;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A training process halted (as by kill -9) at a named point: it really died there (its marker
 * says so and it exited as a killed process does), it left the state that point implies, and a
 * resume ends with the weights of a run that never died.
 */
class CrashPointTest {

    @TempDir
    static Path shared;
    static Path data;
    static Path whole;

    private static final int TOTAL = 8;
    private static final List<String> SMALL = List.of("--batch", "16", "--latent-size", "8", "--g-width", "4",
            "--d-width", "4", "--grid-size", "4", "--seed", "13", "--sample-every", "1000", "--checkpoint-every", "2");

    @BeforeAll
    static void straightRun() throws Exception {
        data = IdxTestFiles.mnistFolder(shared.resolve("data"), 40, 10);
        whole = shared.resolve("whole");
        CliRunner.Result r = CliRunner.run(trainArgs(whole).toArray(String[]::new));
        assertThat(r.exitCode()).as(r.err()).isZero();
    }

    private static List<String> trainArgs(Path run) {
        List<String> args = new ArrayList<>(List.of("train", "--data", data.toString(), "--run", run.toString(),
                "--iterations", String.valueOf(TOTAL)));
        args.addAll(SMALL);
        return args;
    }

    /**
     * @param newestLeft the newest complete checkpoint the crash leaves
     * @param latestLeft what {@code latest} names after the crash
     * @param rowsLeft   metrics.csv data rows after the crash
     */
    @ParameterizedTest(name = "{0}@{1}")
    @CsvSource({
        "mid-iteration,            5, iter-00000004, iter-00000004, 4",
        "checkpoint-files-written, 4, iter-00000002, iter-00000002, 4",
        "checkpoint-renamed,       4, iter-00000004, iter-00000002, 4",
    })
    void theProcessDiesAtThePointAndResumeEndsLikeAStraightRun(String point, int iteration, String newestLeft,
                                                              String latestLeft, int rowsLeft, @TempDir Path tmp)
            throws Exception {
        Path run = tmp.resolve("run");
        Path marker = tmp.resolve("marker");
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-D" + CrashPoint.PROPERTY + "=" + point + "@" + iteration,
                "-D" + CrashPoint.MARKER_PROPERTY + "=" + marker,
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(trainArgs(run));
        Path console = tmp.resolve("console.txt");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(console.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();

        assertThat(p.exitValue()).as(Files.readString(console)).isEqualTo(CrashPoint.EXIT_CODE);
        assertThat(Files.readString(marker)).isEqualTo(point + "@" + iteration);
        Path checkpoints = run.resolve("checkpoints");
        assertThat(new CheckpointStore(checkpoints, 3).loadNewestValid(s -> { }).folder().getFileName())
                .hasToString(newestLeft);
        assertThat(Files.readString(checkpoints.resolve(CheckpointStore.LATEST)).trim()).isEqualTo(latestLeft);
        assertThat(Files.readAllLines(run.resolve("metrics.csv"))).hasSize(1 + rowsLeft);

        CliRunner.Result resumed = CliRunner.run("resume", "--run", run.toString());
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();

        String last = CheckpointStore.nameFor(TOTAL);
        Checkpoint a = CheckpointStore.load(whole.resolve("checkpoints").resolve(last));
        Checkpoint b = CheckpointStore.load(checkpoints.resolve(last));
        assertThat(b.models().generator().params()).isEqualTo(a.models().generator().params());
        assertThat(b.models().discriminator().params()).isEqualTo(a.models().discriminator().params());
        assertThat(b.models().generatorEma().params()).isEqualTo(a.models().generatorEma().params());
        List<String> iterations = Files.readAllLines(run.resolve("metrics.csv")).stream().skip(1)
                .map(l -> l.substring(0, l.indexOf(','))).toList();
        assertThat(iterations).containsExactly("1", "2", "3", "4", "5", "6", "7", "8");
        assertThat(Files.readString(checkpoints.resolve(CheckpointStore.LATEST)).trim()).isEqualTo(last);
        try (var files = Files.list(checkpoints)) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(n -> n.startsWith(".tmp"));
        }
    }
}
