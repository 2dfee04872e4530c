package org.dcgan4j.train;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * A text file of rows keyed by iteration that a run appends to ({@code metrics.csv},
 * {@code stats.jsonl}). On resume, rows past the checkpoint's iteration (written after it, then
 * lost with the process) are dropped first, so the file never holds an iteration twice.
 */
public final class IterationRows {

    private IterationRows() {
    }

    /**
     * Keeps the rows whose iteration is at most {@code iteration}; a row whose iteration cannot
     * be read (a torn last line of a killed process) is dropped.
     *
     * @param rowIteration the iteration of a row, or {@link Long#MAX_VALUE} when unreadable
     * @param header       the file's first line (replacing an older header), or null for none
     */
    public static void keepRowsUpTo(Path file, long iteration, ToLongFunction<String> rowIteration, String header)
            throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<String> kept = new ArrayList<>();
        if (header != null) {
            kept.add(header);
        }
        for (String line : lines) {
            if (!line.isBlank() && !line.equals(header) && rowIteration.applyAsLong(line) <= iteration) {
                kept.add(line);
            }
        }
        if (!kept.equals(lines)) {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(tmp, kept, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
    }
}
