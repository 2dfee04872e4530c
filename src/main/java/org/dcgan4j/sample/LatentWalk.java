package org.dcgan4j.sample;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Paths and sums in G's latent space, as in the DCGAN paper: walks between two noise vectors
 * and vector arithmetic on the means of noise sets.
 *
 * <p>Walks are spherical (slerp): z ~ N(0, I) in 100 dimensions lies near a sphere of radius
 * about 10, and a straight line between two such points passes through its inside, where G saw
 * no training noise (White, "Sampling Generative Networks", 2016).
 */
public final class LatentWalk {

    private LatentWalk() {
    }

    /**
     * {@code steps} vectors from {@code a} to {@code b} by spherical interpolation; the first is
     * exactly {@code a} and the last exactly {@code b}.
     *
     * @param a [latent] or [1, latent]
     * @param b same shape as {@code a}
     * @return [steps, latent]
     */
    public static INDArray interpolate(INDArray a, INDArray b, int steps) {
        if (steps < 2) {
            throw new IllegalArgumentException("a walk needs at least 2 steps, got " + steps);
        }
        double[] x = a.castTo(DataType.DOUBLE).reshape(-1).toDoubleVector();
        double[] y = b.castTo(DataType.DOUBLE).reshape(-1).toDoubleVector();
        if (x.length != y.length) {
            throw new IllegalArgumentException("vectors of length " + x.length + " and " + y.length);
        }
        double cos = dot(x, y) / Math.sqrt(dot(x, x) * dot(y, y));
        double omega = Math.acos(Math.max(-1, Math.min(1, cos)));
        double sinOmega = Math.sin(omega);
        double[][] rows = new double[steps][x.length];
        for (int s = 0; s < steps; s++) {
            double t = (double) s / (steps - 1);
            // Nearly parallel vectors: slerp tends to the straight line, which avoids 0/0.
            double wa = sinOmega < 1e-9 ? 1 - t : Math.sin((1 - t) * omega) / sinOmega;
            double wb = sinOmega < 1e-9 ? t : Math.sin(t * omega) / sinOmega;
            for (int i = 0; i < x.length; i++) {
                rows[s][i] = wa * x[i] + wb * y[i];
            }
        }
        return Nd4j.create(rows).castTo(a.dataType());
    }

    /**
     * mean(A) - mean(B) + mean(C), e.g. "smiling woman - neutral woman + neutral man" in the
     * DCGAN paper; averaging a few vectors per concept steadies the result.
     *
     * @param a [k, latent] (any k >= 1; likewise b and c)
     * @return [1, latent]
     */
    public static INDArray arithmetic(INDArray a, INDArray b, INDArray c) {
        return a.mean(true, 0).sub(b.mean(true, 0)).add(c.mean(true, 0));
    }

    private static double dot(double[] x, double[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += x[i] * y[i];
        }
        return s;
    }
}
