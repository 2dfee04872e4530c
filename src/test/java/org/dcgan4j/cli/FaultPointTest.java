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
import org.dcgan4j.fault.FaultPoint;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Faults at named points (see {@link FaultPoint}). A training process halted (as by kill -9) at a
 * crash point really died there (its marker says so and it exited as a killed process does), left
 * the state that point implies, and a resume ends with the weights of a run that never died. An
 * injected NaN loss is rolled back and recorded.
 */
class FaultPointTest {

    @TempDir
    static Path shared;
    static Path data;
    static Path whole;

    private static final int TOTAL = 8;
    // The DCGAN paper's rate, pinned: the rollback's halved rates below are written against it.
    private static final List<String> SMALL = List.of("--lr", "2e-4", "--batch", "16", "--latent-size", "8", "--g-width", "4",
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

    /** A training process of the small run with the fault switch set. */
    private static Process start(Path run, String fault, Path marker, Path console) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-D" + FaultPoint.PROPERTY + "=" + fault, "-D" + FaultPoint.MARKER_PROPERTY + "=" + marker,
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(trainArgs(run));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(console.toFile()).start();
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
        Path console = tmp.resolve("console.txt");
        Process p = start(run, point + "@" + iteration, marker, console);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();

        assertThat(p.exitValue()).as(Files.readString(console)).isEqualTo(FaultPoint.EXIT_CODE);
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

    /**
     * README: "a second signal exits at once". The checkpoint write of iteration 4 hangs, so the
     * first SIGTERM (stop after this iteration, with a checkpoint) cannot finish; the second must
     * end the process at once, and the checkpoint of iteration 2 still stands.
     */
    @Test
    void aSecondSignalExitsAtOnceWhileTheFirstWaitsForAStalledCheckpoint(@TempDir Path tmp) throws Exception {
        Path run = tmp.resolve("run");
        Path marker = tmp.resolve("marker");
        Path console = tmp.resolve("console.txt");
        Process p = start(run, "checkpoint-stalled@4", marker, console);
        try {
            secondSignal(p, run, marker, console);
        } finally {
            p.destroyForcibly(); // only if the test failed: a stalled process would hang on for good
        }
    }

    private static void secondSignal(Process p, Path run, Path marker, Path console) throws Exception {
        waitUntil(() -> Files.exists(marker), p, "the checkpoint write to stall");

        ProcessHandle handle = p.toHandle();
        handle.destroy(); // SIGTERM
        waitUntil(() -> Files.readString(run.resolve("train.log")).contains("SIGTERM: stopping after this iteration"),
                p, "the first SIGTERM to be handled");
        assertThat(p.isAlive()).as("the first signal waits for the stalled checkpoint").isTrue();
        handle.destroy(); // the second SIGTERM

        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("exited after the second signal").isTrue();
        assertThat(p.exitValue()).as(Files.readString(console)).isEqualTo(128 + 15);
        assertThat(Files.readString(run.resolve("train.log"))).contains("second SIGTERM: exiting now");
        Path checkpoints = run.resolve("checkpoints");
        assertThat(new CheckpointStore(checkpoints, 3).loadNewestValid(s -> { }).folder().getFileName())
                .hasToString(CheckpointStore.nameFor(2));
        assertThat(Files.readString(checkpoints.resolve(CheckpointStore.LATEST)).trim())
                .isEqualTo(CheckpointStore.nameFor(2));
    }

    /**
     * README: "a full disk stops the run with a clear message and leaves the previous checkpoint
     * loadable". The checkpoint write of iteration 4 fails as on a full disk.
     */
    @Test
    void aFullDiskStopsTheRunWithOneLineAndThePreviousCheckpointStands(@TempDir Path tmp) throws Exception {
        Path run = tmp.resolve("run");
        Path console = tmp.resolve("console.txt");
        Process p = start(run, "checkpoint-disk-full@4", tmp.resolve("marker"), console);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();

        String out = Files.readString(console);
        assertThat(p.exitValue()).as(out).isEqualTo(1);
        Path checkpoints = run.resolve("checkpoints");
        assertThat(out.lines().filter(l -> l.startsWith("error:")).toList()).singleElement().asString()
                .contains("cannot write checkpoint in " + checkpoints).contains("No space left on device");
        assertThat(new CheckpointStore(checkpoints, 3).loadNewestValid(s -> { }).folder().getFileName())
                .hasToString(CheckpointStore.nameFor(2));
        assertThat(Files.readString(checkpoints.resolve(CheckpointStore.LATEST)).trim())
                .isEqualTo(CheckpointStore.nameFor(2));
        try (var files = Files.list(checkpoints)) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(n -> n.startsWith(".tmp"));
        }
        CliRunner.Result resumed = CliRunner.run("resume", "--run", run.toString());
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        Checkpoint a = CheckpointStore.load(whole.resolve("checkpoints").resolve(CheckpointStore.nameFor(TOTAL)));
        Checkpoint b = CheckpointStore.load(checkpoints.resolve(CheckpointStore.nameFor(TOTAL)));
        assertThat(b.models().generator().params()).isEqualTo(a.models().generator().params());
    }

    /** Polls {@code condition} (an event the process makes visible in a file) while {@code p} lives. */
    private static void waitUntil(java.util.concurrent.Callable<Boolean> condition, Process p, String what)
            throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!conditionHolds(condition)) {
            assertThat(p.isAlive()).as("process ended while waiting for %s", what).isTrue();
            assertThat(System.nanoTime()).as("waiting for %s", what).isLessThan(end);
            Thread.sleep(50);
        }
    }

    private static boolean conditionHolds(java.util.concurrent.Callable<Boolean> condition) {
        try {
            return condition.call();
        } catch (Exception notYet) {
            return false;
        }
    }

    /**
     * One NaN loss at iteration 5: the run rolls back to its newest checkpoint (iteration 4),
     * halves the learning rate, records it where a person and a resume look (config.json, each
     * later state.json), and finishes with one metrics row per iteration.
     */
    @org.junit.jupiter.api.Test
    void aNonFiniteLossRollsBackOnceHalvesTheRateRecordsItAndFinishes(@TempDir Path tmp) throws Exception {
        Path run = tmp.resolve("run");
        Process p = start(run, FaultPoint.NON_FINITE_LOSS.label() + "@5", tmp.resolve("marker"), tmp.resolve("console.txt"));
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(tmp.resolve("console.txt"))).isZero();

        assertThat(Files.readString(run.resolve("train.log")))
                .contains("training diverged at iteration 5: loss D = NaN")
                .contains("rolled back to iter-00000004 (iteration 4) with the learning rate halved to G 1.0E-4 / D 1.0E-4")
                .contains("finished at iteration 8/8");
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        assertThat(json.readTree(run.resolve("config.json").toFile()).at("/adam/learningRate").asDouble()).isEqualTo(1e-4);
        Checkpoint last = CheckpointStore.load(run.resolve("checkpoints").resolve(CheckpointStore.nameFor(TOTAL)));
        assertThat(last.state().config().adam().learningRate()).isEqualTo(1e-4);
        assertThat(last.models().generator().getLearningRate(0)).isEqualTo(1e-4);
        assertThat(CheckpointStore.load(run.resolve("checkpoints").resolve(CheckpointStore.nameFor(4)))
                .state().config().adam().learningRate()).isEqualTo(2e-4);
        List<String> iterations = Files.readAllLines(run.resolve("metrics.csv")).stream().skip(1)
                .map(l -> l.substring(0, l.indexOf(','))).toList();
        assertThat(iterations).containsExactly("1", "2", "3", "4", "5", "6", "7", "8");
    }
    /**
     * The rollback as TensorBoard's reader shows it: learning_rate/G drops from 2e-4 to 1e-4 at
     * the first iteration after the checkpoint rolled back to, one value per iteration, and a note.
     */
    @org.junit.jupiter.api.Test
    void aRollbackShowsInTensorBoardAsAHalvedRateAndANote(@TempDir Path tmp) throws Exception {
        Path run = tmp.resolve("run");
        Process p = start(run, FaultPoint.NON_FINITE_LOSS.label() + "@5", tmp.resolve("marker"), tmp.resolve("console.txt"));
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(tmp.resolve("console.txt"))).isZero();

        var events = org.dcgan4j.testing.TensorBoardPython.read(run.resolve("tensorboard"));
        double before = (float) 2e-4;
        double after = (float) 1e-4;
        assertThat(TensorBoardEventsTest.pairs(events.get("scalars").get(org.dcgan4j.tensorboard.TensorBoardListener.LEARNING_RATE_G)))
                .containsExactly(List.of(1.0, before), List.of(2.0, before), List.of(3.0, before), List.of(4.0, before),
                        List.of(5.0, after), List.of(6.0, after), List.of(7.0, after), List.of(8.0, after));
        var notes = events.get("texts").get(org.dcgan4j.tensorboard.TensorBoardListener.NOTES);
        assertThat(notes).extracting(n -> n.get(0).asLong()).containsExactly(1L, 5L);
        assertThat(notes.get(1).get(1).asText())
                .startsWith("rolled back to checkpoint iter-00000004 at iteration 4 with the learning rate halved to G 1.0E-4 / D 1.0E-4")
                .contains("training diverged at iteration 5");
    }
}
