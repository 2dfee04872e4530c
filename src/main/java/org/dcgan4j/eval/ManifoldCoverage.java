package org.dcgan4j.eval;

import java.util.Arrays;
import org.apache.commons.math3.random.Well19937c;
import org.apache.commons.math3.util.MathArrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Precision and recall of a generated distribution (Kynkäänniemi et al. 2019), and its density
 * and coverage (Naeem et al. 2020), from k-nearest-neighbour balls: a ball around each point
 * reaches the point's k-th nearest neighbour in the same set (the point itself not counted).
 *
 * <ul>
 *   <li>Precision: share of generated points inside some real ball, k = {@value #K} (are the
 *       images realistic?); recall: share of real points inside some generated ball (is the real
 *       variety covered?). Sharp but collapsed images have high precision and low recall; blurry
 *       but diverse ones the other way round.
 *   <li>Density: real balls (k = {@value #DENSITY_K}) containing a generated point, summed over
 *       generated points and divided by k times their number: about 1 for real against real, above
 *       1 where generated points crowd into dense real regions, and only 1/k for a point inside one
 *       outlier's huge ball (where precision counts it fully). Coverage: share of real balls
 *       holding at least one generated point. Both use only the real points' balls, so a
 *       few real outliers cannot inflate them.
 * </ul>
 *
 * <p>Both sets are estimated from equally many points, as in Kynkäänniemi et al.: the larger set
 * is cut to a seeded random subset of the smaller one's size (a set of more points has smaller
 * balls). Distances are Euclidean, from matrix products, in chunks of rows; one generated-by-real
 * matrix gives all four numbers.
 *
 * @param precision share of generated points within some real point's ball (k)
 * @param recall    share of real points within some generated point's ball (k)
 * @param k         the neighbour that sets each ball's radius for precision and recall
 * @param density   real balls (densityK) containing each generated point, averaged and divided by densityK
 * @param coverage  share of real points whose ball (densityK) contains some generated point
 * @param densityK  the neighbour that sets each real ball's radius for density and coverage
 * @param samples   points of each set used
 */
public record ManifoldCoverage(double precision, double recall, int k, double density, double coverage, int densityK,
                               int samples) {

    /** The neighbour that sets a ball's radius for precision and recall, as in Kynkäänniemi et al. */
    static final int K = 3;
    /** The neighbour that sets a real ball's radius for density and coverage: Naeem et al.'s recommended k. */
    static final int DENSITY_K = 5;
    /** Points each set needs at least: one and its {@value #DENSITY_K} neighbours. */
    public static final int MIN_SAMPLES = Math.max(K, DENSITY_K) + 1;
    /** Rows of a distance matrix computed at once (a chunk of 500 x 5,000 doubles is 20 MB). */
    private static final int CHUNK = 500;
    /** Seed of the subset taken from the larger set. */
    private static final long SEED = 20190101L;

    /** The four numbers of {@code generated} against {@code real} (feature rows), with k = {@value #K} and {@value #DENSITY_K}. */
    public static ManifoldCoverage of(double[][] generated, double[][] real) {
        return of(generated, real, K, DENSITY_K);
    }

    static ManifoldCoverage of(double[][] generated, double[][] real, int k, int densityK) {
        int n = Math.min(generated.length, real.length);
        int most = Math.max(k, densityK);
        if (n <= most) {
            throw new IllegalArgumentException("precision and recall with k = " + k + ", density and coverage with k = "
                    + densityK + " need more than " + most + " vectors per set, got " + generated.length + " and "
                    + real.length);
        }
        double[][] g = subset(generated, n);
        double[][] r = subset(real, n);
        try (INDArray gm = Nd4j.createFromArray(g); INDArray rm = Nd4j.createFromArray(r)) {
            double[][] realNearest = nearestDistances(rm, most);
            double[] realRadii = column(realNearest, k - 1);
            double[] realDensityRadii = column(realNearest, densityK - 1);
            double[] generatedRadii = kthNeighbourDistances(gm, k);
            return count(gm, rm, realRadii, generatedRadii, realDensityRadii, k, densityK);
        }
    }

    /**
     * One pass over the generated-by-real distances: a generated point inside a real ball
     * (precision), a real point inside a generated ball (recall), and the real balls of
     * {@code realDensityRadii} each generated point is in (density, coverage). Boundaries included.
     */
    private static ManifoldCoverage count(INDArray generated, INDArray real, double[] realRadii,
                                          double[] generatedRadii, double[] realDensityRadii, int k, int densityK) {
        int n = (int) generated.size(0);
        int m = (int) real.size(0);
        int precise = 0;
        long inBalls = 0;
        boolean[] recalled = new boolean[m];
        boolean[] covered = new boolean[m];
        for (int from = 0; from < n; from += CHUNK) {
            int to = Math.min(n, from + CHUNK);
            double[][] d = squaredDistances(rows(generated, from, to), real);
            for (int j = from; j < to; j++) {
                double[] row = d[j - from];
                boolean inside = false;
                for (int i = 0; i < m; i++) {
                    inside |= row[i] <= realRadii[i];
                    recalled[i] |= row[i] <= generatedRadii[j];
                    if (row[i] <= realDensityRadii[i]) {
                        inBalls++;
                        covered[i] = true;
                    }
                }
                precise += inside ? 1 : 0;
            }
        }
        return new ManifoldCoverage((double) precise / n, share(recalled), k, (double) inBalls / ((long) densityK * n),
                share(covered), densityK, n);
    }

    /**
     * For each row, the squared distance to its k-th nearest other row (the row itself excluded by
     * index, so a duplicate of it counts as a neighbour at distance 0).
     */
    static double[] kthNeighbourDistances(INDArray points, int k) {
        return column(nearestDistances(points, k), k - 1);
    }

    /** For each row, the squared distances to its k nearest other rows, nearest first (the row itself excluded by index). */
    private static double[][] nearestDistances(INDArray points, int k) {
        int n = (int) points.size(0);
        double[][] nearest = new double[n][k];
        for (int from = 0; from < n; from += CHUNK) {
            int to = Math.min(n, from + CHUNK);
            double[][] d = squaredDistances(rows(points, from, to), points);
            for (int i = from; i < to; i++) {
                double[] best = nearest[i];
                Arrays.fill(best, Double.POSITIVE_INFINITY);
                double[] row = d[i - from];
                for (int j = 0; j < n; j++) {
                    if (j != i && row[j] < best[k - 1]) {
                        int p = k - 1;
                        while (p > 0 && best[p - 1] > row[j]) {
                            best[p] = best[p - 1];
                            p--;
                        }
                        best[p] = row[j];
                    }
                }
            }
        }
        return nearest;
    }

    private static double[] column(double[][] m, int c) {
        double[] v = new double[m.length];
        for (int i = 0; i < m.length; i++) {
            v[i] = m[i][c];
        }
        return v;
    }

    private static double share(boolean[] flags) {
        int t = 0;
        for (boolean f : flags) {
            t += f ? 1 : 0;
        }
        return (double) t / flags.length;
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
