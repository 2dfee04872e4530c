package org.dcgan4j.eval;

/**
 * The memorisation check: for a few generated images, the closest training image, in pixel
 * space (squared Euclidean distance) and in the classifier's feature space. A generator that
 * copies its training set shows near-identical pairs.
 */
public final class NearestTrainingImages {

    private NearestTrainingImages() {
    }

    /**
     * @param queries    [q][d] vectors (pixels or features) of generated images
     * @param candidates [n][d] the same kind of vectors for the training images
     * @return for each query, the index of its nearest candidate
     */
    public static int[] nearest(double[][] queries, double[][] candidates) {
        int[] best = new int[queries.length];
        for (int q = 0; q < queries.length; q++) {
            double bestDistance = Double.POSITIVE_INFINITY;
            for (int c = 0; c < candidates.length; c++) {
                double d = 0;
                for (int i = 0; i < queries[q].length && d < bestDistance; i++) {
                    double diff = queries[q][i] - candidates[c][i];
                    d += diff * diff;
                }
                if (d < bestDistance) {
                    bestDistance = d;
                    best[q] = c;
                }
            }
        }
        return best;
    }
}
