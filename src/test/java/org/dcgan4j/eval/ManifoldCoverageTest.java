package org.dcgan4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Precision, recall, density and coverage on 1-D sets whose k-NN balls are known, and against a brute-force count. */
class ManifoldCoverageTest {

    /** Real points 0, 1, 2, 3, 10. */
    private static final double[][] REAL = column(0, 1, 2, 3, 10);

    /**
     * Real balls (3rd nearest other point): 0 -> 3, 1 -> 2, 2 -> 2, 3 -> 3, 10 -> 9, so the real
     * manifold is [-3, 19]. Generated -2.5, 4, 20, 21, 22: -2.5 (in 0's ball) and 4 are inside,
     * precision 2/5. Generated balls: -2.5 reaches 21 (its 3rd nearest, at 23.5), so every real
     * point is inside, recall 1. With k = 1 the ball of 0 is [-1, 1] and -2.5 falls out
     * (precision 1/5); counting each point as its own nearest neighbour does the same.
     */
    @Test
    void oneDimensionalSetsGiveTheHandComputedShares() {
        double[][] generated = column(-2.5, 4, 20, 21, 22);
        ManifoldCoverage c = ManifoldCoverage.of(generated, REAL, 3, 2);
        assertThat(c.k()).isEqualTo(3);
        assertThat(c.samples()).isEqualTo(5);
        assertThat(c.precision()).isCloseTo(0.4, within(1e-12));
        assertThat(c.recall()).isCloseTo(1.0, within(1e-12));
        assertThat(ManifoldCoverage.of(generated, REAL, 1, 2).precision()).isCloseTo(0.2, within(1e-12));
    }

    /**
     * Density and coverage with k = 2. Real balls (2nd nearest other point): 0 -> 2, 1 -> 1,
     * 2 -> 1, 3 -> 2, 10 -> 8. Generated -2.5, 4, 20, 21, 22: only 4 is in any ball, in those of 3
     * (distance 1) and 10 (distance 6): density 2 / (2 * 5) = 0.2, coverage 2/5 (3 and 10).
     */
    @Test
    void densityCountsTheRealBallsEachGeneratedPointIsIn() {
        ManifoldCoverage c = ManifoldCoverage.of(column(-2.5, 4, 20, 21, 22), REAL, 3, 2);
        assertThat(c.densityK()).isEqualTo(2);
        assertThat(c.density()).isCloseTo(0.2, within(1e-12));
        assertThat(c.coverage()).isCloseTo(0.4, within(1e-12));
    }

    /**
     * Generated points crowding where the real ones are dense: -1 is in 0's ball only (1 ball),
     * each 1.5 in those of 0, 1, 2 and 3 (4 balls), 30 in none: density (1 + 3 * 4) / (2 * 5) =
     * 1.3, above 1; 10's ball holds none, coverage 4/5.
     */
    @Test
    void densityExceedsOneWhereGeneratedPointsCrowd() {
        ManifoldCoverage c = ManifoldCoverage.of(column(-1, 1.5, 1.5, 1.5, 30), REAL, 3, 2);
        assertThat(c.density()).isCloseTo(1.3, within(1e-12));
        assertThat(c.coverage()).isCloseTo(0.8, within(1e-12));
    }

    /**
     * The noise case in small: every generated point at 16, inside only the outlier 10's huge ball
     * (radius 9 for k = 3, 8 for k = 2). Precision counts them all (1); density counts each as 1/k
     * of a ball (0.5), and coverage is the outlier's 1 ball of 5.
     */
    @Test
    void pointsInsideOneOutliersBallArePreciseButNotDense() {
        ManifoldCoverage c = ManifoldCoverage.of(column(16, 16, 16, 16, 16), REAL, 3, 2);
        assertThat(c.precision()).isCloseTo(1.0, within(1e-12));
        assertThat(c.density()).isCloseTo(0.5, within(1e-12));
        assertThat(c.coverage()).isCloseTo(0.2, within(1e-12));
    }

    /** Five copies of 1: balls of radius 0 (a copy is a neighbour), so only the real 1 is covered. */
    @Test
    void aCollapsedSetIsPreciseButRecallsOnlyItsOnePoint() {
        ManifoldCoverage c = ManifoldCoverage.of(column(1, 1, 1, 1, 1), REAL, 3, 2);
        assertThat(c.precision()).isCloseTo(1.0, within(1e-12));
        assertThat(c.recall()).isCloseTo(0.2, within(1e-12));
    }

    /** A point exactly on a ball's edge is inside: real 0, 1, 2, 3 and 4 span [-3, 7] (0's ball has radius 3). */
    @Test
    void theBallsEdgeIsInside() {
        assertThat(ManifoldCoverage.of(column(-3, 9, 9, 9, 9), column(0, 1, 2, 3, 4), 3, 2).precision())
                .isCloseTo(0.2, within(1e-12));
    }

    /** Sets of more than one chunk of rows (500), and of unequal sizes, against a direct count. */
    @Test
    void chunkedMatrixProductsMatchADirectCount() {
        Random r = new Random(3);
        double[][] real = KernelDistanceTest.gaussian(r, 1200, 5, 0);
        double[][] generated = KernelDistanceTest.gaussian(r, 1300, 5, 0.7);
        ManifoldCoverage c = ManifoldCoverage.of(generated, real);
        assertThat(c.samples()).isEqualTo(1200);
        double[][] firstGenerated = Arrays.copyOf(generated, 1200);
        assertThat(ManifoldCoverage.of(firstGenerated, real).precision())
                .isCloseTo(directShareInside(firstGenerated, real), within(1e-12));
        assertThat(ManifoldCoverage.of(firstGenerated, real).recall())
                .isCloseTo(directShareInside(real, firstGenerated), within(1e-12));
        assertThat(c.precision()).isBetween(0.3, 0.95);
        // Density and coverage (k = 5) by loops.
        double[] radii = radii(real, 5);
        long inBalls = 0;
        boolean[] covered = new boolean[real.length];
        for (double[] g : firstGenerated) {
            for (int i = 0; i < real.length; i++) {
                if (distance(g, real[i]) <= radii[i]) {
                    inBalls++;
                    covered[i] = true;
                }
            }
        }
        int coveredCount = 0;
        for (boolean b : covered) {
            coveredCount += b ? 1 : 0;
        }
        ManifoldCoverage d = ManifoldCoverage.of(firstGenerated, real);
        assertThat(d.densityK()).isEqualTo(5);
        assertThat(d.density()).isCloseTo(inBalls / (5.0 * firstGenerated.length), within(1e-12));
        assertThat(d.coverage()).isCloseTo((double) coveredCount / real.length, within(1e-12));
        assertThat(d.density()).isBetween(0.2, 0.9);
        assertThat(d.coverage()).isBetween(0.2, 0.95);
    }

    /** Density and coverage's k = 5 needs 6 points in each set. */
    @Test
    void tooFewPointsAreRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ManifoldCoverage.of(column(1, 2, 3, 4, 5), REAL))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("k = 5");
        assertThat(ManifoldCoverage.MIN_SAMPLES).isEqualTo(6);
    }

    /** Share of {@code queries} within the 3rd-nearest-neighbour distance of some {@code centres} point, by loops. */
    private static double directShareInside(double[][] queries, double[][] centres) {
        double[] radii = radii(centres, 3);
        int inside = 0;
        for (double[] q : queries) {
            for (int j = 0; j < centres.length; j++) {
                if (distance(q, centres[j]) <= radii[j]) {
                    inside++;
                    break;
                }
            }
        }
        return (double) inside / queries.length;
    }

    /** Each point's distance to its k-th nearest other point, by sorting. */
    private static double[] radii(double[][] points, int k) {
        double[] radii = new double[points.length];
        for (int i = 0; i < points.length; i++) {
            double[] d = new double[points.length - 1];
            int p = 0;
            for (int j = 0; j < points.length; j++) {
                if (j != i) {
                    d[p++] = distance(points[i], points[j]);
                }
            }
            Arrays.sort(d);
            radii[i] = d[k - 1];
        }
        return radii;
    }

    private static double distance(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(s);
    }

    private static double[][] column(double... values) {
        return Arrays.stream(values).mapToObj(v -> new double[] {v}).toArray(double[][]::new);
    }
}
