package org.dcgan4j.tensorboard;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import org.dcgan4j.eval.GeneratorEvaluator;
import org.dcgan4j.model.AdamSettings;
import org.dcgan4j.sample.SampleGridListener;
import org.dcgan4j.tensorboard.proto.Event;
import org.dcgan4j.tensorboard.proto.SessionLog;
import org.dcgan4j.tensorboard.proto.Summary;
import org.dcgan4j.train.AdversarialStep;
import org.dcgan4j.train.GanModels;
import org.dcgan4j.train.IterationReport;
import org.dcgan4j.train.MetricPrecision;
import org.dcgan4j.train.TrainingListener;
import org.dcgan4j.train.TrainingProgress;

/**
 * Writes a run's TensorBoard events into {@code RUN/tensorboard/}, one new file per training
 * process (and per rollback), with the step of each event = the iteration of metrics.csv.
 *
 * <ul>
 *   <li>Scalars every iteration, not averages: the values of metrics.csv's row (rounded as it
 *       rounds them, {@link MetricPrecision}), so the two never disagree; TensorBoard samples
 *       long curves for display by itself.</li>
 *   <li>The fixed-noise grid at every sample grid (as {@link SampleGridListener.GridObserver}).</li>
 *   <li>Text: config.json and a note of how this process started (new run, resume, rollback),
 *       then a note whenever the health signal changes (discriminator saturation).</li>
 * </ul>
 *
 * <p>A process that starts at iteration N writes, first in its new file, a {@code session_log}
 * START event at step N + 1: TensorBoard then drops what older files hold at steps N + 1 and
 * later (a crashed process's iterations past its last checkpoint), and only this process's
 * values remain. Each tag's steps also rise within a file, which is the rule TensorBoard's
 * faster Rust loader applies to the same end.
 *
 * <p>Events reach the operating system every {@value #FLUSH_EVERY_SECONDS} seconds (a live
 * TensorBoard shows them on its next reload), at every checkpoint iteration (so that every step
 * up to the checkpoint a resume starts from was handed over), and at the end.
 */
public final class TensorBoardListener implements TrainingListener, SampleGridListener.GridObserver, AutoCloseable {

    /** Seconds between flushes of the event file. */
    public static final int FLUSH_EVERY_SECONDS = 2;

    public static final String LOSS_D = "loss/D";
    public static final String LOSS_G = "loss/G";
    public static final String D_REAL = "D/real";
    public static final String D_FAKE = "D/fake";
    public static final String IMAGES_PER_S = "speed/images_per_s";
    public static final String FRECHET_DISTANCE = "quality/frechet_distance";
    public static final String INCEPTION_SCORE = "quality/inception_score";
    public static final String CLASSES_COVERED = "quality/classes_covered";
    public static final String KID = "quality/kid";
    public static final String KID_STANDARD_ERROR = "quality/kid_standard_error";
    public static final String PRECISION = "quality/precision";
    public static final String RECALL = "quality/recall";
    public static final String DENSITY = "quality/density";
    public static final String COVERAGE = "quality/coverage";
    public static final String LEARNING_RATE_G = "learning_rate/G";
    public static final String LEARNING_RATE_D = "learning_rate/D";
    public static final String SAMPLES = "samples/fixed_noise";
    public static final String CONFIG = "config";
    public static final String NOTES = "notes";

    private final Path folder;
    private final Path configFile;
    private final String startNote;
    private final long checkpointEvery;
    private final LongFunction<GeneratorEvaluator.Quick> quality;
    private final Supplier<String> health;
    private EventFileWriter writer;
    private long lastFlushNanos;
    private String lastHealth;

    /**
     * @param folder          where the event files go ({@code RUN/tensorboard})
     * @param configFile      the run's config.json, written before training starts
     * @param startNote       how this process started, for the notes
     * @param checkpointEvery iterations between checkpoints, when everything before is flushed
     * @param quality         the quick evaluation done at an iteration, or null there (its stage,
     *                        {@link org.dcgan4j.train.ListenerStage#QUALITY}, runs before this one's)
     * @param health          "ok" or what is wrong; a change is noted
     */
    public TensorBoardListener(Path folder, Path configFile, String startNote, long checkpointEvery,
                               LongFunction<GeneratorEvaluator.Quick> quality, Supplier<String> health) {
        this.folder = folder;
        this.configFile = configFile;
        this.startNote = startNote;
        this.checkpointEvery = checkpointEvery;
        this.quality = quality;
        this.health = health;
    }

    @Override
    public void onStart(GanModels models, TrainingProgress progress) {
        long firstStep = progress.iteration() + 1;
        try {
            writer = EventFileWriter.createIn(folder);
            write(Event.newBuilder().setWallTime(now()).setStep(firstStep)
                    .setSessionLog(SessionLog.newBuilder().setStatus(SessionLog.SessionStatus.START)).build());
            String config = Files.readString(configFile, StandardCharsets.UTF_8).strip();
            write(summaryEvent(firstStep, Summary.newBuilder()
                    .addValue(SummaryValues.text(CONFIG, "```json\n" + config + "\n```"))
                    .addValue(SummaryValues.text(NOTES, startNote))));
            writer.flush();
        } catch (IOException e) {
            throw failure(e);
        }
        lastFlushNanos = System.nanoTime();
        lastHealth = health.get();
    }

    @Override
    public void onIteration(GanModels models, IterationReport r) {
        long step = r.progress().iteration();
        AdversarialStep.StepResult s = r.step();
        Summary.Builder summary = Summary.newBuilder()
                .addValue(SummaryValues.scalar(LOSS_D, MetricPrecision.LOSS.asWritten(s.lossD())))
                .addValue(SummaryValues.scalar(LOSS_G, MetricPrecision.LOSS.asWritten(s.lossG())))
                .addValue(SummaryValues.scalar(D_REAL, MetricPrecision.LOSS.asWritten(s.realProbability())))
                .addValue(SummaryValues.scalar(D_FAKE, MetricPrecision.LOSS.asWritten(s.fakeProbability())))
                .addValue(SummaryValues.scalar(IMAGES_PER_S, MetricPrecision.SPEED.asWritten(r.imagesPerSecond())))
                // The rates this iteration's step used (step - 1 is its index; a decay changes them).
                .addValue(SummaryValues.scalar(LEARNING_RATE_G, AdamSettings.rateAt(models.generator(), step - 1)))
                .addValue(SummaryValues.scalar(LEARNING_RATE_D, AdamSettings.rateAt(models.discriminator(), step - 1)));
        GeneratorEvaluator.Quick q = quality.apply(step);
        if (q != null) {
            summary.addValue(SummaryValues.scalar(FRECHET_DISTANCE, MetricPrecision.QUALITY.asWritten(q.frechetDistance())))
                    .addValue(SummaryValues.scalar(INCEPTION_SCORE,
                            MetricPrecision.QUALITY.asWritten(q.scores().inceptionScore())))
                    .addValue(SummaryValues.scalar(CLASSES_COVERED, q.scores().classesAbove5Pct()))
                    .addValue(SummaryValues.scalar(KID, MetricPrecision.QUALITY.asWritten(q.kernelDistance().value())))
                    .addValue(SummaryValues.scalar(KID_STANDARD_ERROR,
                            MetricPrecision.QUALITY.asWritten(q.kernelDistance().standardError())))
                    .addValue(SummaryValues.scalar(PRECISION, MetricPrecision.QUALITY.asWritten(q.coverage().precision())))
                    .addValue(SummaryValues.scalar(RECALL, MetricPrecision.QUALITY.asWritten(q.coverage().recall())))
                    .addValue(SummaryValues.scalar(DENSITY, MetricPrecision.QUALITY.asWritten(q.coverage().density())))
                    .addValue(SummaryValues.scalar(COVERAGE, MetricPrecision.QUALITY.asWritten(q.coverage().coverage())));
        }
        String h = health.get();
        if (!h.equals(lastHealth)) {
            summary.addValue(SummaryValues.text(NOTES, "iteration " + step + ": health " + h));
            lastHealth = h;
        }
        try {
            write(summaryEvent(step, summary));
            long nanos = System.nanoTime();
            if (step % checkpointEvery == 0 || nanos - lastFlushNanos >= FLUSH_EVERY_SECONDS * 1_000_000_000L) {
                writer.flush();
                lastFlushNanos = nanos;
            }
        } catch (IOException e) {
            throw failure(e);
        }
    }

    @Override
    public void grid(long iteration, BufferedImage grid) {
        try {
            write(summaryEvent(iteration, Summary.newBuilder().addValue(SummaryValues.image(SAMPLES, grid))));
        } catch (IOException e) {
            throw failure(e);
        }
    }

    @Override
    public void onFinish(GanModels models, TrainingProgress progress, boolean completed) {
        close();
    }

    /** A failed loop (a divergence before its rollback) never calls onFinish: the file is closed here. */
    @Override
    public void onFailure(String error) {
        close();
    }

    /** Flushes and closes the file. */
    @Override
    public void close() {
        if (writer == null) {
            return;
        }
        try {
            writer.close();
        } catch (IOException e) {
            throw failure(e);
        } finally {
            writer = null;
        }
    }

    private void write(Event event) throws IOException {
        writer.write(event);
    }

    private static Event summaryEvent(long step, Summary.Builder summary) {
        return Event.newBuilder().setWallTime(now()).setStep(step).setSummary(summary).build();
    }

    private static double now() {
        return System.currentTimeMillis() / 1000.0;
    }

    private UncheckedIOException failure(IOException e) {
        Path where = writer != null ? writer.file() : folder;
        return new UncheckedIOException("cannot write TensorBoard events to " + where + ": " + e.getMessage(), e);
    }
}
