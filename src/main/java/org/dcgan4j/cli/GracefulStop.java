package org.dcgan4j.cli;

import org.dcgan4j.train.TrainingLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * SIGINT / SIGTERM: the first asks the loop to finish its iteration and write a checkpoint;
 * a second exits at once (the previous checkpoint still stands, being written atomically).
 *
 * <p>A sweep task ({@link #treatQuickRepeatsAsOne()}) takes a second signal within
 * {@link #REPEAT_WINDOW_NANOS} of the first as the same request: Slurm signals every process of a
 * job that it stops (the JVM directly, and the batch script, which forwards the signal), and a
 * terminal's Ctrl-C reaches a local sweep's tasks beside the runner's own SIGTERM. There the hard
 * stop is Slurm's SIGKILL after KillWait, or a signal sent later.
 */
final class GracefulStop {

    private static final Logger LOG = LoggerFactory.getLogger(GracefulStop.class);
    private static volatile boolean requested;
    private static volatile long requestedAt;
    private static volatile boolean quickRepeatsAreOne;

    static final long REPEAT_WINDOW_NANOS = 5_000_000_000L;

    private GracefulStop() {
    }

    /** For sweep tasks: a repeat of the stop signal within 5 s does not end the process at once. */
    static void treatQuickRepeatsAsOne() {
        quickRepeatsAreOne = true;
    }

    static void install(TrainingLoop loop) {
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                Signal.handle(new Signal(name), signal -> {
                    if (requested && quickRepeatsAreOne && System.nanoTime() - requestedAt < REPEAT_WINDOW_NANOS) {
                        LOG.info("SIG{} again within 5 s: taken as the same stop request", name);
                        return;
                    }
                    if (requested) {
                        LOG.warn("second SIG{}: exiting now; the last complete checkpoint stands", name);
                        Runtime.getRuntime().halt(128 + signal.getNumber());
                    }
                    requestedAt = System.nanoTime();
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
