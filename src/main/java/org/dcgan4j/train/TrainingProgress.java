package org.dcgan4j.train;

/**
 * Where a run stands.
 *
 * @param iteration    iterations completed so far (0 before the first)
 * @param epoch        epoch of the last batch drawn (0-based)
 * @param batchInEpoch batches of that epoch drawn so far; when it equals the batches per
 *                     epoch, the next batch opens epoch + 1
 * @param augmentationProbability with an adaptive augmentation ({@code --augment-target}): the
 *                     probability of each transformation for the next iteration
 *                     ({@link AdaptiveAugmentation}); 0 otherwise
 */
public record TrainingProgress(long iteration, long epoch, int batchInEpoch, double augmentationProbability) {

    public static final TrainingProgress START = new TrainingProgress(0, 0, 0);

    /** Without an adaptive augmentation. */
    public TrainingProgress(long iteration, long epoch, int batchInEpoch) {
        this(iteration, epoch, batchInEpoch, 0);
    }
}
