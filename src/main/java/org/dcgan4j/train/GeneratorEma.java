package org.dcgan4j.train;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Exponential moving average of G's parameters (BatchNormalization's running statistics
 * included, since DL4J keeps them as parameters): {@code ema = d * ema + (1 - d) * g} after every
 * iteration, with {@code d = min(MAX_DECAY, (1 + t) / (10 + t))} so the average follows G closely
 * early on and smooths later. The decay depends only on the iteration count, so a resumed run
 * averages exactly as an uninterrupted one.
 *
 * <p>{@link #imageDecay} is StyleGAN2-ADA's schedule instead ({@code --ema-kimg}): a half-life in
 * images, so that it means the same at any batch size, capped early on by a fraction of the
 * images seen so far.
 */
public final class GeneratorEma {

    /** Long-run decay: averages over about the last 1,000 iterations. */
    public static final double MAX_DECAY = 0.999;

    private GeneratorEma() {
    }

    /** The decay applied after iteration {@code iteration} (1-based count of completed iterations). */
    public static double decay(long iteration) {
        return Math.min(MAX_DECAY, (1.0 + iteration) / (10.0 + iteration));
    }

    /**
     * StyleGAN2-ADA's decay after iteration {@code iteration} (1-based) of {@code batch} images:
     * {@code 0.5^(batch / h)} with the half-life {@code h = kimg * 1000} images, at most
     * {@code rampup} times the images seen before this iteration when {@code rampup > 0} (so the
     * first iteration copies G).
     */
    public static double imageDecay(long iteration, int batch, double kimg, double rampup) {
        double halfLife = kimg * 1000;
        if (rampup > 0) {
            halfLife = Math.min(halfLife, (iteration - 1) * (double) batch * rampup);
        }
        return Math.pow(0.5, batch / Math.max(halfLife, 1e-8));
    }

    /** Folds G's current parameters into the average, in place, with the iteration schedule. */
    public static void update(MultiLayerNetwork generator, MultiLayerNetwork ema, long iteration) {
        fold(generator, ema, decay(iteration));
    }

    /** Folds G's current parameters into the average with decay {@code d}, in place. */
    public static void fold(MultiLayerNetwork generator, MultiLayerNetwork ema, double d) {
        INDArray avg = ema.params();
        INDArray g = generator.params();
        avg.muli(d);
        Nd4j.getBlasWrapper().level1().axpy(avg.length(), 1 - d, g, avg);
    }
}
