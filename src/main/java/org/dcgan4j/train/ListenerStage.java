package org.dcgan4j.train;

/**
 * Where a listener runs within an iteration. The loop calls its listeners stage by stage, in
 * the order declared here, whatever order they were registered in; listeners of one stage run
 * in the order they were registered. Each stage says why it sits where it does.
 */
public enum ListenerStage {

    /**
     * First: it reads the live ND4J buffers the training step left, before the periodic
     * listeners (evaluation, grids, checkpoints) add short-lived arrays of their own, which would
     * count against its headroom at their iterations.
     */
    MEMORY_GUARD,
    /**
     * Before {@link #METRICS}: {@code metrics.csv} takes the quick evaluation's numbers for the
     * same iteration, so the evaluation must be done by the time the row is written. Also before
     * {@link #EVENTS}, which writes the same numbers to TensorBoard.
     */
    QUALITY,
    /**
     * Before {@link #CHARTS} (which read the file this stage flushes, so the charts include the
     * current iteration) and before {@link #CHECKPOINT} (a checkpoint never claims an iteration
     * whose row is not yet written).
     */
    METRICS,
    /**
     * The monitors that only tell (discriminator saturation, off-heap growth): before
     * {@link #EVENTS} and {@link #STATUS}, which report their health for this iteration.
     */
    HEALTH,
    /** The progress bar or log line: after the numbers it shows are settled. */
    PROGRESS,
    /** The fixed-noise sample grids: before {@link #EVENTS}, which shows each grid as it is drawn. */
    SAMPLES,
    /**
     * TensorBoard: after the grids (it shows each one) and before the checkpoints (it flushes
     * every step up to a checkpoint's iteration, so a resume from it finds them handed over).
     */
    EVENTS,
    /** After everything a checkpoint's iteration must already have written (metrics, events). */
    CHECKPOINT,
    /**
     * A full heap collection at the checkpoint interval: after the checkpoint, whose write
     * buffers it frees.
     */
    HEAP,
    /** The charts: read {@code metrics.csv} once {@link #METRICS} has flushed this iteration's row. */
    CHARTS,
    /**
     * {@code status.json}: near the end, so the status names the checkpoint just written and the
     * monitors' health of this iteration.
     */
    STATUS,
    /** Listeners a caller adds (the soak's memory report): after the run's own, measuring what they left. */
    EXTRA
}
