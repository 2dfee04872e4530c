package org.dcgan4j.train;

import java.util.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Noise vectors z ~ N(0, 1) that depend only on (seed, stream, index).
 *
 * <p>Drawing from a generator keyed this way, instead of one long-lived RNG, is what makes a
 * resumed run draw exactly the noise the uninterrupted run would have: no RNG state needs saving.
 */
public final class LatentNoise {

    /** Stream of the noise G trains on, indexed by iteration. */
    public static final long TRAINING = 1;
    /** Stream of the fixed vectors behind every sample grid of a run. */
    public static final long FIXED_GRID = 2;
    /** Stream used by {@code generate --seed}. */
    public static final long GENERATE = 3;
    /** Stream of the quality evaluations: index 0 for {@code evaluate}, 1 for the quick one in training. */
    public static final long EVALUATION = 4;
    /** Stream of the noise behind the moving average's standing statistics ({@link StandingStatistics}), index 0. */
    public static final long STANDING_STATISTICS = 5;
    /** Stream of the instance noise on D's real images ({@link InstanceNoise}), indexed by iteration. */
    public static final long INSTANCE_NOISE_REAL = 6;
    /** Stream of the instance noise on D's fake images, indexed by iteration. */
    public static final long INSTANCE_NOISE_FAKE = 7;
    /** Stream of the augmentation of D's real images ({@link DifferentiableAugmentation}), indexed by iteration. */
    public static final long AUGMENTATION_REAL = 8;
    /** Stream of the augmentation of D's fake images, indexed by iteration. */
    public static final long AUGMENTATION_FAKE = 9;

    private LatentNoise() {
    }

    /** A [count, latentSize] float matrix of standard normal values. */
    public static INDArray sample(long seed, long stream, long index, int count, int latentSize) {
        Random random = new Random(mix(seed, stream, index));
        float[] values = new float[count * latentSize];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return Nd4j.create(values, new long[] {count, latentSize});
    }

    static long mix(long seed, long stream, long index) {
        long h = seed * 0x9E3779B97F4A7C15L + stream * 0xC2B2AE3D27D4EB4FL + index * 0x165667B19E3779F9L;
        // SplitMix64 finaliser: nearby keys give unrelated seeds.
        h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
        h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
        return h ^ (h >>> 31);
    }
}
