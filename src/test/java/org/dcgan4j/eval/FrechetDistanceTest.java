package org.dcgan4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class FrechetDistanceTest {

    @Test
    void diagonalGaussiansMatchTheClosedForm() {
        GaussianFit a = new GaussianFit(new double[] {0, 0, 1}, new double[][] {{1, 0, 0}, {0, 4, 0}, {0, 0, 9}}, 100);
        GaussianFit b = new GaussianFit(new double[] {1, 2, 1}, new double[][] {{4, 0, 0}, {0, 1, 0}, {0, 0, 9}}, 100);
        // |dmu|^2 = 5; per axis s1 + s2 - 2 sqrt(s1 s2): 1+4-4, 4+1-4, 9+9-18
        assertThat(FrechetDistance.between(a, b)).isCloseTo(5 + 1 + 1 + 0, within(1e-9));
    }

    @Test
    void nonCommutingCovariancesMatchTheTwoByTwoFormula() {
        GaussianFit a = new GaussianFit(new double[] {0, 0}, new double[][] {{1, 0}, {0, 4}}, 100);
        GaussianFit b = new GaussianFit(new double[] {0, 3}, new double[][] {{2, 1}, {1, 2}}, 100);
        // For 2x2 M = S1 S2 with positive eigenvalues: Tr(sqrt(M)) = sqrt(tr M + 2 sqrt(det M)).
        double trSqrt = Math.sqrt(10 + 2 * Math.sqrt(12));
        assertThat(FrechetDistance.between(a, b)).isCloseTo(9 + 5 + 4 - 2 * trSqrt, within(1e-9));
        assertThat(FrechetDistance.between(b, a)).isCloseTo(FrechetDistance.between(a, b), within(1e-9));
    }

    /** n - 1 in the denominator: on two points the biased estimate would be half of this. */
    @Test
    void theCovarianceIsTheUnbiasedSampleCovariance() {
        GaussianFit fit = GaussianFit.of(new double[][] {{0, 1}, {2, 5}});
        assertThat(fit.mean()).containsExactly(1, 3);
        assertThat(fit.covariance()[0]).containsExactly(2, 4);
        assertThat(fit.covariance()[1]).containsExactly(4, 8);
        assertThat(fit.samples()).isEqualTo(2);
    }

    @Test
    void sameSamplesGiveZeroAndFitsFindTheParameters() {
        Random r = new Random(1);
        double[][] rows = new double[4000][2];
        for (double[] row : rows) {
            double x = r.nextGaussian();
            row[0] = 3 + 2 * x;
            row[1] = x + r.nextGaussian();
        }
        GaussianFit fit = GaussianFit.of(rows);
        assertThat(fit.mean()[0]).isCloseTo(3, within(0.1));
        assertThat(fit.covariance()[0][0]).isCloseTo(4, within(0.25));
        assertThat(fit.covariance()[0][1]).isCloseTo(2, within(0.15)).isEqualTo(fit.covariance()[1][0]);
        assertThat(FrechetDistance.between(fit, fit)).isCloseTo(0, within(1e-6));
    }
}
