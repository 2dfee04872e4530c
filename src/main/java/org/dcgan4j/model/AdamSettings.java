package org.dcgan4j.model;

import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.learning.config.Adam;

/**
 * Adam hyper-parameters shared by G and D.
 *
 * @param learningRate step size ({@link #DCGAN}: as in the DCGAN paper)
 * @param beta1        first-moment decay ({@link #DCGAN}: the DCGAN paper found 0.9 unstable)
 * @param beta2        second-moment decay
 * @param decayUntil   0 for a constant rate; otherwise the rate falls linearly to a tenth of
 *                     {@code learningRate} at this iteration and stays there
 *                     ({@link LinearDecaySchedule}); absent in configs written before it existed
 */
public record AdamSettings(double learningRate, double beta1, double beta2, long decayUntil) {

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
        if (decayUntil < 0) {
            throw new IllegalArgumentException("learning-rate decay end must be 0 (none) or a positive iteration, got "
                    + decayUntil);
        }
    }

    /** A constant learning rate. */
    public AdamSettings(double learningRate, double beta1, double beta2) {
        this(learningRate, beta1, beta2, 0);
    }

    /** The same settings with another (initial) learning rate; the decay, if any, keeps its end. */
    public AdamSettings withLearningRate(double rate) {
        return new AdamSettings(rate, beta1, beta2, decayUntil);
    }

    /** DL4J's Adam for these settings (epsilon 1e-8, as PyTorch's). */
    public Adam updater() {
        Adam adam = new Adam(learningRate, beta1, beta2, 1e-8);
        adam.setLearningRateSchedule(schedule());
        return adam;
    }

    /** The learning rate of every layer of {@code network} that has one at iteration {@code iteration}. */
    public static double rateAt(MultiLayerNetwork network, long iteration) {
        for (org.deeplearning4j.nn.api.Layer layer : network.getLayers()) {
            if (layer.conf().getLayer() instanceof BaseLayer base && base.getIUpdater() != null
                    && base.getIUpdater().hasLearningRate()) {
                return base.getIUpdater().getLearningRate(Math.toIntExact(iteration), 0);
            }
        }
        throw new IllegalArgumentException("the network has no layer with a learning rate");
    }

    /** Gives every layer of {@code network} these settings' rate or schedule (a rollback's halved one). */
    public void applyRateTo(MultiLayerNetwork network) {
        if (decayUntil > 0) {
            network.setLearningRate(schedule());
        } else {
            network.setLearningRate(learningRate);
        }
    }

    /** The decay's schedule, or null for a constant rate (DL4J's Adam then uses {@link #learningRate}). */
    private LinearDecaySchedule schedule() {
        return decayUntil > 0 ? new LinearDecaySchedule(learningRate, decayUntil) : null;
    }
}
