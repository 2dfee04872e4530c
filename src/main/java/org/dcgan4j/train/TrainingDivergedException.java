package org.dcgan4j.train;

/** A loss became NaN or infinite: nothing from that iteration on can be trusted or saved. */
public final class TrainingDivergedException extends RuntimeException {

    public TrainingDivergedException(String message) {
        super(message);
    }
}
