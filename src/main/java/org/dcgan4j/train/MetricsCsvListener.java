package org.dcgan4j.train;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * Appends one row per iteration to {@code metrics.csv}: iteration, epoch, loss D, loss G,
 * mean D(x), mean D(G(z)), images/s, and the quick quality evaluation's Fréchet distance,
 * inception score, KID with its standard error, precision, recall, density and coverage on the
 * iterations where one ran (empty otherwise).
 *
 * <p>On a resumed run, rows past the checkpoint's iteration are dropped first
 * ({@link IterationRows}). Files of older versions have fewer quality columns (none, only
 * {@code fd,inception_score}, or up to {@code recall}); their header is replaced by this one, and their rows stay as they
 * are (a reader takes missing trailing columns as empty).
 */
public final class MetricsCsvListener implements TrainingListener, AutoCloseable {

    /** The quality columns, in the order of {@link Quality#at}'s values. */
    public static final String QUALITY_COLUMNS = "fd,inception_score,kid,kid_se,precision,recall,density,coverage";
    public static final String HEADER = "iteration,epoch,loss_d,loss_g,d_x,d_g_z,images_per_s," + QUALITY_COLUMNS;
    /** The quality cells of a row without an evaluation. */
    private static final String NO_QUALITY = ",".repeat(QUALITY_COLUMNS.split(",").length - 1);

    /** Quality numbers measured at an iteration, if any. */
    public interface Quality {
        /** The values of {@link MetricsCsvListener#QUALITY_COLUMNS} measured at {@code iteration}, or null. */
        double[] at(long iteration);
    }

    private final Path file;
    private final Quality quality;
    private BufferedWriter out;

    /**
     * @param quality where the quality columns come from; registered at {@link ListenerStage#QUALITY},
     *                before this one's stage
     */
    public MetricsCsvListener(Path file, Quality quality) {
        this.file = file;
        this.quality = quality;
    }

    public MetricsCsvListener(Path file) {
        this(file, iteration -> null);
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
            double[] q = quality.at(r.progress().iteration());
            out.write(String.format(Locale.ROOT, "%d,%d,%s,%s,%s,%s,%s,%s%n",
                    r.progress().iteration(), r.progress().epoch(), MetricPrecision.LOSS.format(s.lossD()),
                    MetricPrecision.LOSS.format(s.lossG()), MetricPrecision.LOSS.format(s.realProbability()),
                    MetricPrecision.LOSS.format(s.fakeProbability()), MetricPrecision.SPEED.format(r.imagesPerSecond()),
                    q == null ? NO_QUALITY : qualityCells(q)));
            // A row per iteration is cheap next to a training step, and survives a kill.
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static String qualityCells(double[] q) {
        StringBuilder cells = new StringBuilder();
        for (int i = 0; i < q.length; i++) {
            cells.append(i == 0 ? "" : ",").append(MetricPrecision.QUALITY.format(q[i]));
        }
        return cells.toString();
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
        IterationRows.keepRowsUpTo(file, iteration, MetricsCsvListener::rowIteration, HEADER);
    }

    private static long rowIteration(String line) {
        int comma = line.indexOf(',');
        try {
            return Long.parseLong(comma < 0 ? line : line.substring(0, comma));
        } catch (NumberFormatException e) {
            // A torn last line from a killed process, or the header of an older version: drop it.
            return Long.MAX_VALUE;
        }
    }
}
