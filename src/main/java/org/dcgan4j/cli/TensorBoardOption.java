package org.dcgan4j.cli;

import picocli.CommandLine.Option;

/**
 * {@code --no-tensorboard} on train and resume. It holds for the one process: a resume without
 * it writes events again (from its own iteration on).
 */
final class TensorBoardOption {

    /** Write no TensorBoard event files (RUN/tensorboard/). Default: they are written. */
    @Option(names = "--no-tensorboard",
            description = "Write no TensorBoard event files to RUN/tensorboard/ (default: written; see scripts/tensorboard.sh).")
    boolean off;

    boolean on() {
        return !off;
    }
}
