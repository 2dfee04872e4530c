package org.dcgan4j.checkpoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import org.dcgan4j.train.GanModels;
import org.dcgan4j.train.IterationReport;
import org.dcgan4j.train.TrainingConfig;
import org.dcgan4j.train.TrainingListener;
import org.dcgan4j.train.TrainingProgress;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Saves a checkpoint every {@code checkpointEvery} iterations and when the loop ends, whether
 * it completed or was stopped.
 */
public final class CheckpointListener implements TrainingListener {

    private static final Logger LOG = LoggerFactory.getLogger(CheckpointListener.class);

    private final CheckpointStore store;
    private final TrainingConfig config;
    private final INDArray fixedNoise;
    private long lastSaved = -1;

    public CheckpointListener(CheckpointStore store, TrainingConfig config, INDArray fixedNoise) {
        this.store = store;
        this.config = config;
        this.fixedNoise = fixedNoise;
    }

    @Override
    public void onIteration(GanModels models, IterationReport report) {
        if (report.progress().iteration() % config.checkpointEvery() == 0) {
            save(models, report.progress());
        }
    }

    @Override
    public void onFinish(GanModels models, TrainingProgress progress, boolean completed) {
        if (progress.iteration() > 0 && progress.iteration() != lastSaved) {
            save(models, progress);
        }
    }

    /** Iteration of the newest checkpoint this listener wrote, or -1. */
    public long lastSaved() {
        return lastSaved;
    }

    private void save(GanModels models, TrainingProgress p) {
        CheckpointState state = new CheckpointState(CheckpointState.FORMAT, ProgramVersion.current(),
                p.iteration(), p.epoch(), p.batchInEpoch(), config, Instant.now().toString());
        try {
            var folder = store.save(models, state, fixedNoise);
            lastSaved = p.iteration();
            LOG.info("checkpoint {}", folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint in " + store.folder() + ": "
                    + e.getMessage() + " (earlier checkpoints are intact)", e);
        }
    }
}
