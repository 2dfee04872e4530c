package org.dcgan4j.eval;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.dcgan4j.checkpoint.CheckpointListener;
import org.dcgan4j.checkpoint.CheckpointStore;
import org.dcgan4j.checkpoint.CorruptCheckpointException;
import org.dcgan4j.train.GanModels;
import org.dcgan4j.train.TrainingProgress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run's best checkpoint, kept in its own folder ({@code RUN/best/}, one checkpoint): a new
 * one replaces it when its quick evaluation has a lower Fréchet distance than the one recorded
 * there. The distance to beat is read from the folder's checkpoint on first use, so a resumed
 * run or a rollback goes on comparing against what an earlier process saved; a best checkpoint
 * that cannot be read counts as infinitely bad and the next evaluation replaces it.
 */
public final class BestCheckpointFolder implements QualityListener.BestCheckpoint {

    private static final Logger LOG = LoggerFactory.getLogger(BestCheckpointFolder.class);
    /** The metric that picks the best checkpoint, as {@link QualityListener} records it. */
    static final String DISTANCE = "fd";

    private final CheckpointStore store;
    private final CheckpointListener writer;
    private Double bestDistance;

    /**
     * @param folder where the best checkpoint goes
     * @param writer the run's checkpoint writer: it knows the config and fixed noise to save with
     */
    public BestCheckpointFolder(Path folder, CheckpointListener writer) {
        this.store = new CheckpointStore(folder, 1);
        this.writer = writer;
    }

    @Override
    public boolean isBeatenBy(double frechetDistance) {
        return frechetDistance < bestDistance();
    }

    @Override
    public void save(GanModels models, TrainingProgress progress, Map<String, Double> metrics) {
        Path saved = writer.saveTo(store, models, progress, metrics);
        bestDistance = metrics.get(DISTANCE);
        LOG.info(String.format(Locale.ROOT, "best checkpoint %s (FD %.2f)", saved, metrics.get(DISTANCE)));
    }

    private double bestDistance() {
        if (bestDistance == null) {
            bestDistance = recordedDistance();
        }
        return bestDistance;
    }

    /** The distance recorded with the folder's newest checkpoint that has one, or +infinity. */
    private double recordedDistance() {
        try {
            for (Path p : store.list()) {
                Map<String, Double> m = CheckpointStore.readState(p).metrics();
                if (m != null && m.get(DISTANCE) != null) {
                    return m.get(DISTANCE);
                }
            }
        } catch (IOException | CorruptCheckpointException e) {
            LOG.warn("previous best checkpoint unreadable ({}); the next evaluation replaces it", e.getMessage());
        }
        return Double.POSITIVE_INFINITY;
    }
}
