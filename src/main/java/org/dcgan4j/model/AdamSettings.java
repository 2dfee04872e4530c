package org.dcgan4j.model;

/**
 * Adam hyper-parameters shared by G and D.
 *
 * @param learningRate step size (default 2e-4, as in the DCGAN paper)
 * @param beta1        first-moment decay (default 0.5: the DCGAN paper found 0.9 unstable)
 * @param beta2        second-moment decay (default 0.999)
 */
public record AdamSettings(double learningRate, double beta1, double beta2) {

    public static final AdamSettings DCGAN = new AdamSettings(2e-4, 0.5, 0.999);

    public AdamSettings {
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be a positive number, got " + learningRate);
        }
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("Adam betas must be in [0, 1), got " + beta1 + ", " + beta2);
        }
    }
}
