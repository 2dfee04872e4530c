package org.dcgan4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import org.dcgan4j.model.AdamSettings;
import org.dcgan4j.model.Architecture;
import org.dcgan4j.model.ClassConditioning;
import org.dcgan4j.model.DiscriminatorFactory;
import org.dcgan4j.model.GeneratorFactory;
import org.dcgan4j.train.DifferentiableAugmentation.Draw;
import org.dcgan4j.train.DifferentiableAugmentation.Kind;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class DifferentiableAugmentationTest {

    private static final int N = 64;

    @Test
    void translationMovesEachDigitByItsOwnShiftOfAtMostFourPixelsWithBackgroundComingIn() {
        INDArray dot = Nd4j.valueArrayOf(new long[] {N, 1, 28, 28}, -1f);
        for (int i = 0; i < N; i++) {
            dot.putScalar(new long[] {i, 0, 14, 14}, 1f);
        }
        Draw draw = new DifferentiableAugmentation(5, EnumSet.of(Kind.TRANSLATION)).draw(LatentNoise.AUGMENTATION_REAL, 3, N, 28, 28);

        INDArray moved = draw.apply(dot);

        Set<Integer> shifts = new HashSet<>();
        for (int i = 0; i < N; i++) {
            int dy = draw.shiftY()[i];
            int dx = draw.shiftX()[i];
            shifts.add(dy);
            shifts.add(dx);
            assertThat(moved.getFloat(i, 0, 14 + dy, 14 + dx)).isEqualTo(1f);
            assertThat(moved.get(org.nd4j.linalg.indexing.NDArrayIndex.point(i)).sumNumber().doubleValue())
                    .as("one bright pixel, the rest background").isEqualTo(1 - 783.0);
        }
        assertThat(shifts).containsExactlyInAnyOrder(-4, -3, -2, -1, 0, 1, 2, 3, 4);

        // A bright border pixel shifted out of the image leaves only background.
        INDArray corner = Nd4j.valueArrayOf(new long[] {N, 1, 28, 28}, -1f);
        for (int i = 0; i < N; i++) {
            corner.putScalar(new long[] {i, 0, 0, 0}, 1f);
        }
        INDArray out = draw.apply(corner);
        for (int i = 0; i < N; i++) {
            boolean stays = draw.shiftY()[i] >= 0 && draw.shiftX()[i] >= 0;
            assertThat(out.get(org.nd4j.linalg.indexing.NDArrayIndex.point(i)).maxNumber().floatValue())
                    .isEqualTo(stays ? 1f : -1f);
        }
    }

    @Test
    void cutoutSetsOneSquareOfHalfTheSideToBackgroundClippedAtTheEdgeAndKeepsTheRest() {
        INDArray white = Nd4j.ones(DataType.FLOAT, N, 1, 28, 28);
        Draw draw = new DifferentiableAugmentation(5, EnumSet.of(Kind.CUTOUT)).draw(LatentNoise.AUGMENTATION_FAKE, 3, N, 28, 28);

        INDArray cut = draw.apply(white);

        boolean clipped = false;
        for (int i = 0; i < N; i++) {
            int top = draw.cutTop()[i];
            int left = draw.cutLeft()[i];
            int rows = Math.min(28, top + 14) - Math.max(0, top);
            int cols = Math.min(28, left + 14) - Math.max(0, left);
            clipped |= rows < 14 || cols < 14;
            int background = 0;
            for (int y = 0; y < 28; y++) {
                for (int x = 0; x < 28; x++) {
                    boolean inside = y >= top && y < top + 14 && x >= left && x < left + 14;
                    float v = cut.getFloat(i, 0, y, x);
                    assertThat(v).isEqualTo(inside ? -1f : 1f);
                    background += v < 0 ? 1 : 0;
                }
            }
            assertThat(background).isEqualTo(rows * cols).isPositive();
            assertThat(top).isBetween(-7, 21);
            assertThat(left).isBetween(-7, 21);
        }
        assertThat(clipped).as("some square reaches over an edge").isTrue();
    }

    @Test
    void theErrorFlowsBackThroughTheTransposeOfTheAugmentation() {
        Nd4j.getRandom().setSeed(11);
        INDArray a = Nd4j.rand(DataType.FLOAT, 8, 1, 28, 28).muli(2).subi(1);
        INDArray g = Nd4j.randn(DataType.FLOAT, 8, 1, 28, 28);
        Draw draw = new DifferentiableAugmentation(9, EnumSet.allOf(Kind.class)).draw(LatentNoise.AUGMENTATION_FAKE, 0, 8, 28, 28);

        // The augmentation is affine (background fills what is hidden): its linear part is apply(a) - apply(0).
        INDArray linear = draw.apply(a).sub(draw.apply(a.mul(0)));
        double forward = linear.mul(g).sumNumber().doubleValue();
        double backward = a.mul(draw.errorBack(g)).sumNumber().doubleValue();

        assertThat(backward).isCloseTo(forward, within(1e-4 * Math.abs(forward)));
        assertThat(forward).isNotZero();
        // Hidden pixels pass no error back: less of it arrives than left.
        assertThat(draw.errorBack(g).norm2Number().doubleValue()).isLessThan(g.norm2Number().doubleValue());
    }

    @Test
    void theDrawsRepeatForTheSameIterationAndDifferBetweenIterationsAndStreams() {
        DifferentiableAugmentation augmentation = new DifferentiableAugmentation(7, EnumSet.allOf(Kind.class));
        INDArray images = Nd4j.rand(DataType.FLOAT, N, 1, 28, 28);

        INDArray first = augmentation.draw(LatentNoise.AUGMENTATION_REAL, 10, N, 28, 28).apply(images);

        assertThat(augmentation.draw(LatentNoise.AUGMENTATION_REAL, 10, N, 28, 28).apply(images)).isEqualTo(first);
        assertThat(augmentation.draw(LatentNoise.AUGMENTATION_REAL, 11, N, 28, 28).apply(images)).isNotEqualTo(first);
        assertThat(augmentation.draw(LatentNoise.AUGMENTATION_FAKE, 10, N, 28, 28).apply(images)).isNotEqualTo(first);
        assertThat(new DifferentiableAugmentation(8, EnumSet.allOf(Kind.class))
                .draw(LatentNoise.AUGMENTATION_REAL, 10, N, 28, 28).apply(images)).isNotEqualTo(first);
    }

    @Test
    void eachTransformationIsAppliedToEachImageWithTheGivenProbability() {
        DifferentiableAugmentation augmentation = new DifferentiableAugmentation(7, EnumSet.allOf(Kind.class));
        INDArray images = Nd4j.rand(DataType.FLOAT, 400, 1, 28, 28);

        assertThat(augmentation.draw(LatentNoise.AUGMENTATION_REAL, 10, 400, 28, 28, 0).apply(images)).isEqualTo(images);

        Draw half = augmentation.draw(LatentNoise.AUGMENTATION_REAL, 10, 400, 28, 28, 0.3);
        INDArray out = half.apply(images);
        int shifted = 0;
        int cut = 0;
        int untouched = 0;
        for (int i = 0; i < 400; i++) {
            boolean s = half.shiftY()[i] != 0 || half.shiftX()[i] != 0;
            boolean c = half.cutTop()[i] > -14 && half.cutLeft()[i] > -14;
            shifted += s ? 1 : 0;
            cut += c ? 1 : 0;
            if (!s && !c) {
                untouched++;
                assertThat(out.get(org.nd4j.linalg.indexing.NDArrayIndex.point(i)))
                        .isEqualTo(images.get(org.nd4j.linalg.indexing.NDArrayIndex.point(i)));
            }
        }
        // 0.3 of 400 is 120 (sd 9); a drawn shift of (0, 0) also counts as none.
        assertThat(shifted).isBetween(90, 130);
        assertThat(cut).isBetween(95, 145);
        assertThat(untouched).isPositive();
    }

    @Test
    void theAdaptiveProbabilityRisesWhenDIsSureOfRealImagesAndFallsWhenItIsNot() {
        AdaptiveAugmentation adaptive = new AdaptiveAugmentation(0.6);
        double step = 64 / (AdaptiveAugmentation.KIMG * 1000);

        assertThat(adaptive.next(0.2, 0.9, 64)).isCloseTo(0.2 + step, within(1e-12));
        assertThat(adaptive.next(0.2, 0.1, 64)).isCloseTo(0.2 - step, within(1e-12));
        assertThat(adaptive.next(0, -1, 64)).isZero();
        assertThat(adaptive.next(1, 1, 64)).isEqualTo(1);
        assertThat(adaptive.next(0.2, Double.NaN, 64)).isEqualTo(0.2);
        assertThatThrownBy(() -> new AdaptiveAugmentation(1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPolicyIsTranslationCutoutOrBothAndAnUnknownWordIsNamed() {
        assertThat(DifferentiableAugmentation.parse("translation+cutout")).containsExactly(Kind.TRANSLATION, Kind.CUTOUT);
        assertThat(DifferentiableAugmentation.parse(" Cutout , translation ")).containsExactly(Kind.TRANSLATION, Kind.CUTOUT);
        assertThat(DifferentiableAugmentation.parse("none")).isEmpty();
        assertThat(DifferentiableAugmentation.parse(null)).isEmpty();
        assertThat(DifferentiableAugmentation.policy(EnumSet.allOf(Kind.class))).isEqualTo("translation,cutout");
        assertThatThrownBy(() -> DifferentiableAugmentation.parse("translation,flip"))
                .hasMessage("unknown augmentation 'flip' (known: translation,cutout)");
    }

    @Test
    void gLearnsThroughDsViewOfItsFakes() {
        Architecture arch = new Architecture(16, 8, 8);
        INDArray real = Nd4j.rand(DataType.FLOAT, 8, 1, 28, 28).muli(2).subi(1);
        INDArray z = LatentNoise.sample(1, LatentNoise.TRAINING, 0, 8, 16);
        DiscriminatorView blind = DiscriminatorView.of(fakes -> fakes, error -> error.mul(0));
        Draw draw = new DifferentiableAugmentation(2, EnumSet.allOf(Kind.class)).draw(LatentNoise.AUGMENTATION_FAKE, 0, 8, 28, 28);

        GanModels plain = models(arch);
        // G's first weights: its BatchNormalization's running statistics move without any error.
        INDArray before = plain.generator().getParam("0_W").dup();
        new AdversarialStep(plain, new ClassConditioning(arch)).run(real, null, z, 0, 0, DiscriminatorView.IDENTITY);
        GanModels stopped = models(arch);
        new AdversarialStep(stopped, new ClassConditioning(arch)).run(real, null, z, 0, 0, blind);
        GanModels augmented = models(arch);
        AdversarialStep.StepResult a = new AdversarialStep(augmented, new ClassConditioning(arch)).run(real, null, z, 0, 0, draw);

        assertThat(plain.generator().getParam("0_W")).isNotEqualTo(before);
        assertThat(stopped.generator().getParam("0_W")).as("no error reaches G").isEqualTo(before);
        assertThat(augmented.generator().getParam("0_W")).isNotEqualTo(before)
                .isNotEqualTo(plain.generator().getParam("0_W"));
        assertThat(a.lossG()).isFinite();
    }

    private static GanModels models(Architecture arch) {
        return new GanModels(GeneratorFactory.create(arch, AdamSettings.DCGAN, 3), DiscriminatorFactory.create(arch, AdamSettings.DCGAN, 4));
    }
}
