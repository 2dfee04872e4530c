package org.dcgan4j.fault;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Named places where a test can make a fault happen at a chosen iteration, so that crash and
 * recovery tests exercise what they name instead of whatever a timer hits.
 *
 * <p>Switched on only by the system property {@value #PROPERTY}{@code =POINT@ITERATION} (read
 * once, here), for one point. A crash point writes {@code POINT@ITERATION} to the file named by
 * {@value #MARKER_PROPERTY} (proof that it got there) and halts at once: no shutdown hook, no
 * finally block, no flush, as with SIGKILL. {@link #NON_FINITE_LOSS} instead makes the loop see a
 * NaN loss, once; {@link #CHECKPOINT_STALLED} writes the marker and never returns. Without the
 * property every call is one comparison.
 */
public enum FaultPoint {

    /** Crash in a training step, after D's update and before G's. */
    MID_ITERATION,
    /** Crash in a checkpoint write, after the networks' files and before the rest and the rename. */
    CHECKPOINT_FILES_WRITTEN,
    /** Crash after a checkpoint folder is renamed into place, before {@code latest} points at it. */
    CHECKPOINT_RENAMED,
    /** The loss of that iteration reads as NaN, the first time the iteration is trained. */
    NON_FINITE_LOSS,
    /**
     * A checkpoint write hangs after the networks' files (as on a stalled network file system):
     * where a first SIGINT/SIGTERM cannot finish and only a second one ends the process.
     */
    CHECKPOINT_STALLED,
    /**
     * A checkpoint write fails as on a full disk (an {@code IOException}, "No space left on
     * device"), after the networks' files, once.
     */
    CHECKPOINT_DISK_FULL;

    public static final String PROPERTY = "dcgan4j.faultAt";
    public static final String MARKER_PROPERTY = "dcgan4j.faultMarker";
    /** The exit code of a crash here: as a process killed by SIGKILL reports it. */
    public static final int EXIT_CODE = 137;

    private static final String ARMED = System.getProperty(PROPERTY);
    private static final AtomicBoolean FIRED = new AtomicBoolean();

    /** The spelling in {@value #PROPERTY}: mid-iteration, checkpoint-files-written, ... */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private boolean armedFor(long iteration) {
        return ARMED != null && ARMED.equals(label() + "@" + iteration);
    }

    /** A crash point: halts the process if armed for {@code iteration}; returns otherwise. */
    public void reached(long iteration) {
        if (!armedFor(iteration)) {
            return;
        }
        writeMarker();
        Runtime.getRuntime().halt(EXIT_CODE);
    }

    private static void writeMarker() {
        String marker = System.getProperty(MARKER_PROPERTY);
        if (marker != null) {
            try {
                Files.writeString(Path.of(marker), ARMED, StandardCharsets.UTF_8);
            } catch (IOException e) {
                // The test then sees no marker and fails, which is the truth.
            }
        }
    }

    /** A hang point: if armed for {@code iteration}, writes the marker and blocks this thread for good. */
    public void stallsAt(long iteration) {
        if (!armedFor(iteration)) {
            return;
        }
        writeMarker();
        while (true) {
            java.util.concurrent.locks.LockSupport.park(this);
        }
    }

    /** An injected fault: true the first time this point is reached at the armed iteration. */
    public boolean firesOnce(long iteration) {
        return armedFor(iteration) && FIRED.compareAndSet(false, true);
    }
}
