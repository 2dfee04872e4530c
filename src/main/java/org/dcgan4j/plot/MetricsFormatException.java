package org.dcgan4j.plot;

import java.io.IOException;

/** A {@code metrics.csv} that cannot be plotted; the message names the file and what is wrong. */
public final class MetricsFormatException extends IOException {

    public MetricsFormatException(String message) {
        super(message);
    }
}
