package org.dcgan4j.cli;

import org.dcgan4j.train.TrainingLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * SIGINT / SIGTERM: the first asks the loop to finish its iteration and write a checkpoint;
 * a second exits at once (the previous checkpoint still stands, being written atomically).
 */
final class GracefulStop {

    private static final Logger LOG = LoggerFactory.getLogger(GracefulStop.class);
    private static volatile boolean requested;

    private GracefulStop() {
    }

    static void install(TrainingLoop loop) {
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                Signal.handle(new Signal(name), signal -> {
                    if (requested) {
                        LOG.warn("second SIG{}: exiting now; the last complete checkpoint stands", name);
                        Runtime.getRuntime().halt(128 + signal.getNumber());
                    }
                    requested = true;
                    LOG.warn("SIG{}: stopping after this iteration and writing a checkpoint "
                            + "(send it again to exit at once)", name);
                    loop.requestStop();
                });
            } catch (IllegalArgumentException unsupported) {
                // Signal not available on this platform: the default handling stays.
            }
        }
    }
}
