package org.dcgan4j.checkpoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.dcgan4j.memory.ProcessMemory;
import org.dcgan4j.train.GanModels;
import org.dcgan4j.train.PeriodicListener;
import org.dcgan4j.train.TrainingConfig;
import org.dcgan4j.train.TrainingProgress;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Saves a checkpoint every {@code checkpointEvery} iterations and when the loop ends, whether
 * it completed or was stopped.
 */
public final class CheckpointListener extends PeriodicListener {

    private static final Logger LOG = LoggerFactory.getLogger(CheckpointListener.class);

    private final CheckpointStore store;
    private final TrainingConfig config;
    private final INDArray fixedNoise;

    public CheckpointListener(CheckpointStore store, TrainingConfig config, INDArray fixedNoise) {
        super(config.checkpointEvery());
        this.store = store;
        this.config = config;
        this.fixedNoise = fixedNoise;
    }

    @Override
    protected void act(GanModels models, TrainingProgress p) {
        Path folder = saveTo(store, models, p, null);
        LOG.info("checkpoint {}; memory: {}", folder, ProcessMemory.now().describe());
    }

    /**
     * Writes a checkpoint of the run's current state into {@code target} (this listener's own
     * store, or another such as the run's best checkpoint).
     *
     * @param metrics quality numbers to record with it, or null
     */
    public Path saveTo(CheckpointStore target, GanModels models, TrainingProgress p, Map<String, Double> metrics) {
        CheckpointState state = new CheckpointState(ProgramVersion.current(), p, config, Instant.now().toString(), metrics);
        try {
            return target.save(models, state, fixedNoise);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint in " + target.folder() + ": "
                    + e.getMessage() + " (earlier checkpoints are intact)", e);
        }
    }
}
