package org.dcgan4j.train;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The wall time a training process may take, counted from the start of its {@link TrainingRun}:
 * every loop attempt (a rollback starts one) gets what is left, and stops with a checkpoint when
 * it runs out.
 */
public final class TimeBudget {

    /** No limit. */
    public static final TimeBudget NONE = new TimeBudget(null, System::nanoTime);

    private final Duration total;
    private final LongSupplier nanoClock;

    /**
     * @param total     the budget
     * @param nanoClock a monotonic clock in nanoseconds ({@link System#nanoTime})
     */
    public TimeBudget(Duration total, LongSupplier nanoClock) {
        this.total = total;
        this.nanoClock = nanoClock;
    }

    /** A budget of {@code minutes} minutes of wall time; 0 is none. */
    public static TimeBudget minutes(double minutes) {
        return minutes > 0 ? new TimeBudget(Duration.ofNanos(Math.round(minutes * 60e9)), System::nanoTime) : NONE;
    }

    boolean limited() {
        return total != null;
    }

    /** The budget in minutes, as the log states it. */
    double minutes() {
        return total.toNanos() / 60e9;
    }

    long now() {
        return nanoClock.getAsLong();
    }

    /** What is left of the budget since {@code startNanos} (a value of {@link #now()}); never negative. */
    Duration remainingSince(long startNanos) {
        return Duration.ofNanos(Math.max(0, total.toNanos() - (now() - startNanos)));
    }
}
