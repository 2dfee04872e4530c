package org.dcgan4j.train;

/**
 * Hooks of the training loop. Layers above {@code train} (checkpoints, sample grids) plug in
 * through this interface, so the loop never depends on them.
 */
public interface TrainingListener {

    /** Before the first iteration of this process (also after a resume). */
    default void onStart(GanModels models, TrainingProgress progress) {
    }

    /** After every iteration. */
    default void onIteration(GanModels models, IterationReport report) {
    }

    /**
     * When the loop ends.
     *
     * @param completed true when the planned number of iterations was reached; false when the
     *                  run was asked to stop early
     */
    default void onFinish(GanModels models, TrainingProgress progress, boolean completed) {
    }

    /**
     * When the loop ends with an exception instead (a divergence, a failed write): onFinish does
     * not come, so this is where a listener records the failure and lets go of its files.
     *
     * @param error what ended the loop, as its message says it
     */
    default void onFailure(String error) {
    }
}
