package org.dcgan4j.eval;

import java.util.Arrays;
import org.apache.commons.math3.random.Well19937c;
import org.apache.commons.math3.util.MathArrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Precision and recall of a generated distribution (Kynkäänniemi et al. 2019): each set's
 * manifold is the union of balls around its points, each ball reaching the point's
 * {@value #K}-th nearest neighbour in the same set (the point itself not counted). Precision is
 * the share of generated points inside the real manifold (are the images realistic?), recall the
 * share of real points inside the generated manifold (is the real variety covered?). Sharp but
 * collapsed images have high precision and low recall; blurry but diverse ones the other way
 * round.
 *
 * <p>Both sets are estimated from equally many points, as in the paper: the larger set is cut to
 * a seeded random subset of the smaller one's size (a set of more points has smaller balls).
 * Distances are Euclidean, from matrix products, in chunks of rows.
 *
 * @param precision share of generated points within some real point's ball
 * @param recall    share of real points within some generated point's ball
 * @param k         the neighbour that sets each ball's radius
 * @param samples   points of each set used
 */
public record ManifoldCoverage(double precision, double recall, int k, int samples) {

    /** The neighbour that sets a ball's radius, as in the paper. */
    static final int K = 3;
    /** Points each set needs at least: one and its {@value #K} neighbours. */
    public static final int MIN_SAMPLES = K + 1;
    /** Rows of a distance matrix computed at once (a chunk of 500 x 5,000 doubles is 20 MB). */
    private static final int CHUNK = 500;
    /** Seed of the subset taken from the larger set. */
    private static final long SEED = 20190101L;

    /** Precision and recall of {@code generated} against {@code real} (feature rows), with k = {@value #K}. */
    public static ManifoldCoverage of(double[][] generated, double[][] real) {
        return of(generated, real, K);
    }

    static ManifoldCoverage of(double[][] generated, double[][] real, int k) {
        int n = Math.min(generated.length, real.length);
        if (n <= k) {
            throw new IllegalArgumentException("precision and recall with k = " + k + " need more than " + k
                    + " vectors per set, got " + generated.length + " and " + real.length);
        }
        double[][] g = subset(generated, n);
        double[][] r = subset(real, n);
        try (INDArray gm = Nd4j.createFromArray(g); INDArray rm = Nd4j.createFromArray(r)) {
            double[] realRadii = kthNeighbourDistances(rm, k);
            double[] generatedRadii = kthNeighbourDistances(gm, k);
            return new ManifoldCoverage(shareInside(gm, rm, realRadii), shareInside(rm, gm, generatedRadii), k, n);
        }
    }

    /**
     * For each row, the squared distance to its k-th nearest other row (the row itself excluded by
     * index, so a duplicate of it counts as a neighbour at distance 0).
     */
    static double[] kthNeighbourDistances(INDArray points, int k) {
        int n = (int) points.size(0);
        double[] radii = new double[n];
        double[] nearest = new double[k];
        for (int from = 0; from < n; from += CHUNK) {
            int to = Math.min(n, from + CHUNK);
            double[][] d = squaredDistances(rows(points, from, to), points);
            for (int i = from; i < to; i++) {
                Arrays.fill(nearest, Double.POSITIVE_INFINITY);
                double[] row = d[i - from];
                for (int j = 0; j < n; j++) {
                    if (j != i && row[j] < nearest[k - 1]) {
                        int p = k - 1;
                        while (p > 0 && nearest[p - 1] > row[j]) {
                            nearest[p] = nearest[p - 1];
                            p--;
                        }
                        nearest[p] = row[j];
                    }
                }
                radii[i] = nearest[k - 1];
            }
        }
        return radii;
    }

    /** Share of {@code queries} within {@code squaredRadii[j]} of some {@code centres} row j (boundary included). */
    static double shareInside(INDArray queries, INDArray centres, double[] squaredRadii) {
        int n = (int) queries.size(0);
        int inside = 0;
        for (int from = 0; from < n; from += CHUNK) {
            int to = Math.min(n, from + CHUNK);
            for (double[] row : squaredDistances(rows(queries, from, to), centres)) {
                for (int j = 0; j < row.length; j++) {
                    if (row[j] <= squaredRadii[j]) {
                        inside++;
                        break;
                    }
                }
            }
        }
        return (double) inside / n;
    }

    /** {@code |a_i - b_j|^2 = |a_i|^2 + |b_j|^2 - 2 a_i.b_j}, clamped at 0 against rounding. */
    private static double[][] squaredDistances(INDArray a, INDArray b) {
        try (INDArray dots = a.mmul(b.transpose());
             INDArray aNorms = a.mul(a).sum(1);
             INDArray bNorms = b.mul(b).sum(1)) {
            double[][] d = dots.toDoubleMatrix();
            double[] an = aNorms.toDoubleVector();
            double[] bn = bNorms.toDoubleVector();
            for (int i = 0; i < d.length; i++) {
                for (int j = 0; j < d[i].length; j++) {
                    d[i][j] = Math.max(0, an[i] + bn[j] - 2 * d[i][j]);
                }
            }
            return d;
        }
    }

    private static INDArray rows(INDArray m, int from, int to) {
        return m.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
    }

    /** {@code n} rows of {@code all}: all of them in order when it has {@code n}, else a seeded random subset. */
    private static double[][] subset(double[][] all, int n) {
        if (all.length == n) {
            return all;
        }
        int[] order = MathArrays.natural(all.length);
        MathArrays.shuffle(order, new Well19937c(SEED));
        double[][] r = new double[n][];
        for (int i = 0; i < n; i++) {
            r[i] = all[order[i]];
        }
        return r;
    }
}
