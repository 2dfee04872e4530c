package org.dcgan4j.train;

/**
 * StyleGAN2-ADA's adaptive augmentation probability (Karras et al., 2020): D's augmentation is
 * applied to each image with probability p, which starts at 0 and moves after every iteration
 * by the sign of r − target, where r is the mean sign of D's logits on the (augmented) real batch.
 * An over-fitting D is sure of every training image (r near 1) and gets more augmentation; a D
 * near chance (r near 0) gets less, so an early, weak D is not weakened further.
 *
 * <p>p is part of the run's state ({@link TrainingProgress#augmentationProbability()}), saved in
 * every checkpoint, so a resumed run goes on from the same p.
 */
public final class AdaptiveAugmentation {

    /**
     * Thousands of images over which p can move from 0 to 1 (StyleGAN2-ADA's {@code ada_kimg} is
     * 500 for runs of 25 million images; this project's runs see 0.2–1.3 million).
     */
    public static final double KIMG = 100;

    private final double target;

    /** @param target the r at which p stays put (StyleGAN2-ADA's 0.6) */
    public AdaptiveAugmentation(double target) {
        if (!(target > 0 && target < 1)) {
            throw new IllegalArgumentException("the target must lie in (0, 1), got " + target);
        }
        this.target = target;
    }

    /**
     * The probability after an iteration of {@code batch} images that started at {@code p} and
     * measured {@code realSign}; p itself when the sign was not measured.
     */
    public double next(double p, double realSign, int batch) {
        if (Double.isNaN(realSign)) {
            return p;
        }
        double step = Math.signum(realSign - target) * batch / (KIMG * 1000);
        return Math.min(1, Math.max(0, p + step));
    }
}
