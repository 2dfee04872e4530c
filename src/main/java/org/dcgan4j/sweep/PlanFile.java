package org.dcgan4j.sweep;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dcgan4j.files.AtomicFiles;

/** Reads and writes {@code plan.json}; the write is atomic (a crash leaves the old file or the new one). */
public final class PlanFile {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private PlanFile() {
    }

    public static void write(Path file, SweepPlan plan) throws IOException {
        AtomicFiles.write(file, out -> JSON.writeValue(out, plan));
    }

    /**
     * @throws IOException naming the file when it is missing or does not hold a plan
     */
    public static SweepPlan read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new java.nio.file.NoSuchFileException(file.toString(), null, "no plan.json: not a sweep folder");
        }
        SweepPlan plan;
        try {
            plan = JSON.readValue(file.toFile(), SweepPlan.class);
        } catch (IOException e) {
            throw new IOException(file + ": not a readable sweep plan (" + e.getMessage().lines().findFirst().orElse("") + ")", e);
        }
        if (plan.format() != SweepPlan.FORMAT) {
            throw new IOException(file + ": plan format " + plan.format() + " is not " + SweepPlan.FORMAT);
        }
        return plan;
    }
}
