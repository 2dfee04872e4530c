package org.dcgan4j.sweep;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs a plan on this machine, {@code parallel} runs at a time, each in its own process
 * ({@code sweep-task}, as a Slurm task would), its console appended to {@code DIR/logs/}.
 * Finished runs are skipped and unfinished ones resume, so running the same sweep again after
 * an interruption finishes every run exactly once. When this process is stopped (Ctrl-C,
 * SIGTERM) its tasks get SIGTERM and checkpoint; tasks also stop by themselves when this process
 * disappears (kill -9).
 */
public final class LocalRunner {

    private final SweepLayout layout;
    private final SweepPlan plan;
    private final List<String> taskCommand;
    private final int parallel;
    private final PrintWriter out;
    private final Set<Process> live = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean stopping = new AtomicBoolean();

    /**
     * @param taskCommand the command that starts this program; {@code sweep-task} and its arguments are added
     * @param parallel    runs at a time
     */
    public LocalRunner(SweepLayout layout, SweepPlan plan, List<String> taskCommand, int parallel, PrintWriter out) {
        this.layout = layout;
        this.plan = plan;
        this.taskCommand = List.copyOf(taskCommand);
        this.parallel = parallel;
        this.out = out;
    }

    /** @return 0 when every run is finished, 1 otherwise */
    public int run() throws IOException, InterruptedException {
        Files.createDirectories(layout.logs());
        List<PlannedRun> todo = new ArrayList<>();
        for (PlannedRun run : plan.runs()) {
            if (RunProgress.of(layout.run(run)).finished()) {
                say("run %s: already finished, skipped", run.folder());
            } else {
                todo.add(run);
            }
        }
        Thread hook = new Thread(this::stopTasks, "sweep-local-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, parallel));
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (PlannedRun run : todo) {
                futures.add(pool.submit(() -> {
                    runTask(run);
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    say("error: %s", e.getCause().getMessage());
                }
            }
        } finally {
            pool.shutdownNow();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it stops the tasks
            }
        }
        long unfinished = plan.runs().stream().filter(r -> !RunProgress.of(layout.run(r)).finished()).count();
        say("sweep %s: %d of %d runs finished", layout.root(), plan.runs().size() - unfinished, plan.runs().size());
        return unfinished == 0 ? 0 : 1;
    }

    private void runTask(PlannedRun run) throws IOException, InterruptedException {
        if (stopping.get()) {
            return;
        }
        List<String> cmd = new ArrayList<>(taskCommand);
        cmd.addAll(List.of("sweep-task", "--task", String.valueOf(run.index()), "--stop-with-parent",
                layout.root().toAbsolutePath().toString()));
        Path log = layout.logs().resolve(String.format(java.util.Locale.ROOT, "task-%d.out", run.index()));
        say("run %s: started (log %s)", run.folder(), log);
        ProcessBuilder builder = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // The cores shared out between the runs at a time: more threads than cores would fight over them.
        builder.environment().putIfAbsent("OMP_NUM_THREADS",
                String.valueOf(Math.max(1, Runtime.getRuntime().availableProcessors() / Math.max(1, parallel))));
        Process p = builder.start();
        live.add(p);
        int code;
        try {
            code = p.waitFor();
        } finally {
            live.remove(p);
        }
        if (code == SbatchScript.STOPPED_EARLY) {
            stopping.set(true);
            say("run %s: stopped with a checkpoint; run the same sweep again to continue", run.folder());
        } else if (code == 0) {
            say("run %s: finished", run.folder());
        } else {
            say("run %s: failed with exit code %d; see %s", run.folder(), code, log);
        }
    }

    /** SIGTERM to every task, then wait for their checkpoints. */
    private void stopTasks() {
        stopping.set(true);
        for (Process p : live) {
            p.destroy();
        }
        for (Process p : live) {
            try {
                p.waitFor(120, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private synchronized void say(String format, Object... args) {
        out.println(String.format(java.util.Locale.ROOT, format, args));
        out.flush();
    }
}
