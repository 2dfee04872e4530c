package org.dcgan4j.checkpoint;

import java.nio.file.Path;

/** A checkpoint folder that is incomplete or whose files do not match their manifest. */
public final class CorruptCheckpointException extends Exception {

    public CorruptCheckpointException(Path checkpoint, String problem) {
        super(checkpoint + ": " + problem);
    }
}
