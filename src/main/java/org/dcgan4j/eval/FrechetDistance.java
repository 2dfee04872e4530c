package org.dcgan4j.eval;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * Fréchet distance between two Gaussians fitted to feature vectors, as in FID:
 * {@code |mu1 - mu2|^2 + Tr(S1 + S2 - 2 (S1 S2)^(1/2))}.
 *
 * <p>The trace of the (generally non-symmetric) product's square root is computed through
 * symmetric matrices only: {@code Tr((S1 S2)^(1/2)) = Tr((A S2 A)^(1/2))} with {@code A = S1^(1/2)},
 * and both square roots come from symmetric eigen-decompositions (eigenvalues clamped at 0
 * against rounding), which is exact for covariance matrices and never produces complex numbers.
 */
public final class FrechetDistance {

    private FrechetDistance() {
    }

    public static double between(GaussianFit a, GaussianFit b) {
        double meanTerm = 0;
        for (int i = 0; i < a.mean().length; i++) {
            double d = a.mean()[i] - b.mean()[i];
            meanTerm += d * d;
        }
        RealMatrix s1 = new Array2DRowRealMatrix(a.covariance(), false);
        RealMatrix s2 = new Array2DRowRealMatrix(b.covariance(), false);
        RealMatrix root1 = symmetricSqrt(s1);
        RealMatrix inner = root1.multiply(s2).multiply(root1);
        double traceSqrt = 0;
        for (double ev : new EigenDecomposition(symmetrize(inner)).getRealEigenvalues()) {
            traceSqrt += Math.sqrt(Math.max(ev, 0));
        }
        return meanTerm + s1.getTrace() + s2.getTrace() - 2 * traceSqrt;
    }

    static RealMatrix symmetricSqrt(RealMatrix m) {
        EigenDecomposition eig = new EigenDecomposition(symmetrize(m));
        RealMatrix v = eig.getV();
        double[] ev = eig.getRealEigenvalues();
        RealMatrix d = new Array2DRowRealMatrix(ev.length, ev.length);
        for (int i = 0; i < ev.length; i++) {
            d.setEntry(i, i, Math.sqrt(Math.max(ev[i], 0)));
        }
        return v.multiply(d).multiply(v.transpose());
    }

    private static RealMatrix symmetrize(RealMatrix m) {
        return m.add(m.transpose()).scalarMultiply(0.5);
    }
}
