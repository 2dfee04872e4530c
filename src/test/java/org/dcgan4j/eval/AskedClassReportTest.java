package org.dcgan4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import org.dcgan4j.model.AdamSettings;
import org.dcgan4j.model.Architecture;
import org.dcgan4j.model.ClassConditioning;
import org.dcgan4j.model.GeneratorFactory;
import org.dcgan4j.testing.EmbeddedDigits;
import org.dcgan4j.train.LatentNoise;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The per-class asked-class numbers in {@link GeneratorEvaluator}'s reports, with small untrained
 * generators (what they draw does not matter, only what is reported): a conditional G gets them
 * beside the overall hit rate, with the classifier's per-class accuracy on the held-out images as
 * the floor; an unconditional G gets none.
 */
class AskedClassReportTest {

    private static final int COUNT = 100;
    private static final ObjectMapper JSON = new ObjectMapper();
    static GeneratorEvaluator evaluator;
    static double classifierAccuracy;

    @BeforeAll
    static void evaluator() {
        ClassifierCache.Cached classifier = EmbeddedDigits.classifier();
        classifierAccuracy = classifier.accuracy();
        evaluator = new GeneratorEvaluator(classifier, EmbeddedDigits.train(), EmbeddedDigits.heldOut());
    }

    @Test
    void aConditionalReportHasThePerClassRatesAndTheirFloor() throws Exception {
        Architecture arch = new Architecture(16, 8, 8, 10);
        ClassConditioning conditioning = new ClassConditioning(arch);
        int[] asked = conditioning.everyClassInTurn(COUNT);
        MultiLayerNetwork g = GeneratorFactory.create(arch, AdamSettings.DCGAN, 1);
        QualityReport report = evaluator.evaluate(g,
                conditioning.generatorInput(LatentNoise.sample(1, LatentNoise.EVALUATION, 0, COUNT, 16), asked), asked);

        ConfusionMatrix confusion = report.askedClassConfusion();
        assertThat(confusion.counts()).hasDimensions(10, 10);
        assertThat(Arrays.stream(confusion.counts()).mapToInt(row -> Arrays.stream(row).sum())).containsOnly(COUNT / 10);
        double hits = 0;
        for (int c = 0; c < 10; c++) {
            hits += confusion.counts()[c][c];
        }
        assertThat(report.askedClassHitRate()).isEqualTo(hits / COUNT);
        assertThat(confusion.hitRates()).hasSize(10);

        // The floor: real held-out digits of each class, 100 per class in the embedded set, the
        // classifier's accuracy when taken together.
        ConfusionMatrix floor = report.floorClassConfusion();
        assertThat(Arrays.stream(floor.counts()).mapToInt(row -> Arrays.stream(row).sum())).containsOnly(100);
        assertThat(Arrays.stream(floor.hitRates()).average().orElseThrow()).isCloseTo(classifierAccuracy, within(0.002));

        assertThat(report.line()).containsPattern("asked class hit [0-9.]+% \\| per class hit % (\\d+ ){9}\\d+"
                + " \\(real (\\d+ ){9}\\d+\\) \\| classes >= 5%");
        JsonNode json = JSON.readTree(JSON.writeValueAsString(report));
        assertThat(json.get("askedClassConfusion").get("counts")).hasSize(10);
        assertThat(json.get("askedClassConfusion").get("hitRates")).hasSize(10);
        assertThat(json.get("floorClassConfusion").get("hitRates")).hasSize(10);
    }

    @Test
    void anUnconditionalReportHasNone() throws Exception {
        Architecture arch = new Architecture(16, 8, 8);
        MultiLayerNetwork g = GeneratorFactory.create(arch, AdamSettings.DCGAN, 1);
        QualityReport report = evaluator.evaluate(g, LatentNoise.sample(1, LatentNoise.EVALUATION, 0, COUNT, 16), null);

        assertThat(report.askedClassHitRate()).isNull();
        assertThat(report.askedClassConfusion()).isNull();
        assertThat(report.floorClassConfusion()).isNull();
        assertThat(report.line()).doesNotContain("asked class").doesNotContain("per class").doesNotContain("(real ");
        JsonNode json = JSON.readTree(JSON.writeValueAsString(report));
        assertThat(json.get("askedClassConfusion").isNull()).isTrue();
        assertThat(json.get("floorClassConfusion").isNull()).isTrue();
        assertThat(evaluator.quick(g, LatentNoise.sample(1, LatentNoise.EVALUATION, 0, COUNT, 16), null)
                .askedClassConfusion()).isNull();
    }
}
