package org.dcgan4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.dcgan4j.checkpoint.AtomicFiles;
import org.dcgan4j.data.DataSplit;
import org.dcgan4j.data.DigitDataset;
import org.dcgan4j.data.DigitDatasetLoader;
import org.dcgan4j.eval.ClassifierCache;
import org.dcgan4j.eval.GeneratorEvaluator;
import org.dcgan4j.eval.QualityReport;
import org.dcgan4j.train.LatentNoise;
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
        description = "Score a generator: Frechet distance of classifier features, inception score, class histogram.")
final class EvaluateCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(EvaluateCommand.class);
    /** Stream of the evaluation noise (distinct from training, grids and generate). */
    static final long EVALUATION_STREAM = 4;

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

    /** Generated images scored. Default: 5000. */
    @Option(names = "--count", paramLabel = "N", defaultValue = "5000",
            description = "Generated images to score (default: ${DEFAULT-VALUE}).")
    int count;

    /** Use the raw G instead of its moving average. Default: the average. */
    @Option(names = "--raw-g", description = "Use the raw generator instead of its moving average (the default).")
    boolean rawG;

    /** Seed of the evaluation noise. Default: 0. */
    @Option(names = "--seed", paramLabel = "N", defaultValue = "0", description = "Noise seed (default: ${DEFAULT-VALUE}).")
    long seed;

    /** Where the JSON goes. Default: evaluation-&lt;checkpoint&gt;.json in the run folder (beside a bare zip). */
    @Option(names = "--json", paramLabel = "FILE",
            description = "JSON report (default: <run>/evaluation-<checkpoint>.json, or <zip>.evaluation.json).")
    Path json;

    @Override
    public Integer call() throws IOException {
        backendOption.verify();
        if (count < 2) {
            throw new ParameterException(spec.commandLine(), "--count must be at least 2, got " + count);
        }
        GeneratorSource source = GeneratorSource.load(from, !rawG);
        Path dataPath = data != null ? data
                : source.config() != null ? Path.of(source.config().data()) : AppHome.embeddedData();
        DigitDataset train = DigitDatasetLoader.load(dataPath, DataSplit.TRAIN);
        DigitDataset heldOut = DigitDatasetLoader.load(dataPath, DataSplit.TEST);
        if (!train.hasLabels() || !heldOut.hasLabels()) {
            throw new UserError(dataPath + ": evaluation needs labels for the training and held-out images");
        }
        ClassifierCache.Cached classifier = ClassifierCache.getOrTrain(train, heldOut, dataPath);
        GeneratorEvaluator evaluator = new GeneratorEvaluator(classifier, train, heldOut);
        INDArray noise = LatentNoise.sample(seed, EVALUATION_STREAM, 0, count, source.latentSize());
        QualityReport report = evaluator.evaluate(source.generator(), noise);
        Path out = json != null ? json : defaultJson(source);
        AtomicFiles.write(out, o -> new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(o, report));
        spec.commandLine().getOut().println("evaluate: " + report.line());
        spec.commandLine().getOut().flush();
        LOG.info("report written to {}", out);
        return 0;
    }

    private Path defaultJson(GeneratorSource source) {
        if (source.checkpoint() == null) {
            return from.resolveSibling(from.getFileName() + ".evaluation.json");
        }
        Path runFolder = source.checkpoint().toAbsolutePath().getParent().getParent();
        return runFolder.resolve("evaluation-" + source.checkpoint().getFileName() + ".json");
    }
}
