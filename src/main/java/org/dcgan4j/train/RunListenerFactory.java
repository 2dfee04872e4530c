package org.dcgan4j.train;

import java.io.IOException;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Builds the listeners of one loop attempt. A rollback builds them afresh: the new ones carry
 * the halved learning rate in the config they record, and start from the checkpoint's state.
 */
public interface RunListenerFactory {

    /**
     * @param config     the config this attempt trains with
     * @param fixedNoise the noise behind the run's sample grids
     * @param startNote  how this attempt starts (new run, resume, rollback), for the run's notes
     */
    StagedListeners build(TrainingConfig config, INDArray fixedNoise, String startNote) throws IOException;
}
