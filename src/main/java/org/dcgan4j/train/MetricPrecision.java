package org.dcgan4j.train;

import java.util.Locale;

/**
 * How many decimals each kind of number keeps in {@code metrics.csv}. Other views of the same
 * numbers (TensorBoard's scalars) take them through {@link #asWritten} so that they hold the
 * values the file holds, not ones that differ in the seventh digit.
 */
public enum MetricPrecision {

    /** Losses and D's mean beliefs D(x), D(G(z)). */
    LOSS(6),
    /** Images per second. */
    SPEED(1),
    /** The quick evaluation's Fréchet distance and inception score. */
    QUALITY(4);

    private final String format;

    MetricPrecision(int decimals) {
        this.format = "%." + decimals + "f";
    }

    /** The number as its column prints it. */
    public String format(double value) {
        return String.format(Locale.ROOT, format, value);
    }

    /** The number its column holds: {@link #format} read back. */
    public double asWritten(double value) {
        return Double.parseDouble(format(value));
    }
}
