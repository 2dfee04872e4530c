package org.dcgan4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dcgan4j.checkpoint.AtomicFiles;
import org.dcgan4j.checkpoint.Checkpoint;
import org.dcgan4j.checkpoint.CheckpointListener;
import org.dcgan4j.checkpoint.CheckpointStore;
import org.dcgan4j.checkpoint.ProgramVersion;
import org.dcgan4j.data.DigitDataset;
import org.dcgan4j.data.ShuffledBatchIterator;
import org.dcgan4j.model.DiscriminatorFactory;
import org.dcgan4j.model.GeneratorFactory;
import org.dcgan4j.sample.FixedNoiseGrid;
import org.dcgan4j.sample.SampleGridListener;
import org.dcgan4j.train.GanModels;
import org.dcgan4j.train.LatentNoise;
import org.dcgan4j.train.MetricsCsvListener;
import org.dcgan4j.train.ProgressListener;
import org.dcgan4j.train.TrainingConfig;
import org.dcgan4j.train.TrainingListener;
import org.dcgan4j.train.TrainingLoop;
import org.dcgan4j.train.TrainingProgress;
import org.deeplearning4j.datasets.iterator.AsyncDataSetIterator;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wires data, models, listeners and checkpoints into a training loop for one run folder. */
final class RunLauncher {

    private static final Logger LOG = LoggerFactory.getLogger(RunLauncher.class);
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** Batches prepared ahead of the trainer by the prefetch thread. */
    private static final int PREFETCH_BATCHES = 4;

    private final RunLayout layout;

    RunLauncher(RunLayout layout) {
        this.layout = layout;
    }

    /** Starts a new run: writes config.json, then trains from iteration 0. */
    int start(TrainingConfig config, DigitDataset data) throws IOException {
        RunLog.attach(layout.log());
        LOG.info("dcgan4j {}: new run in {}", ProgramVersion.current(), layout.root());
        AtomicFiles.write(layout.config(), out -> JSON.writeValue(out, config));
        logEnvironment(data);
        // G and D get different seeds so that equal widths do not give them correlated weights.
        GanModels models = new GanModels(
                GeneratorFactory.create(config.architecture(), config.adam(), config.seed()),
                DiscriminatorFactory.create(config.architecture(), config.adam(), config.seed() + 1));
        INDArray fixedNoise = LatentNoise.sample(config.seed(), LatentNoise.FIXED_GRID, 0,
                config.gridSize(), config.architecture().latentSize());
        return train(config, data, models, fixedNoise, TrainingProgress.START);
    }

    /**
     * Continues a run from its newest checkpoint that verifies.
     *
     * @param schedule the run-length and output options of this resume (may differ from the run's)
     */
    int resume(Checkpoint checkpoint, TrainingConfig schedule, DigitDataset data) throws IOException {
        LOG.info("dcgan4j {}: resuming {} from {} (iteration {})", ProgramVersion.current(), layout.root(),
                checkpoint.folder().getFileName(), checkpoint.state().iteration());
        logChanges(checkpoint.state().config(), schedule);
        AtomicFiles.write(layout.config(), out -> JSON.writeValue(out, schedule));
        logEnvironment(data);
        return train(schedule, data, checkpoint.models(), checkpoint.fixedNoise(), checkpoint.state().progress());
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
    }

    private int train(TrainingConfig config, DigitDataset data, GanModels models, INDArray fixedNoise,
                      TrainingProgress resumeAt) throws IOException {
        ShuffledBatchIterator batches = new ShuffledBatchIterator(data, config.batchSize(), config.seed());
        batches.seek(resumeAt.epoch(), resumeAt.batchInEpoch());
        AsyncDataSetIterator prefetched = new AsyncDataSetIterator(batches.endless(), PREFETCH_BATCHES);

        List<TrainingListener> listeners = new ArrayList<>();
        listeners.add(new MetricsCsvListener(layout.metrics()));
        listeners.add(new ProgressListener(System.console() != null, 10));
        listeners.add(new SampleGridListener(layout.samples(), new FixedNoiseGrid(fixedNoise), config.sampleEvery()));
        listeners.add(new CheckpointListener(new CheckpointStore(layout.checkpoints(), config.keepCheckpoints()),
                config, fixedNoise));
        TrainingLoop loop = new TrainingLoop(models, prefetched, batches.batchesPerEpoch(), config.seed(),
                config.architecture().latentSize(), listeners);

        GracefulStop.install(loop);
        long began = System.nanoTime();
        TrainingProgress end;
        try {
            end = loop.run(resumeAt, config.iterations());
        } finally {
            prefetched.shutdown();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - began);
        boolean completed = end.iteration() >= config.iterations();
        LOG.info(String.format(Locale.ROOT, "%s at iteration %d/%d after %d min %02d s; run folder %s",
                completed ? "finished" : "stopped", end.iteration(), config.iterations(),
                took.toMinutes(), took.toSecondsPart(), layout.root()));
        LOG.info("last sample grid: {}", SampleGridListener.fileFor(layout.samples(), end.iteration()));
        return 0;
    }

    private void logEnvironment(DigitDataset data) {
        LOG.info("data: {}", data.summary());
        data.notes().forEach(note -> LOG.info("data: {}", note));
        LOG.info("backend: {}, {} cores, data type {}, java {}",
                Nd4j.getBackend().getClass().getSimpleName(), Runtime.getRuntime().availableProcessors(),
                Nd4j.dataType(), System.getProperty("java.version"));
    }
}
