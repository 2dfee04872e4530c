package org.dcgan4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.dcgan4j.files.AtomicFiles;
import org.dcgan4j.eval.ClassifierCache;
import org.dcgan4j.eval.GeneratorEvaluator;
import org.dcgan4j.eval.ManifoldCoverage;
import org.dcgan4j.eval.NearestTrainingImages;
import org.dcgan4j.eval.QualityReport;
import org.dcgan4j.sample.ImageGrid;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.dcgan4j.model.ClassConditioning;
import org.dcgan4j.train.LatentNoise;
import org.dcgan4j.train.StandingStatistics;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code dcgan4j evaluate}: quality numbers of a saved generator, measured offline with a digit
 * classifier trained on the real training images (cached per data set), against the held-out
 * real images; prints one line and writes the same as JSON.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Score a generator: Frechet distance, kernel inception distance, precision, recall, density and "
                + "coverage of classifier features, inception score, class histogram.")
final class EvaluateCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(EvaluateCommand.class);
    /** Generated images in the memorisation picture. */
    private static final int NEAREST_ROWS = 8;

    @Spec
    CommandSpec spec;

    @Mixin
    BackendOption backendOption;

    /** Run folder (newest valid checkpoint), checkpoint folder, or generator zip. Required. */
    @Option(names = "--from", required = true, paramLabel = "RUN_DIR_OR_CHECKPOINT",
            description = "Run folder (its newest valid checkpoint), checkpoint folder, or generator.zip.")
    Path from;

    /** Labelled data with a training and a held-out set. Default: the run's data, else the embedded data. */
    @Option(names = "--data", paramLabel = "PATH",
            description = "Labelled IDX folder with train-* and t10k-* sets (default: the run's data, else embedded).")
    Path data;

    /** Generated images scored by default. */
    static final int DEFAULT_COUNT = 5000;

    /** Generated images scored. Default: {@link #DEFAULT_COUNT}. */
    @Option(names = "--count", paramLabel = "N", defaultValue = "" + DEFAULT_COUNT,
            description = "Generated images to score (default: ${DEFAULT-VALUE}).")
    int count;

    /** Use the raw G instead of its moving average. Default: the average. */
    @Option(names = "--raw-g", description = "Use the raw generator instead of its moving average (the default).")
    boolean rawG;

    /**
     * Measure the generator's BatchNormalization statistics on noise first (standing statistics,
     * as {@code train --standing-stats} does before every use), for checkpoints trained without
     * it. Needs a checkpoint (its config gives the noise). Default: off, the statistics as saved.
     */
    @Option(names = "--standing-stats",
            description = "Re-measure the generator's BatchNormalization statistics on 512 noise vectors first "
                    + "(default: off, as saved; runs trained with --standing-stats saved them measured).")
    boolean standingStats;

    /** Seed of the evaluation noise by default. */
    static final long DEFAULT_SEED = 0;

    /** Seed of the evaluation noise. Default: {@link #DEFAULT_SEED}. */
    @Option(names = "--seed", paramLabel = "N", defaultValue = "" + DEFAULT_SEED, description = "Noise seed (default: ${DEFAULT-VALUE}).")
    long seed;

    /**
     * Where the JSON goes. Default: evaluation-&lt;checkpoint&gt;.json in the run folder (beside a
     * bare zip), its name extended by each option that changes what is measured (for example
     * evaluation-&lt;checkpoint&gt;-standing-stats.json), so that one evaluation never replaces another's.
     */
    @Option(names = "--json", paramLabel = "FILE",
            description = "JSON report (default: <run>/evaluation-<checkpoint>.json, or <zip>.evaluation.json; "
                    + "-raw-g, -standing-stats, -count<N>, -seed<S> are added to the name when given).")
    Path json;

    @Override
    public Integer call() throws IOException {
        backendOption.verify();
        if (count < ManifoldCoverage.MIN_SAMPLES) {
            throw new ParameterException(spec.commandLine(), "--count must be at least " + ManifoldCoverage.MIN_SAMPLES
                    + " (density and coverage need each image's 5 nearest neighbours), got " + count);
        }
        GeneratorSource source = GeneratorSource.load(from, !rawG);
        if (standingStats) {
            if (source.config() == null) {
                throw new ParameterException(spec.commandLine(),
                        "--standing-stats needs a run or checkpoint folder (its config gives the noise), not a bare zip");
            }
            StandingStatistics.of(source.config().architecture(), source.config().seed()).refresh(source.generator());
            LOG.info("standing statistics measured on {} noise vectors", StandingStatistics.IMAGES);
        }
        Path dataPath = data != null ? data
                : source.config() != null ? Path.of(source.config().data()) : AppHome.embeddedData();
        QualityData real = QualityData.load(dataPath);
        ClassifierCache.Cached classifier = ClassifierCache.getOrTrain(real.train(), real.heldOut(), real.location());
        GeneratorEvaluator evaluator = new GeneratorEvaluator(classifier, real.train(), real.heldOut());
        ClassConditioning conditioning = source.conditioning();
        int[] asked = conditioning.everyClassInTurn(count);
        INDArray noise = LatentNoise.sample(seed, LatentNoise.EVALUATION, 0, count, source.latentSize());
        QualityReport report = evaluator.evaluate(source.generator(), conditioning.generatorInput(noise, asked), asked);
        Path out = json != null ? json : defaultJson(source);
        AtomicFiles.write(out, o -> new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(o, report));
        Path nearest = out.resolveSibling(out.getFileName().toString().replaceFirst("\\.json$", "") + "-nearest.png");
        writeNearest(nearest, source, conditioning, noise, asked, evaluator, real);
        spec.commandLine().getOut().println("evaluate: " + report.line());
        spec.commandLine().getOut().flush();
        LOG.info("report written to {}", out);
        return 0;
    }

    /**
     * The memorisation check as a picture: for the first generated images, one row each of
     * [generated | nearest training image by pixels | nearest by classifier features].
     */
    private static void writeNearest(Path file, GeneratorSource source, ClassConditioning conditioning, INDArray noise,
                                     int[] asked, GeneratorEvaluator evaluator, QualityData real) throws IOException {
        int n = (int) Math.min(NEAREST_ROWS, noise.size(0));
        INDArray input = conditioning.generatorInput(noise.get(NDArrayIndex.interval(0, n), NDArrayIndex.all()),
                asked == null ? null : java.util.Arrays.copyOf(asked, n));
        INDArray generated = source.generator().output(input, false);
        INDArray trainImages = real.train().scaledImages(0, real.train().size());
        int[] byPixels = NearestTrainingImages.nearest(pixels(generated), pixels(trainImages));
        int[] byFeatures = NearestTrainingImages.nearest(evaluator.generatedFeatures(source.generator(), input),
                evaluator.trainingFeatures(0, real.train().size()));
        INDArray tiles = Nd4j.create(generated.dataType(), 3L * n, 1, 28, 28);
        for (int i = 0; i < n; i++) {
            tiles.get(NDArrayIndex.point(3L * i)).assign(generated.get(NDArrayIndex.point(i)));
            tiles.get(NDArrayIndex.point(3L * i + 1)).assign(trainImages.get(NDArrayIndex.point(byPixels[i])));
            tiles.get(NDArrayIndex.point(3L * i + 2)).assign(trainImages.get(NDArrayIndex.point(byFeatures[i])));
        }
        ImageGrid.writePng(ImageGrid.tile(tiles, 3), file);
        LOG.info("memorisation check: {} (columns: generated, nearest training image by pixels, by classifier features)",
                file);
    }

    private static double[][] pixels(INDArray images) {
        return images.reshape(images.size(0), -1).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).toDoubleMatrix();
    }

    private Path defaultJson(GeneratorSource source) {
        if (source.checkpoint() == null) {
            return from.resolveSibling(from.getFileName() + variant() + ".evaluation.json");
        }
        Path runFolder = source.checkpoint().toAbsolutePath().getParent().getParent();
        return runFolder.resolve("evaluation-" + source.checkpoint().getFileName() + variant() + ".json");
    }

    /** The options that change what is measured, as a file name suffix ("" for the defaults). */
    private String variant() {
        return (rawG ? "-raw-g" : "") + (standingStats ? "-standing-stats" : "")
                + (count != DEFAULT_COUNT ? "-count" + count : "") + (seed != DEFAULT_SEED ? "-seed" + seed : "");
    }
}
