package org.dcgan4j.checkpoint;

import org.dcgan4j.train.TrainingConfig;
import org.dcgan4j.train.TrainingProgress;

/**
 * The counters and settings stored beside the model zips; with them and the zips a run
 * continues exactly where it stopped (data order and noise are functions of seed and position).
 *
 * @param format         layout version of the checkpoint folder ({@link #FORMAT})
 * @param programVersion dcgan4j version that wrote it
 * @param iteration      iterations completed
 * @param epoch          epoch of the last batch drawn
 * @param batchInEpoch   batches of that epoch drawn so far
 * @param config         the run's resolved options
 * @param createdAt      ISO-8601 wall-clock time of writing
 * @param metrics        quality numbers measured at this iteration (e.g. {@code fd} for the best
 *                       checkpoint), or null; absent in checkpoints of older versions
 * @param augmentationProbability the adaptive augmentation's probability ({@link
 *                       TrainingProgress#augmentationProbability()}), or null (absent in checkpoints
 *                       of older versions) for 0
 */
public record CheckpointState(int format, String programVersion, long iteration, long epoch,
                              int batchInEpoch, TrainingConfig config, String createdAt,
                              java.util.Map<String, Double> metrics, Double augmentationProbability) {

    public static final int FORMAT = 1;

    /** The state at {@code progress}. */
    public CheckpointState(String programVersion, TrainingProgress progress, TrainingConfig config, String createdAt,
                           java.util.Map<String, Double> metrics) {
        this(FORMAT, programVersion, progress.iteration(), progress.epoch(), progress.batchInEpoch(), config,
                createdAt, metrics, progress.augmentationProbability() == 0 ? null : progress.augmentationProbability());
    }

    public TrainingProgress progress() {
        return new TrainingProgress(iteration, epoch, batchInEpoch,
                augmentationProbability == null ? 0 : augmentationProbability);
    }
}
