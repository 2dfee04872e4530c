package org.dcgan4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import org.junit.jupiter.api.Test;

/** KID's formula on hand-computed sets, and its unbiasedness and standard error on many small samples. */
class KernelDistanceTest {

    /**
     * x = {0, 1} in 1-D, k(a, b) = (ab + 1)^3: k(0,0) = k(0,1) = 1, k(1,1) = 8. Against itself:
     * within-set pairs i != j give 1 each, 2 / (2 * 1) = 1 for x and for its copy; across, all four
     * pairs sum to 11, 2 * 11 / 4 = 5.5. So 1 + 1 - 5.5 = -3.5, not 0: the unbiased estimate
     * leaves out the diagonal within each set but not across.
     */
    @Test
    void identicalSetsGiveTheHandComputedValue() {
        double[][] x = {{0}, {1}};
        assertThat(KernelDistance.unbiasedMmd2(x, x)).isCloseTo(-3.5, within(1e-12));
    }

    /**
     * 2-D, k(a, b) = (a.b / 2 + 1)^3. x = {(0,0), (1,1)}, y = {(1,1), (2,2)}. Within x: x0.x1 = 0,
     * k = 1, so 1. Within y: y0.y1 = 4, k = 27, so 27. Across: dot products 0, 0, 2, 4 give
     * k = 1, 1, 8, 27, sum 37, 2 * 37 / 4 = 18.5. KID = 1 + 27 - 18.5 = 9.5 (without the 1/d it
     * would be 1 + 125 - 77 = 49).
     */
    @Test
    void twoSmallSetsGiveTheHandComputedValue() {
        double[][] x = {{0, 0}, {1, 1}};
        double[][] y = {{1, 1}, {2, 2}};
        assertThat(KernelDistance.unbiasedMmd2(x, y)).isCloseTo(9.5, within(1e-12));
        assertThat(KernelDistance.unbiasedMmd2(y, x)).isCloseTo(9.5, within(1e-12));
        KernelDistance one = KernelDistance.between(x, y);
        assertThat(one.groups()).isEqualTo(1);
        assertThat(one.value()).isCloseTo(9.5, within(1e-12));
        assertThat(one.standardError()).isNaN();
    }

    /**
     * Two samples of 8 points from the same 4-D Gaussian, 400 times: the estimates average 0
     * (within 3 standard errors of that mean), where the biased estimate (the diagonal kept)
     * averages about 2 tr(Cov of the kernel features) / n > 0.
     */
    @Test
    void twoSmallSamplesOfOneDistributionAverageZero() {
        Random r = new Random(5);
        SummaryStatistics values = new SummaryStatistics();
        for (int rep = 0; rep < 400; rep++) {
            values.addValue(KernelDistance.unbiasedMmd2(gaussian(r, 8, 4, 0), gaussian(r, 8, 4, 0)));
        }
        double sem = values.getStandardDeviation() / Math.sqrt(values.getN());
        assertThat(Math.abs(values.getMean())).as("mean %s, its standard error %s", values.getMean(), sem)
                .isLessThan(3 * sem);
    }

    /**
     * The standard error is honest: over 200 pairs of samples (400 points each, 50 jackknife
     * groups of 8) the spread of the estimates matches the standard errors they report for two
     * Gaussians 0.5 apart (measured: 0.205 reported, 0.209 spread), and errs on the safe side for
     * two samples of one Gaussian, where the jackknife of a degenerate U-statistic overestimates
     * (0.0236 reported, 0.0179 spread).
     */
    @Test
    void theStandardErrorMatchesTheSpreadOfRepeatedEstimates() {
        for (double shift : new double[] {0.5, 0}) {
            Random r = new Random(6);
            SummaryStatistics values = new SummaryStatistics();
            SummaryStatistics errors = new SummaryStatistics();
            for (int rep = 0; rep < 200; rep++) {
                KernelDistance k = KernelDistance.between(gaussian(r, 400, 4, shift), gaussian(r, 400, 4, 0));
                assertThat(k.groups()).isEqualTo(KernelDistance.GROUPS);
                values.addValue(k.value());
                errors.addValue(k.standardError());
            }
            System.out.printf("shift %.1f: KID mean %.4f, spread %.4f, mean reported SE %.4f%n", shift, values.getMean(),
                    values.getStandardDeviation(), errors.getMean());
            if (shift > 0) {
                assertThat(values.getMean()).isGreaterThan(3 * values.getStandardDeviation());
            } else {
                assertThat(Math.abs(values.getMean())).isLessThan(3 * values.getStandardDeviation() / Math.sqrt(200));
            }
            assertThat(errors.getMean() / values.getStandardDeviation())
                    .as("shift %s: mean reported SE / spread of the estimates", shift).isBetween(0.85, shift > 0 ? 1.15 : 1.5);
        }
    }

    /** The group sums give the same leave-one-group-out estimates as computing each from its points. */
    @Test
    void theJackknifeLeavesEachGroupOfBothSetsOut() {
        Random r = new Random(8);
        double[][] x = gaussian(r, 23, 3, 0.3);
        double[][] y = gaussian(r, 17, 3, 0);
        int groups = 4;
        int[][] xGroups = KernelDistance.partition(x.length, groups, 20180101L);
        int[][] yGroups = KernelDistance.partition(y.length, groups, 20180102L);
        double[] leftOut = new double[groups];
        for (int g = 0; g < groups; g++) {
            leftOut[g] = KernelDistance.unbiasedMmd2(without(x, xGroups[g]), without(y, yGroups[g]));
        }
        double mean = Arrays.stream(leftOut).average().orElseThrow();
        double squares = Arrays.stream(leftOut).map(t -> (t - mean) * (t - mean)).sum();
        KernelDistance k = KernelDistance.between(x, y, groups);
        assertThat(k.value()).isCloseTo(KernelDistance.unbiasedMmd2(x, y), within(1e-9));
        assertThat(k.standardError()).isCloseTo(Math.sqrt((groups - 1.0) / groups * squares), within(1e-9));
        assertThat(k.groups()).isEqualTo(groups);
    }

    private static double[][] without(double[][] rows, int[] left) {
        java.util.Set<Integer> out = Arrays.stream(left).boxed().collect(java.util.stream.Collectors.toSet());
        return java.util.stream.IntStream.range(0, rows.length).filter(i -> !out.contains(i)).mapToObj(i -> rows[i])
                .toArray(double[][]::new);
    }

    @Test
    void groupsAreADisjointCoverOfEqualSizesAndRepeatable() {
        int[][] parts = KernelDistance.partition(1003, 10, 1);
        int[] all = Arrays.stream(parts).flatMapToInt(Arrays::stream).sorted().toArray();
        assertThat(all).isEqualTo(java.util.stream.IntStream.range(0, 1003).toArray());
        assertThat(Arrays.stream(parts).mapToInt(p -> p.length)).allSatisfy(size -> assertThat(size).isBetween(100, 101));
        assertThat(KernelDistance.partition(1003, 10, 1)).isDeepEqualTo(parts);
        assertThat(parts[0]).isNotEqualTo(java.util.stream.IntStream.range(0, parts[0].length).toArray());

        Random r = new Random(7);
        double[][] x = gaussian(r, 50, 3, 0);
        double[][] y = gaussian(r, 40, 3, 1);
        assertThat(KernelDistance.between(x, y)).isEqualTo(KernelDistance.between(x, y));
        assertThat(KernelDistance.between(x, y).groups()).isEqualTo(20);
        assertThat(KernelDistance.between(Arrays.copyOf(x, 7), y).groups()).isEqualTo(3);
        assertThat(KernelDistance.between(x, y).value()).isCloseTo(KernelDistance.unbiasedMmd2(x, y), within(1e-9));
    }

    static double[][] gaussian(Random r, int n, int d, double shift) {
        double[][] rows = new double[n][d];
        for (double[] row : rows) {
            for (int j = 0; j < d; j++) {
                row[j] = shift + r.nextGaussian();
            }
        }
        return rows;
    }
}
