package org.dcgan4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.dcgan4j.checkpoint.Checkpoint;
import org.dcgan4j.checkpoint.CheckpointStore;
import org.dcgan4j.data.IdxTestFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real training processes, stopped by signals: SIGTERM and kill -9. */
class ProcessLifecycleTest {

    @TempDir
    static Path shared;
    static Path data;

    private static final List<String> SMALL = List.of("--batch", "16", "--latent-size", "8",
            "--g-width", "4", "--d-width", "4", "--grid-size", "4", "--seed", "11", "--sample-every", "1000");

    @BeforeAll
    static void makeData() throws Exception {
        data = IdxTestFiles.mnistFolder(shared.resolve("data"), 40, 10);
    }

    private static Process start(Path console, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(console.toFile()).start();
    }

    private static List<String> trainArgs(Path run, int iterations, int checkpointEvery) {
        List<String> args = new ArrayList<>(List.of("train", "--data", data.toString(), "--run", run.toString(),
                "--iterations", String.valueOf(iterations), "--checkpoint-every", String.valueOf(checkpointEvery)));
        args.addAll(SMALL);
        return args;
    }

    private static void waitFor(Path file, Process p, Duration limit) throws Exception {
        long end = System.nanoTime() + limit.toNanos();
        while (!Files.exists(file)) {
            assertThat(p.isAlive()).as("process ended before %s appeared", file).isTrue();
            assertThat(System.nanoTime()).as("waiting for %s", file).isLessThan(end);
            Thread.sleep(50);
        }
    }

    @Test
    void sigtermFinishesTheIterationWritesACheckpointAndExitsCleanly(@TempDir Path tmp) throws Exception {
        Path run = tmp.resolve("run");
        Process p = start(tmp.resolve("console.txt"), trainArgs(run, 1_000_000, 5).toArray(String[]::new));
        waitFor(run.resolve("checkpoints").resolve(CheckpointStore.LATEST), p, Duration.ofSeconds(90));
        Thread.sleep(300);

        p.destroy(); // SIGTERM
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(p.exitValue()).as(Files.readString(tmp.resolve("console.txt"))).isZero();
        Checkpoint last = new CheckpointStore(run.resolve("checkpoints"), 3).loadNewestValid(s -> { });
        List<String> metrics = Files.readAllLines(run.resolve("metrics.csv"));
        String lastRow = metrics.get(metrics.size() - 1);
        assertThat(last.state().iteration()).isEqualTo(Long.parseLong(lastRow.substring(0, lastRow.indexOf(','))));
        assertThat(Files.readString(run.resolve("train.log"))).contains("SIGTERM: stopping after this iteration");
        assertThat(Files.readString(run.resolve("status.json"))).contains("\"state\" : \"stopped\"");
    }

    @Test
    void killedAtRandomMomentsTheRunResumesAndEndsExactlyAsIfUninterrupted(@TempDir Path tmp) throws Exception {
        int total = 150;
        Path whole = tmp.resolve("whole");
        List<String> wholeArgs = trainArgs(whole, total, 3);
        assertThat(CliRunner.run(wholeArgs.toArray(String[]::new)).exitCode()).isZero();

        Path run = tmp.resolve("killed");
        Random random = new Random(5);
        Process p = start(tmp.resolve("console-0.txt"), trainArgs(run, total, 3).toArray(String[]::new));
        waitFor(run.resolve("checkpoints").resolve(CheckpointStore.LATEST), p, Duration.ofSeconds(90));
        for (int kill = 1; kill <= 3; kill++) {
            Thread.sleep(random.nextInt(1500));
            p.destroyForcibly(); // SIGKILL: no handler runs, a checkpoint write may be cut short
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            p = start(tmp.resolve("console-" + kill + ".txt"), "resume", "--run", run.toString());
            Thread.sleep(2500); // JVM and ND4J start-up
        }
        p.destroyForcibly();
        p.waitFor(30, TimeUnit.SECONDS);

        CliRunner.Result last = CliRunner.run("resume", "--run", run.toString());
        assertThat(last.exitCode()).as(last.err()).isIn(0, 1);
        if (last.exitCode() == 1) {
            // The last killed process may have reached the end: then there is nothing to resume.
            assertThat(last.err()).contains("is already at iteration " + total);
        }

        String name = CheckpointStore.nameFor(total);
        Checkpoint a = CheckpointStore.load(whole.resolve("checkpoints").resolve(name));
        Checkpoint b = CheckpointStore.load(run.resolve("checkpoints").resolve(name));
        assertThat(b.models().generator().params()).isEqualTo(a.models().generator().params());
        assertThat(b.models().discriminator().params()).isEqualTo(a.models().discriminator().params());
        List<String> iterations = Files.readAllLines(run.resolve("metrics.csv")).stream().skip(1)
                .map(l -> l.substring(0, l.indexOf(','))).toList();
        assertThat(iterations).hasSize(total).doesNotHaveDuplicates();
        try (var files = Files.list(run.resolve("checkpoints"))) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(n -> n.startsWith(".tmp"));
        }
    }

    @Test
    void aSecondWriterIsRefusedNamingThePidReadersAreNotAndKillNineLeavesNoStaleLock(@TempDir Path tmp) throws Exception {
        Path run = tmp.resolve("run");
        Process holder = start(tmp.resolve("console.txt"), trainArgs(run, 1_000_000, 5).toArray(String[]::new));
        waitFor(run.resolve("checkpoints").resolve(CheckpointStore.LATEST), holder, Duration.ofSeconds(90));
        try {
            CliRunner.Result second = CliRunner.run("resume", "--run", run.toString(), "--iterations", "2000000");
            assertThat(second.exitCode()).isEqualTo(1);
            assertThat(second.err().trim()).isEqualTo("error: " + run + " is in use by pid " + holder.pid()
                    + " (a train or resume writing to it); only one process may write to a run: wait for it,"
                    + " or stop it with scripts/stop.sh " + run);
            assertThat(Files.readString(run.resolve("train.log"))).doesNotContain("resuming");
            CliRunner.Result status = CliRunner.run("status", "--run", run.toString());
            assertThat(status.exitCode()).as(status.err()).isZero();
            assertThat(status.out()).contains("running (pid " + holder.pid() + ")");
        } finally {
            holder.destroyForcibly();
            assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }

        long done = new CheckpointStore(run.resolve("checkpoints"), 3).loadNewestValid(x -> { }).state().iteration();
        CliRunner.Result after = CliRunner.run("resume", "--run", run.toString(), "--iterations", String.valueOf(done + 2));
        assertThat(after.exitCode()).as(after.err()).isZero();
    }

    /** stop.sh signals the pid in status.json only when that process started when the run's did. */
    @Test
    void stopSignalsOnlyTheProcessThatWroteTheStatus(@TempDir Path tmp) throws Exception {
        // A process whose command line says "dcgan4j" but that is not the run's (a reused pid).
        Process decoy = new ProcessBuilder("bash", "-c", "exec -a dcgan4j-decoy sleep 120").start();
        try {
            long decoyStart = decoy.info().startInstant().orElseThrow().toEpochMilli();
            Path run = tmp.resolve("run");
            Files.createDirectories(run);
            writeStatus(run, decoy.pid(), decoyStart - 60_000);
            Process stop = new ProcessBuilder("scripts/stop.sh", run.toString()).redirectErrorStream(true).start();
            String said = new String(stop.getInputStream().readAllBytes());
            assertThat(stop.waitFor()).as(said).isEqualTo(1);
            assertThat(said.trim()).isEqualTo("stop.sh: pid " + decoy.pid() + " is not the run's process"
                    + " (it started at another time; the run's process is gone); not stopping it");
            assertThat(decoy.isAlive()).isTrue();
            CliRunner.Result status = CliRunner.run("status", "--run", run.toString());
            assertThat(status.out()).contains("not running: the process (pid " + decoy.pid() + ") is gone");

            writeStatus(run, decoy.pid(), decoyStart);
            stop = new ProcessBuilder("scripts/stop.sh", run.toString()).redirectErrorStream(true)
                    .redirectOutput(tmp.resolve("stop.txt").toFile()).start();
            assertThat(stop.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(stop.exitValue()).as(Files.readString(tmp.resolve("stop.txt"))).isZero();
            assertThat(decoy.waitFor(10, TimeUnit.SECONDS)).as("the matching process got SIGTERM").isTrue();
        } finally {
            decoy.destroyForcibly();
        }
    }

    private static void writeStatus(Path run, long pid, long processStartMs) throws Exception {
        StatusFile.Status s = new StatusFile.Status("running", pid, run.toString(), 5, 10, 0, 100, 10, 1, 1, 0.5, 0.5,
                null, "ok", java.time.Instant.now().toString(), java.time.Instant.now().toString(), 500L, 20L,
                processStartMs);
        StatusFile.JSON.writeValue(run.resolve("status.json").toFile(), s);
    }

    @Test
    void divergenceBeforeAnyCheckpointStopsWithAClearMessageAndWritesNothingBad(@TempDir Path tmp) {
        Path run = tmp.resolve("run");
        List<String> args = trainArgs(run, 50, 1);
        args.addAll(List.of("--lr", "1e30"));
        CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err().trim()).startsWith("error: training diverged at iteration 1:")
                .endsWith("before the first checkpoint; nothing to roll back to (try a lower --lr)");
        assertThat(run.resolve("checkpoints")).doesNotExist();
    }

    @Test
    void divergenceRollsBackOnceWithAHalvedRateThenStopsWithoutANanCheckpoint(@TempDir Path tmp) throws Exception {
        Path run = tmp.resolve("run");
        List<String> args = trainArgs(run, 4, 2);
        // The DCGAN paper's rate, pinned: the halved rates below are written against it.
        args.addAll(List.of("--lr", "2e-4"));
        assertThat(CliRunner.run(args.toArray(String[]::new)).exitCode()).isZero();
        // Blow up the newest checkpoint's weights (finite, so it still verifies and loads).
        CheckpointStore store = new CheckpointStore(run.resolve("checkpoints"), 3);
        Checkpoint good = CheckpointStore.load(run.resolve("checkpoints").resolve(CheckpointStore.nameFor(4)));
        good.models().generator().params().muli(1e30f);
        good.models().discriminator().params().muli(1e30f);
        org.dcgan4j.checkpoint.CheckpointStoreTestAccess.resave(store, good, 6);

        CliRunner.Result r = CliRunner.run("resume", "--run", run.toString(), "--iterations", "20");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).startsWith("error: training diverged at iteration 7")
                .contains("again after rolling back to iteration 6 with a halved learning rate");
        assertThat(Files.readString(run.resolve("train.log")))
                .contains("rolled back to iter-00000006 (iteration 6) with the learning rate halved to G 1.0E-4 / D 1.0E-4");
        for (Path c : store.list()) {
            assertThat(c.getFileName().toString()).isIn("iter-00000002", "iter-00000004", "iter-00000006");
        }
        assertThat(Files.readString(run.resolve("status.json"))).contains("\"state\" : \"failed\"");
    }
}
