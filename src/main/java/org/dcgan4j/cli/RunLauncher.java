package org.dcgan4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dcgan4j.files.AtomicFiles;
import org.dcgan4j.checkpoint.Checkpoint;
import org.dcgan4j.checkpoint.CheckpointListener;
import org.dcgan4j.checkpoint.CheckpointStore;
import org.dcgan4j.checkpoint.ProgramVersion;
import org.dcgan4j.data.DigitDataset;
import org.dcgan4j.data.ValidationSplit;
import org.dcgan4j.data.ShuffledBatchIterator;
import org.dcgan4j.eval.BestCheckpointFolder;
import org.dcgan4j.eval.ClassifierCache;
import org.dcgan4j.eval.GeneratorEvaluator;
import org.dcgan4j.eval.QualityListener;
import org.dcgan4j.model.DiscriminatorFactory;
import org.dcgan4j.model.GeneratorFactory;
import org.dcgan4j.model.LayerHelpers;
import org.dcgan4j.plot.ChartListener;
import org.dcgan4j.sample.FixedNoiseGrid;
import org.dcgan4j.sample.SampleGridListener;
import org.dcgan4j.tensorboard.TensorBoardListener;
import org.dcgan4j.train.GanModels;
import org.dcgan4j.train.HeapCollection;
import org.dcgan4j.train.LatentNoise;
import org.dcgan4j.train.ListenerStage;
import org.dcgan4j.train.MemoryGrowthMonitor;
import org.dcgan4j.train.MetricsCsvListener;
import org.dcgan4j.train.NativeMemoryGuard;
import org.dcgan4j.train.ProgressListener;
import org.dcgan4j.train.SaturationMonitor;
import org.dcgan4j.train.StagedListeners;
import org.dcgan4j.train.TrainingConfig;
import org.dcgan4j.train.TrainingDivergedException;
import org.dcgan4j.train.TrainingListener;
import org.dcgan4j.train.TrainingLoop;
import org.dcgan4j.train.TrainingProgress;
import org.deeplearning4j.datasets.iterator.AsyncDataSetIterator;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wires data, models, listeners and checkpoints into a training loop for one run folder. */
final class RunLauncher {

    private static final Logger LOG = LoggerFactory.getLogger(RunLauncher.class);
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** Batches prepared ahead of the trainer by the prefetch thread. */
    private static final int PREFETCH_BATCHES = 4;

    /** Consecutive saturated iterations before the health flag goes up. */
    private static final int SATURATION_PATIENCE = 200;
    /** Seconds between status.json rewrites (and console lines when not on a terminal). */
    private static final int STATUS_EVERY_SECONDS = 10;

    private final RunLayout layout;
    private final double maxMinutes;
    private final QualityData quality;
    private final List<TrainingListener> extraListeners = new ArrayList<>();
    private boolean tensorBoard = true;

    /**
     * @param maxMinutes wall-clock budget of this process's training, 0 for none
     * @param quality    the real images of the quick evaluation; null when the run has none
     */
    RunLauncher(RunLayout layout, double maxMinutes, QualityData quality) {
        this.layout = layout;
        this.maxMinutes = maxMinutes;
        this.quality = quality;
    }

    /** Adds a listener after the run's own (the soak's memory report). */
    RunLauncher withListener(TrainingListener listener) {
        extraListeners.add(listener);
        return this;
    }

    /** Turns the TensorBoard event files (RUN/tensorboard/) on or off; on unless told. */
    RunLauncher tensorBoard(boolean on) {
        tensorBoard = on;
        return this;
    }

    /** Starts a new run: writes config.json, then trains from iteration 0. */
    int start(TrainingConfig asked, DigitDataset data) throws IOException {
        TrainingConfig config = withValidationSplit(asked);
        RunLog.attach(layout.log());
        LOG.info("dcgan4j {}: new run in {}", ProgramVersion.current(), layout.root());
        AtomicFiles.write(layout.config(), out -> JSON.writeValue(out, config));
        logEnvironment(data);
        // G and D get different seeds so that equal widths do not give them correlated weights.
        GanModels models = new GanModels(
                GeneratorFactory.create(config.architecture(), config.adam(), config.seed(), config.dataType()),
                DiscriminatorFactory.create(config.architecture(), config.adam(), config.seed() + 1, config.dataType()));
        INDArray fixedNoise = LatentNoise.sample(config.seed(), LatentNoise.FIXED_GRID, 0,
                config.gridSize(), config.architecture().latentSize()).castTo(config.dataType());
        return train(config, data, models, fixedNoise, TrainingProgress.START,
                "new run, dcgan4j " + ProgramVersion.current());
    }

    /**
     * Continues a run from its newest checkpoint that verifies.
     *
     * @param schedule the run-length and output options of this resume (may differ from the run's)
     */
    int resume(Checkpoint checkpoint, TrainingConfig asked, DigitDataset data) throws IOException {
        TrainingConfig schedule = withValidationSplit(asked);
        LOG.info("dcgan4j {}: resuming {} from {} (iteration {})", ProgramVersion.current(), layout.root(),
                checkpoint.folder().getFileName(), checkpoint.state().iteration());
        logChanges(checkpoint.state().config(), schedule);
        AtomicFiles.write(layout.config(), out -> JSON.writeValue(out, schedule));
        logEnvironment(data);
        return train(schedule, data, checkpoint.models(), checkpoint.fixedNoise(), checkpoint.state().progress(),
                "resumed from checkpoint " + checkpoint.folder().getFileName() + " at iteration "
                        + checkpoint.state().iteration() + " of " + schedule.iterations() + ", dcgan4j "
                        + ProgramVersion.current());
    }

    /**
     * The config with the size of the quick evaluation's validation split, once the run evaluates:
     * recorded in config.json so that a resume measures against the same images.
     */
    private TrainingConfig withValidationSplit(TrainingConfig config) {
        if (config.evalEvery() <= 0 || config.validationImages() > 0) {
            return config;
        }
        QualityData real = java.util.Objects.requireNonNull(quality, "--eval-every needs the quality data");
        return config.withValidationImages(ValidationSplit.sizeFor(real.train().size()));
    }

    private static void logChanges(TrainingConfig before, TrainingConfig after) {
        if (before.iterations() != after.iterations()) {
            LOG.info("resume: total iterations {} -> {}", before.iterations(), after.iterations());
        }
        if (before.sampleEvery() != after.sampleEvery()) {
            LOG.info("resume: sample every {} -> {}", before.sampleEvery(), after.sampleEvery());
        }
        if (before.checkpointEvery() != after.checkpointEvery()) {
            LOG.info("resume: checkpoint every {} -> {}", before.checkpointEvery(), after.checkpointEvery());
        }
        if (before.keepCheckpoints() != after.keepCheckpoints()) {
            LOG.info("resume: keep checkpoints {} -> {}", before.keepCheckpoints(), after.keepCheckpoints());
        }
        if (before.keepEvery() != after.keepEvery()) {
            LOG.info("resume: also keep every {} -> {}", before.keepEvery(), after.keepEvery());
        }
        if (before.evalEvery() != after.evalEvery()) {
            LOG.info("resume: evaluate every {} -> {}", before.evalEvery(), after.evalEvery());
        }
    }

    /** @param startNote how this process starts, for the TensorBoard notes */
    private int train(TrainingConfig config, DigitDataset data, GanModels models, INDArray fixedNoise,
                      TrainingProgress resumeAt, String startNote) throws IOException {
        logLayerHelpers(models);
        long began = System.nanoTime();
        TrainingProgress end = trainRecovering(config, data, models, fixedNoise, resumeAt, began, startNote);
        Duration took = Duration.ofNanos(System.nanoTime() - began);
        boolean completed = end.iteration() >= config.iterations();
        LOG.info(String.format(Locale.ROOT, "%s at iteration %d/%d after %d min %02d s, peak RSS %d MB; run folder %s",
                completed ? "finished" : "stopped", end.iteration(), config.iterations(),
                took.toMinutes(), took.toSecondsPart(), org.dcgan4j.memory.ProcessMemory.peakRssMb(), layout.root()));
        LOG.info("last sample grid: {}", SampleGridListener.fileFor(layout.samples(), end.iteration()));
        LOG.info("charts: {}", layout.charts());
        return 0;
    }

    /**
     * Runs the loop; on a NaN/Inf, rolls back once to the newest valid checkpoint with the
     * learning rate halved. A second divergence ends the run with the error.
     */
    private TrainingProgress trainRecovering(TrainingConfig config, DigitDataset data, GanModels models,
                                             INDArray fixedNoise, TrainingProgress from, long began,
                                             String startNote) throws IOException {
        try {
            return runLoop(config, data, models, fixedNoise, from, began, startNote);
        } catch (TrainingDivergedException first) {
            LOG.warn("{}", first.getMessage());
            Checkpoint good;
            try {
                good = new CheckpointStore(layout.checkpoints(), Integer.MAX_VALUE).loadNewestValid(LOG::warn);
            } catch (java.nio.file.NoSuchFileException none) {
                throw new TrainingDivergedException(first.iteration(), first.getMessage()
                        + " before the first checkpoint; nothing to roll back to (try a lower --lr)");
            }
            GanModels restored = good.models();
            double gLr = restored.generator().getLearningRate(0) / 2;
            double dLr = restored.discriminator().getLearningRate(0) / 2;
            restored.generator().setLearningRate(gLr);
            restored.discriminator().setLearningRate(dLr);
            LOG.warn("rolled back to {} (iteration {}) with the learning rate halved to G {} / D {}",
                    good.folder().getFileName(), good.state().iteration(), gLr, dLr);
            // config.json and every later checkpoint's state.json say which rate the run goes on with.
            TrainingConfig halved = config.withLearningRate(gLr);
            AtomicFiles.write(layout.config(), out -> JSON.writeValue(out, halved));
            try {
                String note = String.format(Locale.ROOT, "rolled back to checkpoint %s at iteration %d with the learning"
                        + " rate halved to G %s / D %s, after: %s", good.folder().getFileName(), good.state().iteration(),
                        gLr, dLr, first.getMessage());
                return runLoop(halved, data, restored, good.fixedNoise(), good.state().progress(), began, note);
            } catch (TrainingDivergedException again) {
                throw new TrainingDivergedException(again.iteration(), again.getMessage()
                        + " again after rolling back to iteration " + good.state().iteration()
                        + " with a halved learning rate; stopping (the last checkpoints hold no NaN)");
            }
        }
    }

    private TrainingProgress runLoop(TrainingConfig config, DigitDataset data, GanModels models, INDArray fixedNoise,
                                     TrainingProgress from, long began, String startNote) throws IOException {
        ShuffledBatchIterator batches = new ShuffledBatchIterator(data, config.batchSize(), config.seed());
        batches.seek(from.epoch(), from.batchInEpoch());
        AsyncDataSetIterator prefetched = new AsyncDataSetIterator(batches.endless(), PREFETCH_BATCHES);

        SaturationMonitor saturation = new SaturationMonitor(SATURATION_PATIENCE);
        MemoryGrowthMonitor memory = new MemoryGrowthMonitor();
        StatusFile status = new StatusFile(layout, List.of(saturation::health, memory::health),
                config.checkpointEvery(), STATUS_EVERY_SECONDS);
        CheckpointListener checkpoints = new CheckpointListener(new CheckpointStore(layout.checkpoints(),
                config.keepCheckpoints(), config.keepEvery()), config, fixedNoise);
        StagedListeners listeners = new StagedListeners();
        listeners.add(ListenerStage.MEMORY_GUARD, new NativeMemoryGuard());
        QualityListener quality = config.evalEvery() > 0 ? qualityListener(config, checkpoints) : null;
        if (quality != null) {
            listeners.add(ListenerStage.QUALITY, quality);
        }
        listeners.add(ListenerStage.METRICS, quality != null ? new MetricsCsvListener(layout.metrics(), quality)
                : new MetricsCsvListener(layout.metrics()));
        listeners.add(ListenerStage.HEALTH, saturation);
        listeners.add(ListenerStage.HEALTH, memory);
        listeners.add(ListenerStage.PROGRESS, new ProgressListener(System.console() != null, STATUS_EVERY_SECONDS));
        SampleGridListener grids = new SampleGridListener(layout.samples(),
                new FixedNoiseGrid(fixedNoise, config.architecture()), config.sampleEvery());
        listeners.add(ListenerStage.SAMPLES, grids);
        TensorBoardListener events = tensorBoard ? new TensorBoardListener(layout.tensorboard(), layout.config(),
                startNote, config.checkpointEvery(), quality != null ? quality::resultAt : iteration -> null,
                saturation::health) : null;
        if (events != null) {
            grids.observedBy(events);
            listeners.add(ListenerStage.EVENTS, events);
        }
        listeners.add(ListenerStage.CHECKPOINT, checkpoints);
        listeners.add(ListenerStage.HEAP, new HeapCollection(config.checkpointEvery()));
        listeners.add(ListenerStage.CHARTS, new ChartListener(layout.charts(), layout.metrics(), config.checkpointEvery()));
        listeners.add(ListenerStage.STATUS, status);
        extraListeners.forEach(extra -> listeners.add(ListenerStage.EXTRA, extra));
        TrainingLoop loop = new TrainingLoop(models, prefetched, batches.batchesPerEpoch(), config.seed(),
                config.architecture(), listeners);
        if (maxMinutes > 0) {
            long budgetNanos = Math.round(maxMinutes * 60e9) - (System.nanoTime() - began);
            loop.stopAfter(Duration.ofNanos(Math.max(0, budgetNanos)));
            LOG.info("wall-clock budget: stopping with a checkpoint after {} min", maxMinutes);
        }
        GracefulStop.install(loop);
        try {
            return loop.run(from, config.iterations());
        } catch (RuntimeException e) {
            status.failed(e.getMessage());
            throw e;
        } finally {
            prefetched.shutdown();
            if (events != null) {
                // A loop that threw (a divergence before its rollback) never called onFinish.
                events.close();
            }
        }
    }

    /** The quick evaluation, with the classifier (trained once per data set) and the best checkpoint. */
    private QualityListener qualityListener(TrainingConfig config, CheckpointListener checkpoints) throws IOException {
        QualityData real = java.util.Objects.requireNonNull(quality, "--eval-every needs the quality data");
        ClassifierCache.Cached classifier = ClassifierCache.getOrTrain(real.train(), real.heldOut(), real.location());
        // Chosen on training images; the test set (t10k) is left for `evaluate` to report on.
        DigitDataset validation = ValidationSplit.of(real.train(), config.validationImages(), config.seed());
        GeneratorEvaluator evaluator = new GeneratorEvaluator(classifier, real.train(), validation);
        LOG.info("quality: every {} iterations, {} images of G's moving average vs {} (the best checkpoint is "
                        + "chosen on them, in {}; the test set is only for evaluate)",
                config.evalEvery(), QualityListener.IMAGES, validation.source(), layout.best());
        return new QualityListener(evaluator, config.architecture(), config.seed(), config.evalEvery(), layout.stats(),
                new BestCheckpointFolder(layout.best(), checkpoints));
    }

    /** Which layer path the networks really take; a warning when helpers were asked for and did not load. */
    private static void logLayerHelpers(GanModels models) {
        boolean asked = LayerHelpers.enabled();
        String status = LayerHelpers.status(models.discriminator(), asked);
        if (asked && !LayerHelpers.inUse(models.discriminator())) {
            LOG.warn(status);
        } else {
            LOG.info(status);
        }
    }

    private void logEnvironment(DigitDataset data) {
        LOG.info("data: {}", data.summary());
        data.notes().forEach(note -> LOG.info("data: {}", note));
        EnvironmentReport.lines().forEach(LOG::info);
    }
}
