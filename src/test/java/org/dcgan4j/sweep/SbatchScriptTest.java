package org.dcgan4j.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The batch script itself, run by bash as Slurm would run it, with a stand-in for the task and
 * for scontrol: a SIGTERM to the script alone (what {@code --signal=B:TERM@grace} sends) reaches
 * the task, and a task that stopped early makes the job requeue itself.
 */
class SbatchScriptTest {

    private Path sweep;
    private Path bin;

    @BeforeEach
    void setUp(@TempDir Path tmp) throws Exception {
        sweep = tmp.resolve("a \"sweep\"; touch PWNED $(touch PWNED2)");
        Files.createDirectories(sweep);
        SbatchScript.write(new SweepLayout(sweep).sbatchScript());
        // The task: records its arguments and environment, then exits with FAKE_EXIT, or on SIGTERM with 75.
        Path task = executable(tmp.resolve("fake task.sh"), """
                #!/bin/bash
                printf '%s\\n' "$@" > "$4/task-args"
                echo "OMP_NUM_THREADS=$OMP_NUM_THREADS DCGAN4J_NO_BUILD=$DCGAN4J_NO_BUILD" >> "$4/task-args"
                if [[ -n "${FAKE_EXIT:-}" ]]; then exit "$FAKE_EXIT"; fi
                trap 'echo TERM >> "$4/task-signals"; exit 75' TERM
                touch "$4/task-ready"
                while true; do sleep 0.05; done
                """);
        TaskCommandFile.write(new SweepLayout(sweep).taskCommand(), List.of("/bin/bash", task.toString()));
        bin = tmp.resolve("bin");
        Files.createDirectories(bin);
        executable(bin.resolve("scontrol"), "#!/bin/bash\necho \"$*\" >> \"$FAKE_SCONTROL_LOG\"\n");
    }

    private static Path executable(Path file, String text) throws Exception {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    private Process start(Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("/bin/bash", new SweepLayout(sweep).sbatchScript().toString(), sweep.toString())
                .redirectErrorStream(true).redirectOutput(sweep.resolve("console.txt").toFile());
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        pb.environment().put("SLURM_ARRAY_TASK_ID", "3");
        pb.environment().put("SLURM_JOB_ID", "77");
        pb.environment().put("SLURM_CPUS_ON_NODE", "2");
        pb.environment().remove("OMP_NUM_THREADS");
        pb.environment().put("FAKE_SCONTROL_LOG", sweep.resolve("scontrol.log").toString());
        pb.environment().putAll(env);
        return pb.start();
    }

    @Test
    void sigtermToTheScriptReachesTheTaskOnceAndTheJobRequeuesItself() throws Exception {
        Process script = start(Map.of());
        try {
            stopAndRequeue(script);
        } finally {
            // only when the test failed: a script that ignores SIGTERM, and its task, would hang on
            script.descendants().forEach(ProcessHandle::destroyForcibly);
            script.destroyForcibly();
        }
    }

    private void stopAndRequeue(Process script) throws Exception {
        long end = System.nanoTime() + 30_000_000_000L;
        while (!Files.exists(sweep.resolve("task-ready"))) {
            assertThat(script.isAlive()).as("script ended early").isTrue();
            assertThat(System.nanoTime()).as("waiting for the task").isLessThan(end);
            Thread.sleep(20);
        }

        script.destroy(); // SIGTERM to the batch shell only, as --signal=B:TERM@grace does

        assertThat(script.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String console = Files.readString(sweep.resolve("console.txt"));
        assertThat(script.exitValue()).as(console).isZero();
        assertThat(Files.readAllLines(sweep.resolve("task-signals"))).containsExactly("TERM");
        assertThat(Files.readAllLines(sweep.resolve("scontrol.log"))).containsExactly("requeue 77");
        assertThat(Files.readAllLines(sweep.resolve("task-args"))).containsExactly("sweep-task", "--task", "3",
                sweep.toString(), "OMP_NUM_THREADS=2 DCGAN4J_NO_BUILD=1");
        assertThat(console).contains("requeueing job 77");
        assertThat(sweep.getParent().resolve("PWNED")).doesNotExist();
        assertThat(sweep.resolve("PWNED2")).doesNotExist();
    }

    @Test
    void aFinishedRunEndsTheJobAndAFailedOneKeepsItsExitCodeNeitherRequeues() throws Exception {
        Process finished = start(Map.of("FAKE_EXIT", "0"));
        assertThat(finished.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(finished.exitValue()).isZero();

        Process failed = start(Map.of("FAKE_EXIT", "3"));
        assertThat(failed.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(failed.exitValue()).isEqualTo(3);

        assertThat(sweep.resolve("scontrol.log")).doesNotExist();
        assertThat(sweep.resolve("task-signals")).doesNotExist();
    }
}
