package org.dcgan4j.eval;

/**
 * Mean and covariance of feature vectors (rows).
 *
 * @param mean       per-feature mean
 * @param covariance unbiased sample covariance (n - 1 in the denominator)
 * @param samples    how many vectors it was fitted to
 */
public record GaussianFit(double[] mean, double[][] covariance, int samples) {

    public static GaussianFit of(double[][] rows) {
        int n = rows.length;
        int d = rows[0].length;
        double[] mean = new double[d];
        for (double[] r : rows) {
            for (int j = 0; j < d; j++) {
                mean[j] += r[j] / n;
            }
        }
        double[][] cov = new double[d][d];
        double[] c = new double[d];
        for (double[] r : rows) {
            for (int j = 0; j < d; j++) {
                c[j] = r[j] - mean[j];
            }
            for (int j = 0; j < d; j++) {
                double cj = c[j];
                double[] row = cov[j];
                for (int k = j; k < d; k++) {
                    row[k] += cj * c[k];
                }
            }
        }
        for (int j = 0; j < d; j++) {
            for (int k = j; k < d; k++) {
                cov[j][k] /= (n - 1);
                cov[k][j] = cov[j][k];
            }
        }
        return new GaussianFit(mean, cov, n);
    }
}
