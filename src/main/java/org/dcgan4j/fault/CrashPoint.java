package org.dcgan4j.fault;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Named places where a test can make the process die as {@code kill -9} would, at a chosen
 * iteration, so that crash tests crash where they say instead of wherever a timer lands.
 *
 * <p>Switched on only by the system property {@value #PROPERTY}{@code =POINT@ITERATION} (read
 * once, here). At that point and iteration the process writes {@code POINT@ITERATION} to the file
 * named by {@value #MARKER_PROPERTY} (proof that it got there) and halts at once: no shutdown hook,
 * no finally block, no flush, like a SIGKILL. Without the property every call is one comparison.
 */
public enum CrashPoint {

    /** In a training step, after D's update and before G's. */
    MID_ITERATION,
    /** In a checkpoint write, after the networks' files and before the rest and the rename. */
    CHECKPOINT_FILES_WRITTEN,
    /** After a checkpoint folder is renamed into place, before {@code latest} points at it. */
    CHECKPOINT_RENAMED;

    public static final String PROPERTY = "dcgan4j.crashAt";
    public static final String MARKER_PROPERTY = "dcgan4j.crashMarker";
    /** The exit code of a halt here: as a process killed by SIGKILL reports it. */
    public static final int EXIT_CODE = 137;

    private static final String ARMED = System.getProperty(PROPERTY);

    /** The spelling in {@value #PROPERTY}: mid-iteration, checkpoint-files-written, checkpoint-renamed. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Halts the process if this point is armed for {@code iteration}; returns otherwise. */
    public void reached(long iteration) {
        if (ARMED == null || !ARMED.equals(label() + "@" + iteration)) {
            return;
        }
        String marker = System.getProperty(MARKER_PROPERTY);
        if (marker != null) {
            try {
                Files.writeString(Path.of(marker), ARMED, StandardCharsets.UTF_8);
            } catch (IOException e) {
                // The test then sees no marker and fails, which is the truth.
            }
        }
        Runtime.getRuntime().halt(EXIT_CODE);
    }
}
