package org.dcgan4j.selftest;

import java.util.ArrayList;
import java.util.List;
import org.dcgan4j.data.DigitDataset;
import org.dcgan4j.data.ShuffledBatchIterator;
import org.dcgan4j.model.AdamSettings;
import org.dcgan4j.model.Architecture;
import org.dcgan4j.model.DiscriminatorFactory;
import org.dcgan4j.model.GeneratorFactory;
import org.dcgan4j.train.AdversarialStep;
import org.dcgan4j.train.GanModels;
import org.dcgan4j.train.LatentNoise;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A short training run that depends only on its seed: the default architecture, the first
 * batches of a data set in the seed's order, noise by (seed, iteration). Run on two backends, it
 * must give the same losses and the same samples up to float rounding.
 */
public final class SelfTestRun {

    /** Seed of weights, data order and noise. */
    public static final long SEED = 1234;
    /** Images of G's output compared at the end. */
    static final int SAMPLES = 16;
    /** Steps not timed: the JIT compiles DL4J's code and a GPU warms up during the first ones. */
    static final int UNTIMED = 5;

    private SelfTestRun() {
    }

    /** Trains {@code iterations} steps at {@code batch} on {@code data} in this JVM's backend. */
    public static SelfTestResult run(String backend, DigitDataset data, int iterations, int batch) {
        GanModels models = new GanModels(GeneratorFactory.create(Architecture.DEFAULT, AdamSettings.DCGAN, SEED),
                DiscriminatorFactory.create(Architecture.DEFAULT, AdamSettings.DCGAN, SEED + 1));
        AdversarialStep step = new AdversarialStep(models);
        ShuffledBatchIterator batches = new ShuffledBatchIterator(data, batch, SEED);
        int latent = Architecture.DEFAULT.latentSize();
        List<Double> lossD = new ArrayList<>();
        List<Double> lossG = new ArrayList<>();
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < iterations; i++) {
            if (!batches.hasNext()) {
                batches.reset();
            }
            INDArray real = batches.next().getFeatures();
            INDArray noise = LatentNoise.sample(SEED, LatentNoise.TRAINING, i, batch, latent);
            long began = System.nanoTime();
            AdversarialStep.StepResult r = step.run(real, null, noise, i, 0);
            if (i >= Math.min(UNTIMED, iterations - 1)) {
                ms.add((System.nanoTime() - began) / 1e6);
            }
            lossD.add(r.lossD());
            lossG.add(r.lossG());
            real.close();
            noise.close();
        }
        INDArray fixed = LatentNoise.sample(SEED, LatentNoise.FIXED_GRID, 0, SAMPLES, latent);
        float[] samples = models.generator().output(fixed, false).ravel().toFloatVector();
        double[] sorted = ms.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return new SelfTestResult(backend, lossD, lossG, samples, sorted[sorted.length / 2], batch);
    }
}
