package org.dcgan4j.eval;

import java.util.Arrays;
import org.apache.commons.math3.random.Well19937c;
import org.apache.commons.math3.stat.descriptive.moment.StandardDeviation;
import org.apache.commons.math3.util.MathArrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Kernel inception distance (KID, Bińkowski et al. 2018): the unbiased estimate of the squared
 * maximum mean discrepancy between two sets of feature vectors under the cubic polynomial kernel
 * {@code k(x, y) = (x.y / d + 1)^3}, {@code d} the feature dimension. Unlike the Fréchet distance
 * its expectation does not depend on the sample size: two samples of one distribution score 0
 * on average, however few.
 *
 * <p>The estimate uses every pair of points (the U-statistic over the whole sets), and its
 * standard error is a grouped jackknife: each set is shuffled (a fixed seed, so a result is
 * repeatable) and cut into {@value #GROUPS} groups, the estimate is recomputed with the i-th
 * group of both sets left out, and the spread of those {@value #GROUPS} estimates gives the
 * error. The kernel matrices are summed per pair of groups once, so leaving a group out costs
 * nothing more.
 *
 * <p>Why not the paper's recipe (the mean over 100 random subsets of 1,000 points per set, with
 * their standard deviation): dcgan4j compares 900 to 5,000 generated images with 900 to 1,000
 * real ones, so subsets of 1,000 would overlap almost entirely and their spread would not be the
 * sampling error (with subsets as large as the sets it is zero). Disjoint subsets would make it
 * honest, but near 0 (the interesting case) the mean over 10 subsets of 100 images is much
 * noisier than the estimate from all pairs: on the embedded digits, 1,000 real training images
 * against the 1,000 held-out ones, its standard errors were 1.1 to 2.7, the jackknife's of all
 * pairs 0.6 to 1.4. The jackknife errs on the safe side near 0 (about 1.3 times the true spread
 * on Gaussian samples) and is right elsewhere.
 *
 * @param value         the estimate of MMD² (0 for identical distributions; may be slightly
 *                      negative)
 * @param standardError its grouped-jackknife standard error; NaN when the sets are too small
 *                      to be cut into groups
 * @param groups        how many groups the jackknife left out in turn
 */
public record KernelDistance(double value, double standardError, int groups) {

    /** Groups of the jackknife: the standard error's degrees of freedom plus one. */
    static final int GROUPS = 50;
    /** Points a group holds at least, so that every set keeps two or more with one group left out. */
    private static final int MIN_GROUP_SIZE = 2;
    /** Rows of a kernel matrix computed at once (a chunk of 500 x 5,000 doubles is 20 MB). */
    private static final int CHUNK = 500;
    /** Seed of the shuffles that form the groups. */
    private static final long SEED = 20180101L;

    /**
     * KID of two sets of feature vectors (rows of equal length) with {@value #GROUPS} jackknife
     * groups, or fewer when a set has fewer than {@code 2 * GROUPS} rows.
     */
    public static KernelDistance between(double[][] x, double[][] y) {
        int groups = Math.max(1, Math.min(GROUPS, Math.min(x.length, y.length) / MIN_GROUP_SIZE));
        return between(x, y, groups);
    }

    /** The unbiased estimate alone, from all pairs (no groups, no standard error). */
    static double unbiasedMmd2(double[][] x, double[][] y) {
        return between(x, y, 1).value();
    }

    static KernelDistance between(double[][] x, double[][] y, int groups) {
        if (Math.min(x.length, y.length) < groups * MIN_GROUP_SIZE) {
            throw new IllegalArgumentException("KID needs at least " + MIN_GROUP_SIZE * groups + " vectors per set for "
                    + groups + " groups, got " + x.length + " and " + y.length);
        }
        int[][] xGroups = partition(x.length, groups, SEED);
        int[][] yGroups = partition(y.length, groups, SEED + 1);
        double[][] xx = groupSums(x, xGroups, x, xGroups, true);
        double[][] yy = groupSums(y, yGroups, y, yGroups, true);
        double[][] xy = groupSums(x, xGroups, y, yGroups, false);
        double value = estimate(xx, yy, xy, xGroups, yGroups, -1);
        if (groups == 1) {
            return new KernelDistance(value, Double.NaN, 1);
        }
        double[] leftOut = new double[groups];
        for (int g = 0; g < groups; g++) {
            leftOut[g] = estimate(xx, yy, xy, xGroups, yGroups, g);
        }
        // Jackknife: SE^2 = (G - 1) / G * sum (t_g - mean t)^2 = (G - 1)^2 / G * sample variance.
        double se = (groups - 1) * new StandardDeviation().evaluate(leftOut) / Math.sqrt(groups);
        return new KernelDistance(value, se, groups);
    }

    /**
     * The unbiased estimate from the sums of the kernel per pair of groups, leaving group
     * {@code out} of both sets out (none when -1):
     * {@code sum_{i != j} k(x_i, x_j) / (m (m - 1)) + sum_{i != j} k(y_i, y_j) / (n (n - 1))
     * - 2 sum_{i, j} k(x_i, y_j) / (m n)}.
     */
    private static double estimate(double[][] xx, double[][] yy, double[][] xy, int[][] xGroups, int[][] yGroups,
                                   int out) {
        double m = 0;
        double n = 0;
        for (int g = 0; g < xGroups.length; g++) {
            if (g != out) {
                m += xGroups[g].length;
                n += yGroups[g].length;
            }
        }
        return sumWithout(xx, out) / (m * (m - 1)) + sumWithout(yy, out) / (n * (n - 1))
                - 2 * sumWithout(xy, out) / (m * n);
    }

    private static double sumWithout(double[][] sums, int out) {
        double s = 0;
        for (int a = 0; a < sums.length; a++) {
            for (int b = 0; b < sums.length; b++) {
                if (a != out && b != out) {
                    s += sums[a][b];
                }
            }
        }
        return s;
    }

    /**
     * {@code [a][b]} = sum of {@code k(p, q)} over p in group a of {@code ps} and q in group b of
     * {@code qs}; with {@code sameSet}, a point's kernel with itself is left out.
     */
    private static double[][] groupSums(double[][] ps, int[][] pGroups, double[][] qs, int[][] qGroups,
                                        boolean sameSet) {
        int d = ps[0].length;
        double[][] p = grouped(ps, pGroups);
        double[][] q = grouped(qs, qGroups);
        int[] qStarts = starts(qGroups);
        int[] pGroupOf = groupOf(pGroups);
        double[][] sums = new double[pGroups.length][qGroups.length];
        try (INDArray pm = Nd4j.createFromArray(p); INDArray qm = Nd4j.createFromArray(q)) {
            for (int from = 0; from < p.length; from += CHUNK) {
                int to = Math.min(p.length, from + CHUNK);
                double[][] k;
                try (INDArray dots = pm.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()).mmul(qm.transpose())) {
                    dots.divi(d).addi(1);
                    Transforms.pow(dots, 3, false);
                    k = dots.toDoubleMatrix();
                }
                for (int i = from; i < to; i++) {
                    double[] row = k[i - from];
                    double[] into = sums[pGroupOf[i]];
                    for (int b = 0; b < qGroups.length; b++) {
                        double s = 0;
                        for (int j = qStarts[b]; j < qStarts[b + 1]; j++) {
                            s += row[j];
                        }
                        into[b] += s;
                    }
                    if (sameSet) {
                        into[pGroupOf[i]] -= row[i];
                    }
                }
            }
        }
        return sums;
    }

    /** The rows in group order (group 0's rows first). */
    private static double[][] grouped(double[][] rows, int[][] groups) {
        return Arrays.stream(groups).flatMapToInt(Arrays::stream).mapToObj(i -> rows[i]).toArray(double[][]::new);
    }

    /** Where each group starts in group order, and the total at the end. */
    private static int[] starts(int[][] groups) {
        int[] s = new int[groups.length + 1];
        for (int g = 0; g < groups.length; g++) {
            s[g + 1] = s[g] + groups[g].length;
        }
        return s;
    }

    /** The group of each row in group order. */
    private static int[] groupOf(int[][] groups) {
        int[] of = new int[Arrays.stream(groups).mapToInt(g -> g.length).sum()];
        int i = 0;
        for (int g = 0; g < groups.length; g++) {
            for (int r = 0; r < groups[g].length; r++) {
                of[i++] = g;
            }
        }
        return of;
    }

    /** Indices 0..n-1 shuffled by {@code seed} and cut into {@code parts} parts of sizes differing by at most one. */
    static int[][] partition(int n, int parts, long seed) {
        int[] order = MathArrays.natural(n);
        MathArrays.shuffle(order, new Well19937c(seed));
        int[][] result = new int[parts][];
        for (int p = 0; p < parts; p++) {
            int from = (int) ((long) n * p / parts);
            int to = (int) ((long) n * (p + 1) / parts);
            result[p] = Arrays.copyOfRange(order, from, to);
        }
        return result;
    }
}
