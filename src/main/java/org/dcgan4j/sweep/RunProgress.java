package org.dcgan4j.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Where one run of a sweep stands, from its {@code status.json} (which the trainer rewrites every
 * 10 s and at every checkpoint): pending before it started, then what the run wrote (running,
 * stopped, finished, failed). A run that says running but has not written for
 * {@link #STALE} is reported as interrupted: its process is gone (it may have run on another node,
 * so its pid says nothing here).
 *
 * @param state          pending, running, stopped, finished, failed or interrupted
 * @param iteration      iterations done (0 when pending)
 * @param totalIterations the run's total (0 when not known yet)
 * @param lossD          the last written losses (NaN when unknown)
 */
public record RunProgress(String state, long iteration, long totalIterations, double lossD, double lossG) {

    public static final String PENDING = "pending";
    public static final String FINISHED = "finished";
    static final Duration STALE = Duration.ofSeconds(60);

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Whether the run reached its last iteration. */
    public boolean finished() {
        return FINISHED.equals(state) && iteration >= totalIterations;
    }

    /** Reads {@code RUN/status.json}; a missing file means the run has not started. */
    public static RunProgress of(Path runFolder) {
        Path status = runFolder.resolve("status.json");
        if (!Files.isRegularFile(status)) {
            return new RunProgress(PENDING, 0, 0, Double.NaN, Double.NaN);
        }
        JsonNode s;
        try {
            s = JSON.readTree(status.toFile());
        } catch (IOException e) {
            return new RunProgress("unreadable status.json", 0, 0, Double.NaN, Double.NaN);
        }
        String state = s.path("state").asText("unknown");
        if (state.equals("running") && stale(s.path("updatedAt").asText(""))) {
            state = "interrupted";
        }
        return new RunProgress(state, s.path("iteration").asLong(0), s.path("totalIterations").asLong(0),
                number(s.path("lossD")), number(s.path("lossG")));
    }

    private static boolean stale(String updatedAt) {
        try {
            return Duration.between(Instant.parse(updatedAt), Instant.now()).compareTo(STALE) > 0;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static double number(JsonNode n) {
        return n.isNumber() ? n.asDouble() : Double.NaN;
    }
}
