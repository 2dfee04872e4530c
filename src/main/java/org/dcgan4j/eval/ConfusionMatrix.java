package org.dcgan4j.eval;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How often the digit classifier puts the images of each given class into each class: the rows
 * are the classes the images are of (the digit asked of a conditional G, or a real image's
 * label), the columns the classes the classifier predicts. A row's diagonal share is that
 * class's hit rate, so the overall asked-class hit rate can be told apart per digit (a G that
 * draws nine digits well and one badly looks like a uniformly mediocre one in the overall
 * number). On real labelled images the same rates are the classifier's own per-class accuracy:
 * what a perfect generator would score for that digit.
 *
 * @param counts {@code counts[given][predicted]}: images of class {@code given} predicted as
 *               {@code predicted}
 */
public record ConfusionMatrix(int[][] counts) {

    /**
     * @param probabilities [n][classes] softmax outputs
     * @param classes       the class each image is of, in the same order
     */
    public static ConfusionMatrix of(double[][] probabilities, int[] classes) {
        if (probabilities.length != classes.length) {
            throw new IllegalArgumentException(probabilities.length + " predictions for " + classes.length + " classes");
        }
        int k = probabilities.length == 0 ? 0 : probabilities[0].length;
        int[][] counts = new int[k][k];
        for (int i = 0; i < classes.length; i++) {
            counts[classes[i]][ClassifierScores.predictedClass(probabilities[i])]++;
        }
        return new ConfusionMatrix(counts);
    }

    /**
     * Per given class, the share of its images predicted as that class (diagonal over row total);
     * NaN for a class without images. In the JSON beside the counts.
     */
    @JsonProperty("hitRates")
    public double[] hitRates() {
        double[] rates = new double[counts.length];
        for (int c = 0; c < counts.length; c++) {
            int total = 0;
            for (int n : counts[c]) {
                total += n;
            }
            rates[c] = total == 0 ? Double.NaN : (double) counts[c][c] / total;
        }
        return rates;
    }
}
