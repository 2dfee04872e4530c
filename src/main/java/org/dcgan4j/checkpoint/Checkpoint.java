package org.dcgan4j.checkpoint;

import java.nio.file.Path;
import org.dcgan4j.train.GanModels;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A loaded checkpoint.
 *
 * @param folder     where it was read from
 * @param state      counters and config
 * @param models     G and D with their Adam state
 * @param fixedNoise [gridSize, latentSize] noise behind the run's sample grids
 */
public record Checkpoint(Path folder, CheckpointState state, GanModels models, INDArray fixedNoise) {
}
