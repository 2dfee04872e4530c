package org.dcgan4j.model;

/**
 * Adam hyper-parameters shared by G and D.
 *
 * @param learningRate step size ({@link #DCGAN}: as in the DCGAN paper)
 * @param beta1        first-moment decay ({@link #DCGAN}: the DCGAN paper found 0.9 unstable)
 * @param beta2        second-moment decay
 */
public record AdamSettings(double learningRate, double beta1, double beta2) {

    /** The DCGAN paper's learning rate. */
    public static final double DCGAN_LEARNING_RATE = 2e-4;
    /** The DCGAN paper's beta1. */
    public static final double DCGAN_BETA1 = 0.5;
    /** Adam's usual beta2. */
    public static final double DCGAN_BETA2 = 0.999;

    /**
     * The DCGAN paper's settings: the reference architecture's (the benchmark, the self-test, the
     * PyTorch yardstick); a default training run takes sixteen times its learning rate ({@code TrainCommand}).
     */
    public static final AdamSettings DCGAN = new AdamSettings(DCGAN_LEARNING_RATE, DCGAN_BETA1, DCGAN_BETA2);

    public AdamSettings {
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be a positive number, got " + learningRate);
        }
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("Adam betas must be in [0, 1), got " + beta1 + ", " + beta2);
        }
    }
}
