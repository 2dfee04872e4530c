package org.dcgan4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.dcgan4j.checkpoint.CheckpointStore;
import org.dcgan4j.data.IdxTestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sweep --local}: killed mid-sweep and started again, it finishes every run exactly once. */
class SweepLocalTest {

    static final int ITERATIONS = 120;

    private static List<String> sweepArgs(Path out, Path data) {
        return List.of("sweep", "--out", out.toString(), "--local", "2", "--grid", "seed=1,2", "--grid", "lr=0.0002,0.0005",
                "--", "--data", data.toString(), "--iterations", String.valueOf(ITERATIONS), "--checkpoint-every", "20",
                "--batch", "16", "--latent-size", "8", "--g-width", "4", "--d-width", "4", "--grid-size", "4",
                "--sample-every", "1000", "--no-tensorboard");
    }

    @Test
    void aLocalSweepKilledMidwayAndStartedAgainFinishesEveryRunExactlyOnce(@TempDir Path tmp) throws Exception {
        Path data = IdxTestFiles.mnistFolder(tmp.resolve("data"), 40, 10);
        Path out = tmp.resolve("sweep");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(sweepArgs(out, data));
        Path console = tmp.resolve("runner.txt");
        Process runner = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(console.toFile()).start();
        Path firstRun = out.resolve("runs/000-seed=1,lr=0.0002");
        try {
            long end = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (!Files.exists(firstRun.resolve("checkpoints").resolve(CheckpointStore.LATEST))) {
                assertThat(runner.isAlive()).as("the runner ended early: %s", Files.readString(console)).isTrue();
                assertThat(System.nanoTime()).as("waiting for the first checkpoint").isLessThan(end);
                Thread.sleep(50);
            }
            List<ProcessHandle> tasks = runner.descendants().toList();
            assertThat(tasks).as("tasks running").isNotEmpty();
            runner.destroyForcibly(); // kill -9: its tasks see it gone, checkpoint and stop by themselves
            assertThat(runner.waitFor(30, TimeUnit.SECONDS)).isTrue();
            for (ProcessHandle task : tasks) {
                assertThat(task.onExit().get(120, TimeUnit.SECONDS).isAlive()).isFalse();
            }
        } finally {
            runner.destroyForcibly();
        }
        assertThat(Files.readString(firstRun.resolve("train.log"))).contains("SIGTERM: stopping after this iteration");
        assertThat(Files.readString(firstRun.resolve("status.json"))).contains("\"state\" : \"stopped\"");

        CliRunner.Result again = CliRunner.run(sweepArgs(out, data).toArray(String[]::new));

        assertThat(again.exitCode()).as(again.out() + again.err()).isZero();
        assertThat(again.out()).contains("continuing").contains("4 of 4 runs finished");
        try (var runs = Files.list(out.resolve("runs"))) {
            List<Path> folders = runs.sorted().toList();
            assertThat(folders).hasSize(4);
            for (Path run : folders) {
                String log = Files.readString(run.resolve("train.log"));
                assertThat(log.lines().filter(l -> l.contains("finished at iteration " + ITERATIONS + "/" + ITERATIONS)))
                        .as(run + " finished once").hasSize(1);
                List<Long> iterations = Files.readAllLines(run.resolve("metrics.csv")).stream().skip(1)
                        .map(l -> Long.parseLong(l.substring(0, l.indexOf(',')))).toList();
                assertThat(iterations).as(run + " metrics.csv").containsExactlyElementsOf(
                        LongStream.rangeClosed(1, ITERATIONS).boxed().toList());
                assertThat(run.resolve("checkpoints").resolve(CheckpointStore.nameFor(ITERATIONS))).isDirectory();
            }
        }
        assertThat(Files.readString(firstRun.resolve("train.log"))).contains("resuming");

        // Once more: nothing left to do, nothing trained again.
        String before = Files.readString(firstRun.resolve("train.log"));
        CliRunner.Result third = CliRunner.run(sweepArgs(out, data).toArray(String[]::new));
        assertThat(third.exitCode()).isZero();
        assertThat(third.out().lines().filter(l -> l.contains("already finished, skipped"))).hasSize(4);
        assertThat(Files.readString(firstRun.resolve("train.log"))).isEqualTo(before);

        CliRunner.Result status = CliRunner.run("sweep-status", out.toString());
        assertThat(status.exitCode()).as(status.err()).isZero();
        assertThat(status.out().lines().filter(l -> l.contains(" finished  " + ITERATIONS + "/" + ITERATIONS))).hasSize(4);
        assertThat(out.resolve("summary.csv")).content().startsWith("index,run,seed,lr,state,");
        assertThat(Files.readAllLines(out.resolve("summary.csv"))).hasSize(5);
        assertThat(out.resolve("curves.png")).isNotEmptyFile();
    }
}
