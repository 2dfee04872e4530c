package org.dcgan4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import org.dcgan4j.checkpoint.Checkpoint;
import org.dcgan4j.checkpoint.CheckpointStore;
import org.dcgan4j.data.IdxTestFiles;
import org.dcgan4j.sweep.PlanFile;
import org.dcgan4j.sweep.PlannedRun;
import org.dcgan4j.sweep.SlurmSubmission;
import org.dcgan4j.sweep.SweepPlan;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sweep --slurm} on a real Slurm (scripts/slurm-local.sh's single-node cluster): a 2x2 grid
 * as one job array, one task requeued mid-run. Skipped without Slurm, unless
 * {@code DCGAN4J_REQUIRE_SLURM=1} (CI), where a missing Slurm fails.
 */
class SweepSlurmTest {

    static final int ITERATIONS = 300;

    @BeforeAll
    static void slurm() throws Exception {
        boolean required = "1".equals(System.getenv("DCGAN4J_REQUIRE_SLURM"));
        if (SlurmSubmission.findSbatch().isEmpty()) {
            if (required) {
                fail("DCGAN4J_REQUIRE_SLURM=1 but sbatch is not on the PATH: run scripts/slurm-local.sh start (as root)");
            }
            Assumptions.abort("no Slurm here (sbatch is not on the PATH); scripts/slurm-local.sh start sets one up");
        }
        if (!nodeUp()) {
            // A local cluster installed but not running: start it (needs root).
            Process start = new ProcessBuilder("scripts/slurm-local.sh", "start").redirectErrorStream(true).start();
            String said = new String(start.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(start.waitFor(120, TimeUnit.SECONDS) && start.exitValue() == 0 && nodeUp())
                    .as("Slurm does not answer and scripts/slurm-local.sh start failed: %s", said).isTrue();
        }
    }

    private static boolean nodeUp() throws Exception {
        Shell sinfo = Shell.run("sinfo", "-h", "-o", "%T");
        return sinfo.code == 0 && sinfo.out.lines().anyMatch(s -> s.matches("(idle|mixed|allocated|completing).*"));
    }

    record Shell(int code, String out) {
        static Shell run(String... cmd) throws IOException, InterruptedException {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new Shell(p.waitFor(), out);
        }
    }

    /**
     * Paths and grid values with quotes, ';', '$(...)' and spaces: they travel as arguments and as
     * plan.json, never as shell code, so nothing here is ever run.
     */
    @Test
    void aTwoByTwoGridRunsAsAJobArrayAndARequeuedTaskResumesToTheSameWeights(@TempDir Path tmp) throws Exception {
        Path odd = tmp.resolve("it's a \"sweep\"; touch PWNED $(touch PWNED2) `touch PWNED3`");
        Path dataA = IdxTestFiles.mnistFolder(odd.resolve("digits; 'A'"), 40, 10);
        Path dataB = IdxTestFiles.mnistFolder(odd.resolve("digits \"B\" $HOME"), 40, 10);
        Path out = odd.resolve("sweep; rm -rf \"x\" 'y'");

        CliRunner.Result submitted = CliRunner.run("sweep", "--out", out.toString(), "--slurm",
                "--sbatch", "--time=20:00 --comment='dcgan4j; test \"sweep\"'", "--grace", "30",
                "--grid", "data=" + dataA + "," + dataB, "--grid", "seed=1,2",
                "--", "--iterations", String.valueOf(ITERATIONS), "--checkpoint-every", "25", "--batch", "16",
                "--latent-size", "8", "--g-width", "4", "--d-width", "4", "--grid-size", "4", "--sample-every", "1000",
                "--no-tensorboard");
        assertThat(submitted.exitCode()).as(submitted.err()).isZero();
        Matcher m = Pattern.compile("submitted job array (\\d+) \\(tasks 0-3\\)").matcher(submitted.out());
        assertThat(m.find()).as(submitted.out()).isTrue();
        String job = m.group(1);
        SweepPlan plan = PlanFile.read(out.resolve("plan.json"));
        PlannedRun first = plan.run(0);
        assertThat(first.params()).containsEntry("data", dataA.toString()).containsEntry("seed", "1");
        Path run0 = out.resolve(first.folder());

        try {
            // Preempt task 0 once it has written its first checkpoint.
            waitUntil(() -> Files.exists(run0.resolve("checkpoints").resolve(CheckpointStore.LATEST)),
                    Duration.ofSeconds(180), "task 0's first checkpoint", out);
            Shell requeue = Shell.run("scontrol", "requeue", job + "_0");
            assertThat(requeue.code).as(requeue.out).isZero();
            // Slurm holds a requeued job back (cred_expire: 120 s by default); start it now.
            waitUntil(() -> {
                Shell q = Shell.run("squeue", "-h", "-j", job, "-o", "%i %T %r");
                if (q.out.lines().anyMatch(l -> l.startsWith(job + "_0 PENDING BeginTime"))) {
                    Shell.run("scontrol", "update", "JobId=" + job + "_0", "StartTime=now");
                }
                return q.code == 0 && q.out.isBlank();
            }, Duration.ofSeconds(300), "the job array to end", out);
        } finally {
            Shell.run("scancel", job);
        }

        for (PlannedRun run : plan.runs()) {
            Path folder = out.resolve(run.folder());
            assertThat(folder.resolve("status.json")).as(run.folder()).content()
                    .contains("\"state\" : \"finished\"").contains("\"iteration\" : " + ITERATIONS);
            assertThat(folder.resolve("checkpoints").resolve(CheckpointStore.nameFor(ITERATIONS))).isDirectory();
            List<Long> iterations = Files.readAllLines(folder.resolve("metrics.csv")).stream().skip(1)
                    .map(l -> Long.parseLong(l.substring(0, l.indexOf(',')))).toList();
            assertThat(iterations).as(run.folder() + " metrics.csv, no duplicated rows")
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, ITERATIONS).boxed().toList());
        }
        String log0 = Files.readString(run0.resolve("train.log"));
        assertThat(log0).contains("SIGTERM: stopping after this iteration").contains("resuming");
        assertThat(out.resolve("logs/task-0.out")).content().contains("restart 1");

        // The requeued run ends with the weights of a run that never stopped, trained with the same
        // number of compute threads (float sums in another order would differ in the last bits).
        Matcher threads = Pattern.compile("threads: (\\d+) ND4J/OpenMP").matcher(log0);
        assertThat(threads.find()).as(log0).isTrue();
        Path reference = tmp.resolve("reference");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), Main.class.getName(), "train"));
        cmd.addAll(first.args());
        cmd.addAll(List.of("--run", reference.toString()));
        ProcessBuilder straight = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("reference.txt").toFile());
        straight.environment().put("OMP_NUM_THREADS", threads.group(1));
        Process p = straight.start();
        assertThat(p.waitFor(300, TimeUnit.SECONDS) && p.exitValue() == 0)
                .as(Files.readString(tmp.resolve("reference.txt"))).isTrue();
        Checkpoint a = CheckpointStore.load(reference.resolve("checkpoints").resolve(CheckpointStore.nameFor(ITERATIONS)));
        Checkpoint b = CheckpointStore.load(run0.resolve("checkpoints").resolve(CheckpointStore.nameFor(ITERATIONS)));
        assertThat(b.models().generator().params()).isEqualTo(a.models().generator().params());
        assertThat(b.models().discriminator().params()).isEqualTo(a.models().discriminator().params());
        assertThat(b.models().generatorEma().params()).isEqualTo(a.models().generatorEma().params());

        CliRunner.Result status = CliRunner.run("sweep-status", out.toString());
        assertThat(status.exitCode()).as(status.err()).isZero();
        assertThat(status.out().lines().filter(l -> l.contains(" finished  " + ITERATIONS + "/" + ITERATIONS)))
                .as(status.out()).hasSize(4);
        assertThat(status.out()).contains("4 of 4 runs finished");

        // Nothing of the odd names ever ran as a command.
        for (Path dir : List.of(tmp, odd, out, Path.of("").toAbsolutePath())) {
            for (String pwned : List.of("PWNED", "PWNED2", "PWNED3")) {
                assertThat(dir.resolve(pwned)).doesNotExist();
            }
        }
    }

    interface Condition {
        boolean holds() throws Exception;
    }

    private static void waitUntil(Condition condition, Duration limit, String what, Path sweep) throws Exception {
        long end = System.nanoTime() + limit.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > end) {
                fail("timed out waiting for " + what + "; squeue: " + Shell.run("squeue").out
                        + "; task logs: " + taskLogs(sweep));
            }
            Thread.sleep(200);
        }
    }

    private static String taskLogs(Path sweep) throws IOException {
        Path logs = sweep.resolve("logs");
        if (!Files.isDirectory(logs)) {
            return "none";
        }
        StringBuilder all = new StringBuilder();
        try (var files = Files.list(logs)) {
            for (Path f : files.sorted().toList()) {
                all.append("\n== ").append(f.getFileName()).append('\n').append(Files.readString(f));
            }
        }
        return all.toString();
    }
}
