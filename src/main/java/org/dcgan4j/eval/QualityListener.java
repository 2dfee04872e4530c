package org.dcgan4j.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.dcgan4j.model.Architecture;
import org.dcgan4j.model.ClassConditioning;
import org.dcgan4j.train.GanModels;
import org.dcgan4j.train.IterationRows;
import org.dcgan4j.train.LatentNoise;
import org.dcgan4j.train.MetricsCsvListener;
import org.dcgan4j.train.PeriodicListener;
import org.dcgan4j.train.TrainingProgress;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The quick evaluation during training: every {@code every} iterations (and at the end) the
 * moving average of G draws {@value #IMAGES} images from the same noise each time, scored
 * against the held-out real images by {@link GeneratorEvaluator#quick} (Fréchet distance, KID with
 * its standard error, precision, recall, density and coverage, inception score). Each result is logged,
 * appended to {@code stats.jsonl}, handed to {@code metrics.csv}, and, when its Fréchet distance
 * is the lowest so far, saved as the run's best checkpoint.
 *
 * <p>With 1,000 images the Fréchet distance is biased upwards compared to {@code evaluate}'s
 * 5,000; it is meant for comparing iterations of one run. KID is unbiased at any sample size.
 */
public final class QualityListener extends PeriodicListener implements MetricsCsvListener.Quality {

    private static final Logger LOG = LoggerFactory.getLogger(QualityListener.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Generated images per quick evaluation. */
    public static final int IMAGES = 1000;
    /** Index of the quick evaluation's noise in {@link LatentNoise#EVALUATION} (evaluate uses 0). */
    private static final long INDEX = 1;

    /** The run's best checkpoint: the state whose quick evaluation had the lowest Fréchet distance so far. */
    public interface BestCheckpoint {
        /** Whether an evaluation with this distance beats the best checkpoint so far (none: any does). */
        boolean isBeatenBy(double frechetDistance);

        /** Saves the run's state as its best checkpoint; later evaluations must beat {@code metrics}' "fd". */
        void save(GanModels models, TrainingProgress progress, Map<String, Double> metrics);
    }

    private final GeneratorEvaluator evaluator;
    private final INDArray input;
    private final int[] askedClasses;
    private final Path statsFile;
    private final BestCheckpoint best;
    private long lastIteration = -1;
    private GeneratorEvaluator.Quick last;

    public QualityListener(GeneratorEvaluator evaluator, Architecture architecture, long seed, long every,
                           Path statsFile, BestCheckpoint best) {
        super(every);
        this.evaluator = evaluator;
        ClassConditioning conditioning = new ClassConditioning(architecture);
        this.askedClasses = conditioning.everyClassInTurn(IMAGES);
        this.input = conditioning.generatorInput(
                LatentNoise.sample(seed, LatentNoise.EVALUATION, INDEX, IMAGES, architecture.latentSize()), askedClasses);
        this.statsFile = statsFile;
        this.best = best;
    }

    @Override
    public void onStart(GanModels models, TrainingProgress progress) {
        try {
            IterationRows.keepRowsUpTo(statsFile, progress.iteration(), QualityListener::rowIteration, null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rewrite " + statsFile + ": " + e.getMessage(), e);
        }
    }

    @Override
    protected void act(GanModels models, TrainingProgress progress) {
        long began = System.nanoTime();
        org.deeplearning4j.nn.multilayer.MultiLayerNetwork sampler = models.sampler();
        GeneratorEvaluator.Quick q = evaluator.quick(sampler, input.castTo(sampler.params().dataType()), askedClasses);
        double seconds = (System.nanoTime() - began) / 1e9;
        last = q;
        lastIteration = progress.iteration();
        boolean isBest = best.isBeatenBy(q.frechetDistance());
        String asked = q.askedClassHitRate() == null ? ""
                : String.format(Locale.ROOT, " | asked class hit %.1f%%", 100 * q.askedClassHitRate());
        LOG.info(String.format(Locale.ROOT, "quality at iteration %d: FD %.2f | KID %s | precision %.3f | recall %.3f"
                        + " | density %.3f | coverage %.3f | IS %.2f | classes >= 5%%: %d/%d%s (%d generated vs %d held-out, %.1f s)%s",
                progress.iteration(), q.frechetDistance(), QualityReport.kid(q.kernelDistance()),
                q.coverage().precision(), q.coverage().recall(), q.coverage().density(), q.coverage().coverage(),
                q.scores().inceptionScore(),
                q.scores().classesAbove5Pct(), q.scores().histogram().length, asked, q.generated(), q.heldOut(), seconds,
                isBest ? " - best so far" : ""));
        appendStats(progress, q);
        if (isBest) {
            Map<String, Double> metrics = new LinkedHashMap<>();
            metrics.put("fd", q.frechetDistance());
            metrics.put("inception_score", q.scores().inceptionScore());
            metrics.put("kid", q.kernelDistance().value());
            metrics.put("precision", q.coverage().precision());
            metrics.put("recall", q.coverage().recall());
            metrics.put("density", q.coverage().density());
            metrics.put("coverage", q.coverage().coverage());
            best.save(models, progress, metrics);
        }
    }

    /** The evaluation done at {@code iteration}, or null when none ran there. */
    public GeneratorEvaluator.Quick resultAt(long iteration) {
        return iteration == lastIteration ? last : null;
    }

    @Override
    public double[] at(long iteration) {
        if (iteration != lastIteration || last == null) {
            return null;
        }
        Map<String, Double> values = qualityColumns(last);
        return Arrays.stream(MetricsCsvListener.QUALITY_COLUMNS.split(",")).mapToDouble(values::get).toArray();
    }

    /** The numbers of {@code q} by their {@code metrics.csv} column name, also the keys of {@code stats.jsonl}. */
    private static Map<String, Double> qualityColumns(GeneratorEvaluator.Quick q) {
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("fd", q.frechetDistance());
        values.put("inception_score", q.scores().inceptionScore());
        values.put("kid", q.kernelDistance().value());
        values.put("kid_se", q.kernelDistance().standardError());
        values.put("precision", q.coverage().precision());
        values.put("recall", q.coverage().recall());
        values.put("density", q.coverage().density());
        values.put("coverage", q.coverage().coverage());
        return values;
    }

    private void appendStats(TrainingProgress progress, GeneratorEvaluator.Quick q) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("iteration", progress.iteration());
        row.put("epoch", progress.epoch());
        row.putAll(qualityColumns(q));
        row.put("kid_groups", q.kernelDistance().groups());
        row.put("classes_above_5pct", q.scores().classesAbove5Pct());
        row.put("histogram", q.scores().histogram());
        if (q.askedClassHitRate() != null) {
            row.put("asked_class_hit_rate", q.askedClassHitRate());
        }
        if (q.askedClassConfusion() != null) {
            row.put("asked_class_hit_rates", q.askedClassConfusion().hitRates());
            row.put("asked_class_confusion", q.askedClassConfusion().counts());
        }
        row.put("generated", q.generated());
        row.put("held_out", q.heldOut());
        row.put("reference", evaluator.reference());
        row.put("extractor", evaluator.extractor());
        row.put("generator", "moving average of G");
        row.put("time", java.time.Instant.now().toString());
        try {
            Files.writeString(statsFile, JSON.writeValueAsString(row) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + statsFile + ": " + e.getMessage(), e);
        }
    }

    private static long rowIteration(String line) {
        try {
            return JSON.readTree(line).get("iteration").asLong();
        } catch (IOException | RuntimeException e) {
            return Long.MAX_VALUE;
        }
    }
}
