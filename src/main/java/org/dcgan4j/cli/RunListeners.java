package org.dcgan4j.cli;

import java.io.IOException;
import java.util.List;
import java.util.Objects;
import org.dcgan4j.checkpoint.CheckpointListener;
import org.dcgan4j.checkpoint.CheckpointStore;
import org.dcgan4j.data.DigitDataset;
import org.dcgan4j.data.ValidationSplit;
import org.dcgan4j.eval.BestCheckpointFolder;
import org.dcgan4j.eval.ClassifierCache;
import org.dcgan4j.eval.GeneratorEvaluator;
import org.dcgan4j.eval.QualityListener;
import org.dcgan4j.plot.ChartListener;
import org.dcgan4j.sample.FixedNoiseGrid;
import org.dcgan4j.sample.SampleGridListener;
import org.dcgan4j.tensorboard.TensorBoardListener;
import org.dcgan4j.train.HeapCollection;
import org.dcgan4j.train.ListenerStage;
import org.dcgan4j.train.MemoryGrowthMonitor;
import org.dcgan4j.train.MetricsCsvListener;
import org.dcgan4j.train.NativeMemoryGuard;
import org.dcgan4j.train.ProgressListener;
import org.dcgan4j.train.RunListenerFactory;
import org.dcgan4j.train.SaturationMonitor;
import org.dcgan4j.train.StagedListeners;
import org.dcgan4j.train.TrainingConfig;
import org.dcgan4j.train.TrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listeners of a run folder's training loop, built for each loop attempt: metrics, health
 * monitors, progress, sample grids, TensorBoard events, checkpoints, charts, status.json and,
 * when the run evaluates, the quick quality evaluation with the best checkpoint.
 */
final class RunListeners implements RunListenerFactory {

    private static final Logger LOG = LoggerFactory.getLogger(RunListeners.class);
    /** Consecutive saturated iterations before the health flag goes up. */
    private static final int SATURATION_PATIENCE = 200;
    /** Seconds between status.json rewrites (and console lines when not on a terminal). */
    private static final int STATUS_EVERY_SECONDS = 10;

    private final RunLayout layout;
    private final QualityData quality;
    private final boolean tensorBoard;
    private final List<TrainingListener> extra;

    /**
     * @param quality     the real images of the quick evaluation; null when the run has none
     * @param tensorBoard whether to write TensorBoard event files
     * @param extra       listeners that run after the run's own (the soak's memory report)
     */
    RunListeners(RunLayout layout, QualityData quality, boolean tensorBoard, List<TrainingListener> extra) {
        this.layout = layout;
        this.quality = quality;
        this.tensorBoard = tensorBoard;
        this.extra = List.copyOf(extra);
    }

    @Override
    public StagedListeners build(TrainingConfig config, INDArray fixedNoise, String startNote) throws IOException {
        SaturationMonitor saturation = new SaturationMonitor(SATURATION_PATIENCE);
        MemoryGrowthMonitor memory = new MemoryGrowthMonitor();
        StatusFile status = new StatusFile(layout, List.of(saturation::health, memory::health),
                config.checkpointEvery(), STATUS_EVERY_SECONDS);
        CheckpointListener checkpoints = new CheckpointListener(new CheckpointStore(layout.checkpoints(),
                config.keepCheckpoints(), config.keepEvery()), config, fixedNoise);
        StagedListeners listeners = new StagedListeners();
        listeners.add(ListenerStage.MEMORY_GUARD, new NativeMemoryGuard());
        QualityListener evaluation = config.evalEvery() > 0 ? qualityListener(config, checkpoints) : null;
        if (evaluation != null) {
            listeners.add(ListenerStage.QUALITY, evaluation);
        }
        listeners.add(ListenerStage.METRICS, evaluation != null ? new MetricsCsvListener(layout.metrics(), evaluation)
                : new MetricsCsvListener(layout.metrics()));
        listeners.add(ListenerStage.HEALTH, saturation);
        listeners.add(ListenerStage.HEALTH, memory);
        listeners.add(ListenerStage.PROGRESS, new ProgressListener(System.console() != null, STATUS_EVERY_SECONDS));
        SampleGridListener grids = new SampleGridListener(layout.samples(),
                new FixedNoiseGrid(fixedNoise, config.architecture()), config.sampleEvery());
        listeners.add(ListenerStage.SAMPLES, grids);
        if (tensorBoard) {
            TensorBoardListener events = new TensorBoardListener(layout.tensorboard(), layout.config(), startNote,
                    config.checkpointEvery(), evaluation != null ? evaluation::resultAt : iteration -> null,
                    saturation::health);
            grids.observedBy(events);
            listeners.add(ListenerStage.EVENTS, events);
        }
        listeners.add(ListenerStage.CHECKPOINT, checkpoints);
        listeners.add(ListenerStage.HEAP, new HeapCollection(config.checkpointEvery()));
        listeners.add(ListenerStage.CHARTS,
                new ChartListener(layout.charts(), layout.metrics(), config.checkpointEvery()));
        listeners.add(ListenerStage.STATUS, status);
        extra.forEach(listener -> listeners.add(ListenerStage.EXTRA, listener));
        return listeners;
    }

    /** The quick evaluation, with the classifier (trained once per data set) and the best checkpoint. */
    private QualityListener qualityListener(TrainingConfig config, CheckpointListener checkpoints) throws IOException {
        QualityData real = Objects.requireNonNull(quality, "--eval-every needs the quality data");
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
}
