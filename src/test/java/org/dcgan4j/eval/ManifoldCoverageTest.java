package org.dcgan4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Precision and recall on 1-D sets whose k-NN balls are known, and against a brute-force count. */
class ManifoldCoverageTest {

    /** Real points 0, 1, 2, 3, 10. */
    private static final double[][] REAL = column(0, 1, 2, 3, 10);

    /**
     * Real balls (3rd nearest other point): 0 -> 3, 1 -> 2, 2 -> 2, 3 -> 3, 10 -> 8, so the real
     * manifold is [-3, 18]. Generated -2.5, 4, 20, 21, 22: -2.5 (in 0's ball) and 4 are inside,
     * precision 2/5. Generated balls: -2.5 reaches 21 (its 3rd nearest, at 23.5), so every real
     * point is inside, recall 1. With k = 1 the ball of 0 is [-1, 1] and -2.5 falls out
     * (precision 1/5); counting each point as its own nearest neighbour does the same.
     */
    @Test
    void oneDimensionalSetsGiveTheHandComputedShares() {
        double[][] generated = column(-2.5, 4, 20, 21, 22);
        ManifoldCoverage c = ManifoldCoverage.of(generated, REAL);
        assertThat(c.k()).isEqualTo(3);
        assertThat(c.samples()).isEqualTo(5);
        assertThat(c.precision()).isCloseTo(0.4, within(1e-12));
        assertThat(c.recall()).isCloseTo(1.0, within(1e-12));
        assertThat(ManifoldCoverage.of(generated, REAL, 1).precision()).isCloseTo(0.2, within(1e-12));
    }

    /** Five copies of 1: balls of radius 0 (a copy is a neighbour), so only the real 1 is covered. */
    @Test
    void aCollapsedSetIsPreciseButRecallsOnlyItsOnePoint() {
        ManifoldCoverage c = ManifoldCoverage.of(column(1, 1, 1, 1, 1), REAL);
        assertThat(c.precision()).isCloseTo(1.0, within(1e-12));
        assertThat(c.recall()).isCloseTo(0.2, within(1e-12));
    }

    /** A point exactly on a ball's edge is inside: real 0, 1, 2, 3 and 4 span [-3, 7] (0's ball has radius 3). */
    @Test
    void theBallsEdgeIsInside() {
        assertThat(ManifoldCoverage.of(column(-3, 9, 9, 9, 9), column(0, 1, 2, 3, 4)).precision())
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
    }

    @Test
    void tooFewPointsAreRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ManifoldCoverage.of(column(1, 2, 3), REAL))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("k = 3");
    }

    /** Share of {@code queries} within the 3rd-nearest-neighbour distance of some {@code centres} point, by loops. */
    private static double directShareInside(double[][] queries, double[][] centres) {
        double[] radii = new double[centres.length];
        for (int i = 0; i < centres.length; i++) {
            double[] d = new double[centres.length - 1];
            int p = 0;
            for (int j = 0; j < centres.length; j++) {
                if (j != i) {
                    d[p++] = distance(centres[i], centres[j]);
                }
            }
            Arrays.sort(d);
            radii[i] = d[2];
        }
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
