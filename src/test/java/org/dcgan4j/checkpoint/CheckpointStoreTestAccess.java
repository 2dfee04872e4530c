package org.dcgan4j.checkpoint;

import java.io.IOException;

/** Lets tests in other packages write a doctored checkpoint through the real store. */
public final class CheckpointStoreTestAccess {

    private CheckpointStoreTestAccess() {
    }

    /** Saves {@code c}'s models and state again as the checkpoint of {@code iteration}. */
    public static void resave(CheckpointStore store, Checkpoint c, long iteration) throws IOException {
        CheckpointState s = c.state();
        store.save(c.models(), new CheckpointState(s.format(), s.programVersion(), iteration, s.epoch(),
                s.batchInEpoch(), s.config(), s.createdAt(), s.metrics(), s.augmentationProbability()), c.fixedNoise());
    }
}
