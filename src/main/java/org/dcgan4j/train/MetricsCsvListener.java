package org.dcgan4j.train;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Appends one row per iteration to {@code metrics.csv}:
 * iteration, epoch, loss D, loss G, mean D(x), mean D(G(z)), images/s.
 *
 * <p>On a resumed run, rows past the checkpoint's iteration (written after it, then lost with
 * the process) are dropped first, so the file never holds an iteration twice.
 */
public final class MetricsCsvListener implements TrainingListener, AutoCloseable {

    public static final String HEADER = "iteration,epoch,loss_d,loss_g,d_x,d_g_z,images_per_s";

    private final Path file;
    private BufferedWriter out;

    public MetricsCsvListener(Path file) {
        this.file = file;
    }

    @Override
    public void onStart(GanModels models, TrainingProgress progress) {
        try {
            keepRowsUpTo(progress.iteration());
            out = Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void onIteration(GanModels models, IterationReport r) {
        AdversarialStep.StepResult s = r.step();
        try {
            out.write(String.format(Locale.ROOT, "%d,%d,%.6f,%.6f,%.6f,%.6f,%.1f%n",
                    r.progress().iteration(), r.progress().epoch(), s.lossD(), s.lossG(),
                    s.realProbability(), s.fakeProbability(), r.imagesPerSecond()));
            // A row per iteration is cheap next to a training step, and survives a kill.
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void onFinish(GanModels models, TrainingProgress progress, boolean completed) {
        close();
    }

    @Override
    public void close() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
            } finally {
                out = null;
            }
        }
    }

    private void keepRowsUpTo(long iteration) throws IOException {
        if (!Files.exists(file)) {
            Files.writeString(file, HEADER + System.lineSeparator(), StandardCharsets.UTF_8);
            return;
        }
        List<String> kept = new ArrayList<>();
        boolean dropped = false;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            if (line.equals(HEADER) || rowIteration(line) <= iteration) {
                kept.add(line);
            } else {
                dropped = true;
            }
        }
        if (dropped) {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(tmp, kept, StandardCharsets.UTF_8);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
    }

    private static long rowIteration(String line) {
        int comma = line.indexOf(',');
        try {
            return Long.parseLong(comma < 0 ? line : line.substring(0, comma));
        } catch (NumberFormatException e) {
            // A torn last line from a killed process: drop it.
            return Long.MAX_VALUE;
        }
    }
}
