package org.dcgan4j.model;

import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * A learning rate that falls linearly from {@code initialValue} at iteration 0 to a tenth of it
 * at iteration {@code until}, and stays there (nanoGPT's {@code min_lr}: a resume that trains past
 * {@code until} goes on learning, slowly). DL4J 1.0.0-M2.1's {@code PolySchedule} cannot serve:
 * it computes {@code initial * (1 + i / maxIter)^power}, which rises for a positive power.
 * Saved inside the networks' configuration, so a checkpoint resumes with the same schedule.
 */
public final class LinearDecaySchedule implements ISchedule {

    /** The rate at {@code until} and after, as a fraction of the initial one. */
    public static final double FLOOR = 0.1;

    private final double initialValue;
    private final long until;

    public LinearDecaySchedule(@JsonProperty("initialValue") double initialValue, @JsonProperty("until") long until) {
        if (!(initialValue > 0) || Double.isInfinite(initialValue)) {
            throw new IllegalArgumentException("initial learning rate must be a positive number, got " + initialValue);
        }
        if (until < 1) {
            throw new IllegalArgumentException("decay end must be at least iteration 1, got " + until);
        }
        this.initialValue = initialValue;
        this.until = until;
    }

    @JsonProperty("initialValue")
    public double getInitialValue() {
        return initialValue;
    }

    @JsonProperty("until")
    public long getUntil() {
        return until;
    }

    @Override
    public double valueAt(int iteration, int epoch) {
        double progress = Math.min(1.0, Math.max(0, iteration) / (double) until);
        return initialValue * (1 - (1 - FLOOR) * progress);
    }

    @Override
    public ISchedule clone() {
        return new LinearDecaySchedule(initialValue, until);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LinearDecaySchedule s && s.initialValue == initialValue && s.until == until;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(initialValue) * 31 + Long.hashCode(until);
    }
}
