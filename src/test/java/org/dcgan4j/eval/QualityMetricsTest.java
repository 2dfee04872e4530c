package org.dcgan4j.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.dcgan4j.data.DigitDataset;
import org.dcgan4j.testing.EmbeddedDigits;
import org.dcgan4j.train.LatentNoise;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * FD, KID, precision, recall, density and coverage on cases with a known answer, in the digit classifier's feature
 * space (the embedded digits and their classifier): real against real, one digit repeated, the
 * digits of one class, noise.
 */
class QualityMetricsTest {

    static DigitClassifier classifier;
    static DigitDataset train;
    /** Features of the 1,000 held-out digits: the reference of every case. */
    static double[][] heldOut;

    @BeforeAll
    static void features() {
        classifier = EmbeddedDigits.classifier().classifier();
        train = EmbeddedDigits.train();
        DigitDataset test = EmbeddedDigits.heldOut();
        heldOut = features(test.scaledImages(0, test.size()));
    }

    /**
     * Two disjoint sets of 1,000 real training digits against the held-out ones: the same Fréchet
     * distance (the floor), KID within 3 standard errors of 0, high precision and recall, density
     * near 1 and high coverage (measured 1.021 / 1.012 and 0.969 / 0.972).
     */
    @Test
    void realAgainstRealIsTheFloor() {
        double[][] first = features(train.scaledImages(0, 1000));
        double[][] second = features(train.scaledImages(1000, 2000));
        GaussianFit reference = GaussianFit.of(heldOut);
        double fd1 = FrechetDistance.between(GaussianFit.of(first), reference);
        double fd2 = FrechetDistance.between(GaussianFit.of(second), reference);
        KernelDistance kid1 = KernelDistance.between(first, heldOut);
        KernelDistance kid2 = KernelDistance.between(second, heldOut);
        ManifoldCoverage c1 = ManifoldCoverage.of(first, heldOut);
        ManifoldCoverage c2 = ManifoldCoverage.of(second, heldOut);
        System.out.printf("real vs real: FD %.3f / %.3f, KID %s / %s, precision %.3f / %.3f, recall %.3f / %.3f,"
                + " density %.3f / %.3f, coverage %.3f / %.3f%n", fd1, fd2, QualityReport.kid(kid1),
                QualityReport.kid(kid2), c1.precision(), c2.precision(), c1.recall(), c2.recall(), c1.density(),
                c2.density(), c1.coverage(), c2.coverage());
        assertThat(Math.abs(fd1 - fd2)).isLessThan(0.25 * Math.max(fd1, fd2));
        for (KernelDistance k : List.of(kid1, kid2)) {
            assertThat(Math.abs(k.value())).as("KID %s", QualityReport.kid(k)).isLessThan(3 * k.standardError());
        }
        for (ManifoldCoverage c : List.of(c1, c2)) {
            assertThat(c.precision()).isGreaterThan(0.8);
            assertThat(c.recall()).isGreaterThan(0.8);
            assertThat(c.density()).isBetween(0.9, 1.15);
            assertThat(c.coverage()).isGreaterThan(0.9);
        }
    }

    /**
     * One real digit, 1,000 times: perfectly realistic (precision 1) and no variety (recall and
     * coverage near 0; measured coverage 0.003, density 0.600: the digit lies in 3 real balls).
     */
    @Test
    void oneRepeatedDigitRecallsAlmostNothing() {
        double[][] one = features(train.scaledImages(0, 1));
        double[][] repeated = new double[1000][];
        java.util.Arrays.fill(repeated, one[0]);
        ManifoldCoverage c = ManifoldCoverage.of(repeated, heldOut);
        KernelDistance kid = KernelDistance.between(repeated, heldOut);
        System.out.printf("one digit repeated: KID %s, precision %.3f, recall %.3f, density %.3f, coverage %.3f%n",
                QualityReport.kid(kid), c.precision(), c.recall(), c.density(), c.coverage());
        assertThat(c.recall()).isLessThan(0.01);
        assertThat(c.precision()).isEqualTo(1.0);
        assertThat(c.coverage()).isLessThan(0.01);
        assertThat(kid.value()).isGreaterThan(20 * kid.standardError());
    }

    /**
     * The real digits of one class: realistic (precision high, density near 1: measured 1.029), but a
     * tenth of the variety at most (recall 0.113, coverage 0.139).
     */
    @Test
    void oneClassIsPreciseWithLowRecall() {
        List<Integer> sevens = new ArrayList<>();
        for (int i = 0; i < train.size(); i++) {
            if (train.label(i) == 7) {
                sevens.add(i);
            }
        }
        double[][] all = features(train.scaledImages(0, train.size()));
        double[][] seven = sevens.stream().map(i -> all[i]).toArray(double[][]::new);
        ManifoldCoverage c = ManifoldCoverage.of(seven, heldOut);
        KernelDistance kid = KernelDistance.between(seven, heldOut);
        System.out.printf("%d sevens: KID %s, precision %.3f, recall %.3f, density %.3f, coverage %.3f%n",
                seven.length, QualityReport.kid(kid), c.precision(), c.recall(), c.density(), c.coverage());
        assertThat(c.precision()).isGreaterThan(0.8);
        assertThat(c.recall()).isLessThan(0.2);
        assertThat(c.density()).isGreaterThan(0.8);
        assertThat(c.coverage()).isLessThan(0.2);
        assertThat(kid.value()).isGreaterThan(20 * kid.standardError());
    }

    /**
     * Noise images (tanh of Gaussian pixels): no real digit is near them (recall 0), their
     * features cover almost no real ball (coverage: measured 0.014, 14 of 1,000 balls), and KID and
     * FD are far above the floor. Precision does NOT flag them in this feature space (measured
     * 0.94; uniform noise 0.98): the noise features form one tight cluster inside the 3-NN balls
     * of a few real 8s (one ball holds 90% of them). With k = 1 it would be 0.07, with real
     * against real 0.63 instead of 0.9. Density does not flag them either, and is not asserted:
     * measured 0.69 alone and 0.83 in the full suite (uniform noise 0.57) against about 1.0 for
     * real digits, because the cluster lies in the 5-NN balls
     * of 3 to 4 real 8s on average, not of one outlier (the ball holding 99% of it has a radius
     * at the 77th percentile). The README says so; this test keeps it saying so.
     */
    @Test
    void noiseImagesRecallAndCoverNothingAndAreFarButPrecisionMissesThem() {
        INDArray noise = LatentNoise.sample(1, 77, 0, 1000, 784).reshape(1000, 1, 28, 28);
        Transforms.tanh(noise, false);
        double[][] f = features(noise);
        ManifoldCoverage c = ManifoldCoverage.of(f, heldOut);
        KernelDistance kid = KernelDistance.between(f, heldOut);
        double[][] real = features(train.scaledImages(0, 1000));
        GaussianFit reference = GaussianFit.of(heldOut);
        double fd = FrechetDistance.between(GaussianFit.of(f), reference);
        double floor = FrechetDistance.between(GaussianFit.of(real), reference);
        System.out.printf("noise: FD %.2f (floor %.2f), KID %s, precision %.3f, recall %.3f, density %.3f,"
                + " coverage %.3f%n", fd, floor, QualityReport.kid(kid), c.precision(), c.recall(), c.density(),
                c.coverage());
        assertThat(c.recall()).isLessThan(0.01);
        assertThat(c.coverage()).isLessThan(0.05);
        assertThat(kid.value()).isGreaterThan(20 * kid.standardError());
        assertThat(fd).isGreaterThan(10 * floor);
        assertThat(c.precision()).as("the known limitation").isGreaterThan(0.5);
    }

    /**
     * What KID and precision/recall add to the quick evaluation: 1,000 generated (here: real
     * training) against 900 reference features, as {@link QualityListener} compares them.
     */
    @Test
    void theQuickEvaluationsMetricsTakeWellUnderASecond() {
        double[][] generated = features(train.scaledImages(2000, 3000));
        double[][] reference = java.util.Arrays.copyOf(heldOut, 900);
        for (int warm = 0; warm < 2; warm++) {
            KernelDistance.between(generated, reference);
            ManifoldCoverage.of(generated, reference);
        }
        long t0 = System.nanoTime();
        FrechetDistance.between(GaussianFit.of(generated), GaussianFit.of(reference));
        long t1 = System.nanoTime();
        KernelDistance.between(generated, reference);
        long t2 = System.nanoTime();
        ManifoldCoverage.of(generated, reference);
        long t3 = System.nanoTime();
        features(train.scaledImages(2000, 3000));
        long t4 = System.nanoTime();
        System.out.printf("1,000 vs 900 features: FD %.0f ms, KID %.0f ms, precision/recall %.0f ms; "
                + "classifier features of 1,000 images %.0f ms%n", (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6,
                (t4 - t3) / 1e6);
        assertThat((t3 - t1) / 1e9).isLessThan(1.0);
    }

    private static double[][] features(INDArray images) {
        int n = (int) images.size(0);
        double[][] f = new double[n][];
        for (int from = 0; from < n; from += 500) {
            int to = Math.min(n, from + 500);
            double[][] part = classifier.outputs(images.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from, to)))
                    .features();
            System.arraycopy(part, 0, f, from, to - from);
        }
        return f;
    }
}
