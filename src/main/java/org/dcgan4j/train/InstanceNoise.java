package org.dcgan4j.train;

import org.dcgan4j.model.Architecture;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Instance noise (Sønderby et al., 2016; Arjovsky and Bottou, 2017): Gaussian noise on every image
 * D sees, real and fake, so that the two distributions overlap and D's gradients stay informative
 * early on. Its standard deviation falls linearly from {@code sigma} at the first iteration to 0
 * at a fixed iteration (the run's total when it started), so the end of training sees clean images.
 *
 * <p>The noise depends only on (seed, iteration) and that fixed schedule, like the latent noise, so
 * a resumed run adds exactly what the uninterrupted one did, also when the resume trains longer.
 */
public final class InstanceNoise {

    private final long seed;
    private final double sigma;
    private final long totalIterations;

    /**
     * @param sigma           standard deviation at the first iteration (pixels in [-1, 1])
     * @param totalIterations where the noise reaches 0 and stays
     */
    public InstanceNoise(long seed, double sigma, long totalIterations) {
        this.seed = seed;
        this.sigma = sigma;
        this.totalIterations = totalIterations;
    }

    /** The standard deviation at {@code iteration} (0-based count of iterations done before it). */
    public double sigmaAt(long iteration) {
        return totalIterations <= 0 ? 0 : Math.max(0, sigma * (1 - (double) iteration / totalIterations));
    }

    /**
     * Noise for {@code count} images at {@code iteration}, [count, 1, 28, 28], or null when its
     * standard deviation is 0.
     *
     * @param stream {@link LatentNoise#INSTANCE_NOISE_REAL} or {@link LatentNoise#INSTANCE_NOISE_FAKE}
     */
    public INDArray sample(long stream, long iteration, int count) {
        double s = sigmaAt(iteration);
        if (!(s > 0)) {
            return null;
        }
        int pixels = Architecture.HEIGHT * Architecture.WIDTH;
        return LatentNoise.sample(seed, stream, iteration, count, pixels).muli(s)
                .reshape(count, Architecture.CHANNELS, Architecture.HEIGHT, Architecture.WIDTH);
    }
}
