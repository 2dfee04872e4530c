package org.dcgan4j.train;

/**
 * Acts every {@code every} iterations and once more when the loop ends (completed or stopped)
 * unless it just acted at that iteration: the shape of sample grids and checkpoints.
 */
public abstract class PeriodicListener implements TrainingListener {

    private final long every;
    private long lastDone = -1;

    protected PeriodicListener(long every) {
        this.every = every;
    }

    /** Does the periodic work for the run's state after {@code progress.iteration()} iterations. */
    protected abstract void act(GanModels models, TrainingProgress progress);

    @Override
    public void onIteration(GanModels models, IterationReport report) {
        if (report.progress().iteration() % every == 0) {
            run(models, report.progress());
        }
    }

    @Override
    public void onFinish(GanModels models, TrainingProgress progress, boolean completed) {
        if (progress.iteration() > 0 && progress.iteration() != lastDone) {
            run(models, progress);
        }
    }

    private void run(GanModels models, TrainingProgress progress) {
        act(models, progress);
        lastDone = progress.iteration();
    }
}
