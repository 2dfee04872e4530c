package org.dcgan4j.train;

import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import org.dcgan4j.data.DigitDataset;
import org.dcgan4j.data.ShuffledBatchIterator;
import org.deeplearning4j.datasets.iterator.AsyncDataSetIterator;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lifecycle of one training process on a run: builds a loop attempt (data positioned at the
 * start, the listeners, the time budget, the stop requests), runs it, and recovers from a
 * divergence once.
 *
 * <p>On a NaN or infinite loss or parameter ({@link TrainingDivergedException}), the run rolls
 * back to the newest valid checkpoint with both learning rates (G's and D's, which differ with
 * {@code --lr-g}/{@code --lr-d}) halved, records the halved config
 * and goes on with listeners built afresh. A second divergence ends the run with the error: the
 * halved rate did not help, and the checkpoints on disk hold no NaN. A divergence before the
 * first checkpoint ends it at once, since there is nothing to roll back to.
 */
public final class TrainingRun {

    private static final Logger LOG = LoggerFactory.getLogger(TrainingRun.class);
    /** Batches prepared ahead of the trainer by the prefetch thread. */
    private static final int PREFETCH_BATCHES = 4;

    private final DigitDataset data;
    private final RunListenerFactory listeners;
    private final RollbackSource checkpoints;
    private final ConfigRecord configRecord;
    private final TimeBudget budget;
    private final StopRequests stops;

    /**
     * @param data         the training images
     * @param listeners    builds each attempt's listeners
     * @param checkpoints  where a rollback finds the state to go on from
     * @param configRecord where the halved config of a rollback is recorded
     * @param budget       the wall time of this process's training
     * @param stops        where requests to stop early come from
     */
    public TrainingRun(DigitDataset data, RunListenerFactory listeners, RollbackSource checkpoints,
                       ConfigRecord configRecord, TimeBudget budget, StopRequests stops) {
        this.data = data;
        this.listeners = listeners;
        this.checkpoints = checkpoints;
        this.configRecord = configRecord;
        this.budget = budget;
        this.stops = stops;
    }

    /**
     * Trains from {@code from} to the config's total, recovering from one divergence.
     *
     * @param startNote how this process starts (new run, resume), for the run's notes
     * @return where training ended: the total, or earlier when stopped
     * @throws TrainingDivergedException when the run diverged and could not recover
     */
    public TrainingProgress run(TrainingConfig config, GanModels models, INDArray fixedNoise, TrainingProgress from,
                                String startNote) throws IOException {
        long began = budget.now();
        try {
            return attempt(config, models, fixedNoise, from, began, startNote);
        } catch (TrainingDivergedException first) {
            LOG.warn("{}", first.getMessage());
            Optional<RollbackSource.Point> found = checkpoints.newestValid(LOG::warn);
            if (found.isEmpty()) {
                throw new TrainingDivergedException(first.iteration(), first.getMessage()
                        + " before the first checkpoint; nothing to roll back to (try a lower --lr)");
            }
            RollbackSource.Point good = found.get();
            GanModels restored = good.models();
            double gLr = config.generatorAdam().learningRate() / 2;
            double dLr = config.discriminatorAdam().learningRate() / 2;
            long goodIteration = good.progress().iteration();
            LOG.warn("rolled back to {} (iteration {}) with the learning rate halved to G {} / D {}",
                    good.name(), goodIteration, gLr, dLr);
            // The config (config.json, and through it every later checkpoint) says which rate the run goes on with.
            TrainingConfig halved = config.withLearningRates(gLr, dLr);
            halved.generatorAdam().applyRateTo(restored.generator());
            halved.discriminatorAdam().applyRateTo(restored.discriminator());
            configRecord.write(halved);
            try {
                String note = String.format(Locale.ROOT, "rolled back to checkpoint %s at iteration %d with the learning"
                        + " rate halved to G %s / D %s, after: %s", good.name(), goodIteration, gLr, dLr,
                        first.getMessage());
                return attempt(halved, restored, good.fixedNoise(), good.progress(), began, note);
            } catch (TrainingDivergedException again) {
                throw new TrainingDivergedException(again.iteration(), again.getMessage()
                        + " again after rolling back to iteration " + goodIteration
                        + " with a halved learning rate; stopping (the last checkpoints hold no NaN)");
            }
        }
    }

    /** One loop from {@code from}, with listeners built for {@code config}. */
    private TrainingProgress attempt(TrainingConfig config, GanModels models, INDArray fixedNoise,
                                     TrainingProgress from, long began, String startNote) throws IOException {
        StagedListeners attemptListeners = listeners.build(config, fixedNoise, startNote);
        ShuffledBatchIterator batches = new ShuffledBatchIterator(data, config.batchSize(), config.seed());
        batches.seek(from.epoch(), from.batchInEpoch());
        AsyncDataSetIterator prefetched = new AsyncDataSetIterator(batches.endless(), PREFETCH_BATCHES);
        try {
            TrainingLoop loop = new TrainingLoop(models.withStandingStatistics(StandingStatistics.forRun(config)), prefetched,
                    batches.batchesPerEpoch(), config.seed(), config.architecture(), config.recipe(), attemptListeners);
            if (budget.limited()) {
                loop.stopAfter(budget.remainingSince(began));
                LOG.info("wall-clock budget: stopping with a checkpoint after {} min", budget.minutes());
            }
            stops.connect(loop);
            return loop.run(from, config.iterations());
        } finally {
            prefetched.shutdown();
        }
    }
}
