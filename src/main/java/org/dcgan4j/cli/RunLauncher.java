package org.dcgan4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dcgan4j.checkpoint.Checkpoint;
import org.dcgan4j.checkpoint.CheckpointStore;
import org.dcgan4j.checkpoint.ProgramVersion;
import org.dcgan4j.data.DigitDataset;
import org.dcgan4j.data.ValidationSplit;
import org.dcgan4j.files.AtomicFiles;
import org.dcgan4j.model.DiscriminatorFactory;
import org.dcgan4j.model.GeneratorFactory;
import org.dcgan4j.model.LayerHelpers;
import org.dcgan4j.sample.SampleGridListener;
import org.dcgan4j.train.GanModels;
import org.dcgan4j.train.LatentNoise;
import org.dcgan4j.train.TimeBudget;
import org.dcgan4j.train.TrainingConfig;
import org.dcgan4j.train.TrainingListener;
import org.dcgan4j.train.TrainingProgress;
import org.dcgan4j.train.TrainingRun;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts or resumes the training of one run folder: writes its config, creates or loads the
 * models, hands them with the folder's listeners and checkpoints to a {@link TrainingRun}, and
 * reports how it ended.
 */
final class RunLauncher {

    private static final Logger LOG = LoggerFactory.getLogger(RunLauncher.class);
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

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
        writeConfig(config);
        logEnvironment(data);
        LOG.info(config.architecture().conditional()
                ? "GAN: class-conditional on " + config.architecture().classes()
                        + " classes, G and D see the label (--no-conditional for an unconditional GAN)"
                : "GAN: unconditional");
        // G and D get different seeds so that equal widths do not give them correlated weights.
        GanModels models = new GanModels(
                GeneratorFactory.create(config.architecture(), config.generatorAdam(), config.seed(), config.dataType()),
                DiscriminatorFactory.create(config.architecture(), config.discriminatorAdam(), config.seed() + 1,
                        config.dataType(), config.recipe().spectralNorm(), config.recipe().minibatchStdGroup()));
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
        writeConfig(schedule);
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
        // The rollback only reads the checkpoints: a store that keeps them all never prunes one.
        TrainingRun run = new TrainingRun(data, new RunListeners(layout, quality, tensorBoard, extraListeners),
                new CheckpointStore(layout.checkpoints(), Integer.MAX_VALUE), this::writeConfig,
                TimeBudget.minutes(maxMinutes), GracefulStop::install);
        TrainingProgress end = run.run(config, models, fixedNoise, resumeAt, startNote);
        Duration took = Duration.ofNanos(System.nanoTime() - began);
        boolean completed = end.iteration() >= config.iterations();
        LOG.info(String.format(Locale.ROOT, "%s at iteration %d/%d after %d min %02d s, peak RSS %d MB; run folder %s",
                completed ? "finished" : "stopped", end.iteration(), config.iterations(),
                took.toMinutes(), took.toSecondsPart(), org.dcgan4j.memory.ProcessMemory.peakRssMb(), layout.root()));
        LOG.info("last sample grid: {}", SampleGridListener.fileFor(layout.samples(), end.iteration()));
        LOG.info("charts: {}", layout.charts());
        return 0;
    }

    private void writeConfig(TrainingConfig config) throws IOException {
        AtomicFiles.write(layout.config(), out -> JSON.writeValue(out, config));
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
