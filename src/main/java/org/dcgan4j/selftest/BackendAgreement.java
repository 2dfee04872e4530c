package org.dcgan4j.selftest;

import java.util.Locale;

/**
 * Whether two backends trained alike. Float32 kernels of different libraries (oneDNN, cuDNN,
 * DL4J's own) add and round in different orders, and Adam's first steps, close to
 * {@code lr * sign(gradient)}, turn tiny differences in near-zero gradients into whole steps, so
 * the runs drift apart a little every iteration; a wrong kernel (a transposed weight, a missed
 * bias, a broken reduction) moves them apart by orders of magnitude more. The tolerances sit
 * between the two; the README gives the drift measured between two CPU implementations.
 *
 * @param agree            whether every loss and every pixel is within tolerance
 * @param maxLossDiff      largest relative loss difference over all iterations (D and G)
 * @param worstIteration   the 1-based iteration of that difference
 * @param maxPixelDiff     largest absolute difference of G's output on the fixed noise (pixels in [-1, 1])
 */
public record BackendAgreement(boolean agree, double maxLossDiff, int worstIteration, double maxPixelDiff) {

    /** Relative difference of a loss allowed at any iteration. */
    public static final double LOSS_TOLERANCE = 0.02;
    /** Absolute difference of a pixel of G's output allowed at the end. */
    public static final double PIXEL_TOLERANCE = 0.05;

    public static BackendAgreement compare(SelfTestResult a, SelfTestResult b) {
        if (a.lossD().size() != b.lossD().size() || a.samples().length != b.samples().length) {
            throw new IllegalArgumentException("the two runs differ in length: " + a.lossD().size() + " vs "
                    + b.lossD().size() + " iterations");
        }
        double worst = 0;
        int worstAt = 0;
        for (int i = 0; i < a.lossD().size(); i++) {
            double d = Math.max(relative(a.lossD().get(i), b.lossD().get(i)), relative(a.lossG().get(i), b.lossG().get(i)));
            if (!(d <= worst)) {
                worst = d;
                worstAt = i + 1;
            }
        }
        double pixels = 0;
        for (int k = 0; k < a.samples().length; k++) {
            double d = Math.abs(a.samples()[k] - b.samples()[k]);
            if (!(d <= pixels)) {
                pixels = d;
            }
        }
        return new BackendAgreement(worst <= LOSS_TOLERANCE && pixels <= PIXEL_TOLERANCE, worst, worstAt, pixels);
    }

    private static double relative(double x, double y) {
        if (!Double.isFinite(x) || !Double.isFinite(y)) {
            return Double.POSITIVE_INFINITY;
        }
        return Math.abs(x - y) / Math.max(1e-3, Math.max(Math.abs(x), Math.abs(y)));
    }

    /** "losses within 0.31% (worst at iteration 17; tolerance 2%), pixels within 0.0042 (tolerance 0.05)". */
    public String describe() {
        String losses = maxLossDiff == 0 ? "losses identical" : String.format(Locale.ROOT,
                "losses within %.2f%% (worst at iteration %d; tolerance %.0f%%)", 100 * maxLossDiff, worstIteration,
                100 * LOSS_TOLERANCE);
        return String.format(Locale.ROOT, "%s, pixels within %.4f (tolerance %.2f)", losses, maxPixelDiff, PIXEL_TOLERANCE);
    }
}
