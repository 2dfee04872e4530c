package org.dcgan4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ConfusionMatrixTest {

    /** A softmax-like row over 3 classes with most of its mass on {@code top}. */
    private static double[] sure(int top) {
        double[] p = {0.1, 0.1, 0.1};
        p[top] = 0.8;
        return p;
    }

    /**
     * Seven images over 3 classes, by hand: class 0 asked 4 times (predicted 0, 0, 0, 2), class 1
     * twice (predicted 0, 1), class 2 once (predicted 2). Rows are the asked classes, columns the
     * predicted ones, and each row's hit rate is over that row's images: 3/4, 1/2, 1/1, not over
     * all seven. Class 1 is asked less often than class 0 on purpose, so rows and columns swapped
     * give other counts and rates.
     */
    @Test
    void countsAskedAgainstPredictedAndRatesPerAskedClass() {
        double[][] p = {sure(0), sure(0), sure(0), sure(2), sure(0), sure(1), sure(2)};
        int[] asked = {0, 0, 0, 0, 1, 1, 2};

        ConfusionMatrix m = ConfusionMatrix.of(p, asked);

        assertThat(m.counts()).isDeepEqualTo(new int[][] {{3, 0, 1}, {1, 1, 0}, {0, 0, 1}});
        assertThat(m.hitRates()).containsExactly(new double[] {0.75, 0.5, 1.0}, within(1e-12));
        // The overall number stays the share of all images: the diagonal over the total.
        assertThat(ClassifierScores.agreement(p, asked)).isEqualTo(5.0 / 7);
    }

    /** A tie goes to the first of the equal classes, as in the histogram and the overall hit rate. */
    @Test
    void aTieGoesToTheFirstClassAndAClassNeverAskedHasNoRate() {
        double[][] p = {{0.4, 0.4, 0.2}, {0.2, 0.4, 0.4}};
        ConfusionMatrix m = ConfusionMatrix.of(p, new int[] {1, 1});
        assertThat(m.counts()).isDeepEqualTo(new int[][] {{0, 0, 0}, {1, 1, 0}, {0, 0, 0}});
        assertThat(m.hitRates()[0]).isNaN();
        assertThat(m.hitRates()[1]).isEqualTo(0.5);
        assertThat(m.hitRates()[2]).isNaN();
    }

    @Test
    void theJsonHoldsTheCountsAndTheRates() throws Exception {
        ConfusionMatrix m = ConfusionMatrix.of(new double[][] {sure(0), sure(1), sure(1)}, new int[] {0, 1, 0});
        JsonNode json = new ObjectMapper().readTree(new ObjectMapper().writeValueAsString(m));
        assertThat(json.get("counts").toString()).isEqualTo("[[1,1,0],[0,1,0],[0,0,0]]");
        assertThat(json.get("hitRates").get(0).asDouble()).isEqualTo(0.5);
        assertThat(json.get("hitRates").get(1).asDouble()).isEqualTo(1.0);
    }

    @Test
    void theLineShowsWholePercentsAndADashForNoImages() {
        assertThat(QualityReport.percents(new double[] {0.75, 0.996, 0.004, Double.NaN})).isEqualTo("75 100 0 -");
    }
}
