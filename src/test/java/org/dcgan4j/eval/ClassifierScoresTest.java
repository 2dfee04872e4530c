package org.dcgan4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ClassifierScoresTest {

    @Test
    void confidentAndBalancedIsTheNumberOfClassesUniformIsOne() {
        double[][] oneHot = new double[20][10];
        for (int i = 0; i < 20; i++) {
            oneHot[i][i % 10] = 1;
        }
        ClassifierScores sharp = ClassifierScores.of(oneHot);
        assertThat(sharp.inceptionScore()).isCloseTo(10, within(1e-9));
        assertThat(sharp.histogram()).containsOnly(2);
        assertThat(sharp.classesAbove5Pct()).isEqualTo(10);

        double[][] unsure = new double[20][10];
        for (double[] p : unsure) {
            java.util.Arrays.fill(p, 0.1);
        }
        assertThat(ClassifierScores.of(unsure).inceptionScore()).isCloseTo(1, within(1e-9));
    }

    @Test
    void modeCollapseShowsInTheHistogram() {
        double[][] collapsed = new double[100][10];
        for (int i = 0; i < 100; i++) {
            collapsed[i][i < 97 ? 1 : 7] = 1;
        }
        ClassifierScores s = ClassifierScores.of(collapsed);
        assertThat(s.histogram()[1]).isEqualTo(97);
        assertThat(s.classesAbove5Pct()).isEqualTo(1);
        assertThat(s.inceptionScore()).isLessThan(1.2);
    }
}
