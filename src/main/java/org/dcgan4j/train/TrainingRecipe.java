package org.dcgan4j.train;

/**
 * The training levers of issue #11, each off by default (defaults live in the command line,
 * {@code TrainCommand}; {@link #DEFAULT} is what a config written before they existed reads as).
 *
 * @param loss                      the adversarial objective (absent: {@link GanLoss#BCE})
 * @param emaKimg                   half-life of G's moving average in thousands of images, as
 *                                  StyleGAN2-ADA's {@code ema_kimg}; 0 for the older schedule in
 *                                  iterations ({@link GeneratorEma#decay(long)})
 * @param emaRampup                 with {@code emaKimg}: the half-life is at most this fraction of
 *                                  the images seen so far (StyleGAN2-ADA's {@code ema_rampup}); 0 for none
 * @param standingStatistics        recompute the BatchNormalization statistics of G's moving average
 *                                  from batches of noise before every use ({@link StandingStatistics})
 * @param spectralNorm              D without BatchNormalization, its weights spectrally normalised
 *                                  after every step ({@code org.dcgan4j.model.SpectralNormConstraint})
 * @param generatorLearningRate     Adam's rate for G; null for the shared {@code --lr}
 * @param discriminatorLearningRate Adam's rate for D; null for the shared {@code --lr}
 * @param instanceNoise             standard deviation of the Gaussian noise added to every image D
 *                                  sees, at the first iteration; it falls linearly to 0 at iteration
 *                                  {@code instanceNoiseUntil} ({@link InstanceNoise}); 0 for none
 * @param instanceNoiseUntil        the iteration where the instance noise reaches 0 ({@code
 *                                  --instance-noise-until}, by default the run's total when it was
 *                                  started), kept when a resume trains longer
 * @param augmentation              DiffAugment's transformations of every image D sees, real and
 *                                  fake ({@link DifferentiableAugmentation#parse}: "translation",
 *                                  "cutout" or both); null or "" for none
 * @param augmentationTarget        with an augmentation: 0 to apply it to every image, or the mean
 *                                  sign of D's logits on real images that an adaptive probability
 *                                  steers to ({@link AdaptiveAugmentation}, StyleGAN2-ADA's 0.6)
 * @param minibatchStdGroup         images per group of D's minibatch standard-deviation feature
 *                                  ({@code org.dcgan4j.model.MinibatchStandardDeviationLayer}); 0 for none
 */
public record TrainingRecipe(GanLoss loss, double emaKimg, double emaRampup, boolean standingStatistics,
                             boolean spectralNorm, Double generatorLearningRate, Double discriminatorLearningRate,
                             double instanceNoise, long instanceNoiseUntil, String augmentation,
                             double augmentationTarget, int minibatchStdGroup) {

    /** Every lever off: the reference DCGAN, and every run written before the levers existed. */
    public static final TrainingRecipe DEFAULT = new TrainingRecipe(GanLoss.BCE, 0, 0, false, false, null, null, 0, 0, null, 0, 0);

    public TrainingRecipe {
        if (loss == null) {
            loss = GanLoss.BCE;
        }
        if (!(emaKimg >= 0) || Double.isInfinite(emaKimg)) {
            throw new IllegalArgumentException("EMA half-life must be 0 (off) or more thousand images, got " + emaKimg);
        }
        if (!(emaRampup >= 0) || Double.isInfinite(emaRampup)) {
            throw new IllegalArgumentException("EMA ramp-up must be 0 (off) or more, got " + emaRampup);
        }
        if (!(instanceNoise >= 0) || Double.isInfinite(instanceNoise)) {
            throw new IllegalArgumentException("instance noise must be 0 (off) or more, got " + instanceNoise);
        }
        augmentation = DifferentiableAugmentation.policy(DifferentiableAugmentation.parse(augmentation));
        if (!(augmentationTarget >= 0 && augmentationTarget < 1)) {
            throw new IllegalArgumentException("the augmentation target must be 0 (off) or in (0, 1), got " + augmentationTarget);
        }
        if (minibatchStdGroup < 0 || minibatchStdGroup == 1) {
            throw new IllegalArgumentException("the minibatch standard deviation's group must be 0 (off) or at least 2, got "
                    + minibatchStdGroup);
        }
    }

    /** The decay of G's moving average after {@code iteration} completed iterations of {@code batch} images. */
    public double emaDecay(long iteration, int batch) {
        return emaKimg > 0 ? GeneratorEma.imageDecay(iteration, batch, emaKimg, emaRampup)
                : GeneratorEma.decay(iteration);
    }

    /** The same recipe with both learning rates given (a rollback halves them). */
    public TrainingRecipe withLearningRates(Double generator, Double discriminator) {
        return new TrainingRecipe(loss, emaKimg, emaRampup, standingStatistics, spectralNorm, generator, discriminator,
                instanceNoise, instanceNoiseUntil, augmentation, augmentationTarget, minibatchStdGroup);
    }

    /** The adaptive probability of the augmentation, or null when it is applied to every image or there is none. */
    public AdaptiveAugmentation adaptiveAugmentation() {
        return augmentation.isEmpty() || augmentationTarget == 0 ? null : new AdaptiveAugmentation(augmentationTarget);
    }

    /** DiffAugment for a run of {@code seed}, or null when {@link #augmentation} names none. */
    public DifferentiableAugmentation differentiableAugmentation(long seed) {
        java.util.Set<DifferentiableAugmentation.Kind> kinds = DifferentiableAugmentation.parse(augmentation);
        return kinds.isEmpty() ? null : new DifferentiableAugmentation(seed, kinds);
    }
}
