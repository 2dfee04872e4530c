package org.dcgan4j.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.dcgan4j.data.DataSplit;
import org.dcgan4j.data.DigitDataset;
import org.dcgan4j.data.DigitDatasetLoader;
import org.dcgan4j.model.LayerHelpers;
import org.junit.jupiter.api.Test;

class BackendAgreementTest {

    private static SelfTestResult result(String backend, double shift, int at, float pixelShift) {
        List<Double> d = new ArrayList<>();
        List<Double> g = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            d.add(1.0 + 0.01 * i + (i == at ? shift : 0));
            g.add(2.0 - 0.02 * i);
        }
        float[] samples = new float[32];
        for (int k = 0; k < samples.length; k++) {
            samples[k] = (float) Math.sin(k) + (k == 7 ? pixelShift : 0);
        }
        return new SelfTestResult(backend, d, g, samples, 100, 64);
    }

    @Test
    void identicalRunsAgreeExactly() {
        BackendAgreement a = BackendAgreement.compare(result("cpu", 0, 0, 0), result("cuda", 0, 0, 0));
        assertThat(a.agree()).isTrue();
        assertThat(a.maxLossDiff()).isZero();
        assertThat(a.maxPixelDiff()).isZero();
    }

    @Test
    void aLossOffByMoreThanTheToleranceIsADisagreementAtItsIteration() {
        BackendAgreement small = BackendAgreement.compare(result("cpu", 0, 0, 0), result("cuda", 0.005, 4, 0));
        assertThat(small.agree()).isTrue();
        assertThat(small.worstIteration()).isEqualTo(4);
        BackendAgreement big = BackendAgreement.compare(result("cpu", 0, 0, 0), result("cuda", 0.1, 6, 0));
        assertThat(big.agree()).isFalse();
        assertThat(big.worstIteration()).isEqualTo(6);
        assertThat(big.maxLossDiff()).isCloseTo(0.1 / 1.16, org.assertj.core.api.Assertions.within(1e-9));
    }

    @Test
    void aNanLossOrAPixelOffIsADisagreement() {
        assertThat(BackendAgreement.compare(result("cpu", 0, 0, 0), result("cuda", Double.NaN, 2, 0)).agree()).isFalse();
        BackendAgreement pixel = BackendAgreement.compare(result("cpu", 0, 0, 0), result("cuda", 0, 0, 0.2f));
        assertThat(pixel.agree()).isFalse();
        assertThat(pixel.maxPixelDiff()).isCloseTo(0.2, org.assertj.core.api.Assertions.within(1e-6));
    }

    /**
     * The tolerance against a real second implementation: DL4J's Java layers instead of oneDNN,
     * the same math with other kernels and summation orders, as a GPU would be. They must agree;
     * the same implementation twice must agree exactly.
     */
    @Test
    void twoCpuImplementationsAgreeWithinToleranceAndOneAgreesWithItselfExactly() {
        DigitDataset data = DigitDatasetLoader.load(java.nio.file.Path.of("data/mnist-embedded"), DataSplit.TRAIN);
        SelfTestResult onednn = LayerHelpers.with(true, () -> SelfTestRun.run("onednn", data, 10, 32));
        SelfTestResult again = LayerHelpers.with(true, () -> SelfTestRun.run("onednn", data, 10, 32));
        SelfTestResult java = LayerHelpers.with(false, () -> SelfTestRun.run("java", data, 10, 32));

        assertThat(BackendAgreement.compare(onednn, again).maxLossDiff()).isZero();
        BackendAgreement a = BackendAgreement.compare(onednn, java);
        System.out.println("selftest tolerance check, oneDNN vs DL4J Java layers: " + a.describe());
        assertThat(a.agree()).as(a.describe()).isTrue();
    }
}
