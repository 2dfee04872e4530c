package org.dcgan4j.train;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Frees a training step's dead arrays at once instead of whenever the JVM collects them. */
final class StepArrays {

    private StepArrays() {
    }

    /**
     * Releases the off-heap memory of every array that owns its buffer (views and workspace
     * arrays are skipped; null entries allowed) and empties the list. The arrays must not be
     * read again.
     */
    static void free(List<INDArray> arrays) {
        for (INDArray a : arrays) {
            if (a != null && a.closeable()) {
                a.close();
            }
        }
        arrays.clear();
    }
}
