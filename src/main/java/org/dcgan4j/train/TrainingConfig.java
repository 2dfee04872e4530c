package org.dcgan4j.train;

import org.dcgan4j.data.DataSplit;
import org.dcgan4j.model.AdamSettings;
import org.dcgan4j.model.Architecture;

/**
 * The resolved options of a training run, written to {@code config.json} before training
 * starts and into every checkpoint. Defaults live in the command line ({@code TrainCommand}).
 *
 * @param data            where the images come from (absolute path)
 * @param split           which half of an IDX folder holding train-* and t10k-* sets
 * @param iterations      total iterations of the run (one iteration = one D step and one G step)
 * @param batchSize       images per batch, real and fake alike
 * @param sampleEvery     iterations between fixed-noise sample grids
 * @param checkpointEvery iterations between checkpoints (one is also written at the end)
 * @param keepCheckpoints how many of the newest checkpoints to keep
 * @param keepEvery       also keep every checkpoint whose iteration is a multiple of this (0: none)
 * @param seed            seeds weights, data order and noise: the same seed repeats the run
 * @param architecture    network shapes; fixed for the life of a run
 * @param adam            optimiser settings
 * @param gridSize        images in each sample grid
 * @param dtype           floating-point type of the networks: float32, or float16 (CUDA only)
 * @param evalEvery       iterations between quick quality evaluations (0: none; absent in
 *                        configs written before it existed, which reads as 0)
 * @param validationImages training images the quick evaluation measures G against, chosen by
 *                        {@code seed} ({@code org.dcgan4j.data.ValidationSplit}); the best checkpoint
 *                        is picked on them, never on the test set (0: no evaluation yet; absent in
 *                        configs written before it existed)
 * @param recipe          the training levers of issue #11 (loss, moving average, spectral norm,
 *                        separate learning rates); absent in configs written before they existed,
 *                        which reads as {@link TrainingRecipe#DEFAULT}
 */
public record TrainingConfig(
        String data,
        DataSplit split,
        long iterations,
        int batchSize,
        long sampleEvery,
        long checkpointEvery,
        int keepCheckpoints,
        long keepEvery,
        long seed,
        Architecture architecture,
        AdamSettings adam,
        int gridSize,
        String dtype,
        long evalEvery,
        int validationImages,
        TrainingRecipe recipe) {

    /** A config with every lever of {@link TrainingRecipe} off. */
    public TrainingConfig(String data, DataSplit split, long iterations, int batchSize, long sampleEvery,
                          long checkpointEvery, int keepCheckpoints, long keepEvery, long seed, Architecture architecture,
                          AdamSettings adam, int gridSize, String dtype, long evalEvery, int validationImages) {
        this(data, split, iterations, batchSize, sampleEvery, checkpointEvery, keepCheckpoints, keepEvery, seed,
                architecture, adam, gridSize, dtype, evalEvery, validationImages, TrainingRecipe.DEFAULT);
    }

    /** The levers; {@link TrainingRecipe#DEFAULT} for a config written before they existed. */
    @Override
    public TrainingRecipe recipe() {
        return recipe == null ? TrainingRecipe.DEFAULT : recipe;
    }

    /** G's Adam settings: {@link #adam} with {@code --lr-g} when given. */
    public AdamSettings generatorAdam() {
        return withRate(recipe().generatorLearningRate());
    }

    /** D's Adam settings: {@link #adam} with {@code --lr-d} when given. */
    public AdamSettings discriminatorAdam() {
        return withRate(recipe().discriminatorLearningRate());
    }

    private AdamSettings withRate(Double rate) {
        return rate == null ? adam : adam.withLearningRate(rate);
    }

    /** The ND4J data type of {@link #dtype}. */
    public org.nd4j.linalg.api.buffer.DataType dataType() {
        return "float16".equals(dtype) ? org.nd4j.linalg.api.buffer.DataType.HALF
                : org.nd4j.linalg.api.buffer.DataType.FLOAT;
    }

    /** The same run with new run-length and output options (what a resume may change). */
    public TrainingConfig withSchedule(long totalIterations, long sampleEveryN, long checkpointEveryN, int keep,
                                       long keepEveryN, long evalEveryN) {
        return new TrainingConfig(data, split, totalIterations, batchSize, sampleEveryN, checkpointEveryN, keep,
                keepEveryN, seed, architecture, adam, gridSize, dtype, evalEveryN, validationImages, recipe);
    }

    /** The same run with another Adam learning rate for G and D (a rollback halves it; the config records it). */
    public TrainingConfig withLearningRate(double learningRate) {
        return withLearningRates(learningRate, learningRate);
    }

    /**
     * The same run with G's and D's learning rates (a rollback halves both; the config records
     * them): equal rates are the shared {@code --lr}, different ones {@code --lr-g} and {@code --lr-d}.
     */
    public TrainingConfig withLearningRates(double generatorRate, double discriminatorRate) {
        boolean shared = generatorRate == discriminatorRate;
        return new TrainingConfig(data, split, iterations, batchSize, sampleEvery, checkpointEvery, keepCheckpoints,
                keepEvery, seed, architecture, adam.withLearningRate(generatorRate), gridSize,
                dtype, evalEvery, validationImages, recipe().withLearningRates(shared ? null : generatorRate,
                        shared ? null : discriminatorRate));
    }

    /** The same options with another architecture (a conditional run learns its class count from the data). */
    public TrainingConfig withArchitecture(Architecture changed) {
        return new TrainingConfig(data, split, iterations, batchSize, sampleEvery, checkpointEvery, keepCheckpoints,
                keepEvery, seed, changed, adam, gridSize, dtype, evalEvery, validationImages, recipe);
    }

    /** The same options with the size of the quick evaluation's validation split recorded. */
    public TrainingConfig withValidationImages(int images) {
        return new TrainingConfig(data, split, iterations, batchSize, sampleEvery, checkpointEvery, keepCheckpoints,
                keepEvery, seed, architecture, adam, gridSize, dtype, evalEvery, images, recipe);
    }
}
