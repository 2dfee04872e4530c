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

    /** Folds G's current parameters into the average, in place. */
    public static void update(MultiLayerNetwork generator, MultiLayerNetwork ema, long iteration) {
        double d = decay(iteration);
        INDArray avg = ema.params();
        INDArray g = generator.params();
        avg.muli(d);
        Nd4j.getBlasWrapper().level1().axpy(avg.length(), 1 - d, g, avg);
    }
}
