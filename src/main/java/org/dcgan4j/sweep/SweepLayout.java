package org.dcgan4j.sweep;

import java.nio.file.Path;

/** Where things live in a sweep folder. */
public record SweepLayout(Path root) {

    /** The grid, the shared options and one entry per run. */
    public Path plan() {
        return root.resolve("plan.json");
    }

    /** The Slurm batch script (fixed text: it holds no user input). */
    public Path sbatchScript() {
        return root.resolve("sweep.sbatch");
    }

    /** The command that starts this program, NUL-separated, read by the batch script. */
    public Path taskCommand() {
        return root.resolve("task-command");
    }

    /** One console log per task (Slurm's output, or the local runner's). */
    public Path logs() {
        return root.resolve("logs");
    }

    /** One line per run, written by sweep-status. */
    public Path summary() {
        return root.resolve("summary.csv");
    }

    /** The curves of all runs in one chart, written by sweep-status. */
    public Path chart() {
        return root.resolve("curves.png");
    }

    /** The folder of a run of the plan. */
    public Path run(PlannedRun run) {
        return root.resolve(run.folder());
    }
}
