package org.dcgan4j.train;

import java.io.IOException;
import java.util.Optional;
import java.util.function.Consumer;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Where a run that diverged finds the state to roll back to: its newest checkpoint that verifies. */
public interface RollbackSource {

    /**
     * A state to go on from.
     *
     * @param name       the checkpoint's name (its folder), for the log and the run's notes
     * @param models     G and D with their Adam state
     * @param progress   where the checkpoint stands
     * @param fixedNoise the noise behind the run's sample grids
     */
    record Point(String name, GanModels models, TrainingProgress progress, INDArray fixedNoise) {
    }

    /**
     * The newest state that verifies, or empty when there is none.
     *
     * @param skipped told, in one line each, about newer states passed over as damaged
     */
    Optional<Point> newestValid(Consumer<String> skipped) throws IOException;
}
