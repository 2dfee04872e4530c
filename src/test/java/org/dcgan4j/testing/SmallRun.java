package org.dcgan4j.testing;

import java.util.List;
import java.util.Random;
import org.dcgan4j.data.DataSplit;
import org.dcgan4j.data.DigitDataset;
import org.dcgan4j.model.AdamSettings;
import org.dcgan4j.model.Architecture;
import org.dcgan4j.model.DiscriminatorFactory;
import org.dcgan4j.model.GeneratorFactory;
import org.dcgan4j.train.GanModels;
import org.dcgan4j.train.LatentNoise;
import org.dcgan4j.train.TrainingConfig;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The pieces of a run small enough for a unit test: narrow networks, a few random images. */
public final class SmallRun {

    public static final Architecture ARCHITECTURE = new Architecture(8, 4, 4);
    public static final long SEED = 11;
    public static final int BATCH = 8;

    private SmallRun() {
    }

    /** A config of {@code iterations} iterations with a checkpoint every {@code checkpointEvery}. */
    public static TrainingConfig config(long iterations, long checkpointEvery) {
        return new TrainingConfig("random", DataSplit.TRAIN, iterations, BATCH, 1000, checkpointEvery, 3, 0, SEED,
                ARCHITECTURE, AdamSettings.DCGAN, 4, "float32", 0, 0);
    }

    public static GanModels models(double learningRate) {
        AdamSettings adam = new AdamSettings(learningRate, AdamSettings.DCGAN_BETA1, AdamSettings.DCGAN_BETA2);
        return new GanModels(GeneratorFactory.create(ARCHITECTURE, adam, SEED),
                DiscriminatorFactory.create(ARCHITECTURE, adam, SEED + 1));
    }

    public static INDArray fixedNoise() {
        return LatentNoise.sample(SEED, LatentNoise.FIXED_GRID, 0, 4, ARCHITECTURE.latentSize());
    }

    /** Four batches of random 28x28 images. */
    public static DigitDataset data() {
        int size = 4 * BATCH;
        byte[] pixels = new byte[size * Architecture.HEIGHT * Architecture.WIDTH];
        new Random(SEED).nextBytes(pixels);
        return new DigitDataset(pixels, null, size, Architecture.HEIGHT, Architecture.WIDTH, List.of(),
                "random bytes", List.of());
    }
}
