package org.dcgan4j.train;

/** A loss became NaN or infinite: nothing from that iteration on can be trusted or saved. */
public final class TrainingDivergedException extends RuntimeException {

    private final long iteration;

    public TrainingDivergedException(long iteration, String message) {
        super(message);
        this.iteration = iteration;
    }

    /** The iteration whose loss or update was not finite. */
    public long iteration() {
        return iteration;
    }
}
