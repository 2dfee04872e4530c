package org.dcgan4j.eval;

/**
 * What the digit classifier's predictions say about a set of images.
 *
 * @param inceptionScore     exp(E_x KL(p(y|x) || p(y))): high when each image is clearly one
 *                           class and all classes appear (10 at most for digits)
 * @param histogram          images per predicted class
 * @param classesAbove5Pct   classes holding at least 5% of the images (mode-collapse check)
 */
public record ClassifierScores(double inceptionScore, int[] histogram, int classesAbove5Pct) {

    /** @param probabilities [n][classes] softmax outputs */
    public static ClassifierScores of(double[][] probabilities) {
        int n = probabilities.length;
        int k = probabilities[0].length;
        double[] marginal = new double[k];
        int[] histogram = new int[k];
        for (double[] p : probabilities) {
            for (int c = 0; c < k; c++) {
                marginal[c] += p[c] / n;
            }
            histogram[predictedClass(p)]++;
        }
        double klSum = 0;
        for (double[] p : probabilities) {
            for (int c = 0; c < k; c++) {
                if (p[c] > 0) {
                    klSum += p[c] * (Math.log(p[c]) - Math.log(marginal[c]));
                }
            }
        }
        int above = 0;
        for (int h : histogram) {
            if (h >= 0.05 * n) {
                above++;
            }
        }
        return new ClassifierScores(Math.exp(klSum / n), histogram, above);
    }

    /** Share of images whose most probable class is the one in {@code classes} (same order). */
    public static double agreement(double[][] probabilities, int[] classes) {
        if (probabilities.length != classes.length) {
            throw new IllegalArgumentException(probabilities.length + " predictions for " + classes.length + " classes");
        }
        int hits = 0;
        for (int i = 0; i < classes.length; i++) {
            if (predictedClass(probabilities[i]) == classes[i]) {
                hits++;
            }
        }
        return (double) hits / classes.length;
    }

    /** The most probable class (the first of equals); {@link ConfusionMatrix} counts with the same. */
    static int predictedClass(double[] p) {
        int best = 0;
        for (int c = 1; c < p.length; c++) {
            if (p[c] > p[best]) {
                best = c;
            }
        }
        return best;
    }
}
