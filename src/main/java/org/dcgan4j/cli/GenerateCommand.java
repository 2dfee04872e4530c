package org.dcgan4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.dcgan4j.sample.ImageGrid;
import org.dcgan4j.train.LatentNoise;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code dcgan4j generate}: images from a saved generator; same model and seed, same bytes. */
@Command(name = "generate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Generate digits from a run folder, a checkpoint folder or a generator zip.")
final class GenerateCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(GenerateCommand.class);

    @Spec
    CommandSpec spec;

    @Mixin
    BackendOption backendOption;

    /** Run folder (newest valid checkpoint), checkpoint folder, or generator zip. Required. */
    @Option(names = "--from", required = true, paramLabel = "RUN_DIR_OR_CHECKPOINT",
            description = "Run folder (uses its newest valid checkpoint), checkpoint folder, or generator.zip.")
    Path from;

    /** Number of images. Default: 64. */
    @Option(names = "--count", paramLabel = "N", defaultValue = "64",
            description = "Number of images (default: ${DEFAULT-VALUE}).")
    int count;

    /** Use the raw G instead of its moving average. Default: the average. */
    @Option(names = "--raw-g", description = "Use the raw generator instead of its moving average (the default).")
    boolean rawG;

    /** Seed of the noise vectors. Default: 0. */
    @Option(names = "--seed", paramLabel = "N", defaultValue = "0",
            description = "Seed of the noise vectors (default: ${DEFAULT-VALUE}).")
    long seed;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Output output;

    static final class Output {
        /** One about-square grid PNG. */
        @Option(names = "--out", paramLabel = "FILE.png", description = "Write one about-square grid PNG.")
        Path file;

        /** A folder of separate 28x28 grayscale PNGs. */
        @Option(names = "--out-dir", paramLabel = "DIR", description = "Write COUNT separate 28x28 PNG files here.")
        Path dir;
    }

    @Override
    public Integer call() throws IOException {
        backendOption.verify();
        if (count < 1 || count > 100_000) {
            throw new ParameterException(spec.commandLine(), "--count must be between 1 and 100000, got " + count);
        }
        if (output.file != null && Files.isDirectory(output.file)) {
            throw new ParameterException(spec.commandLine(), "--out " + output.file + " is a folder; give a .png file name");
        }
        if (output.dir != null && Files.exists(output.dir) && !Files.isDirectory(output.dir)) {
            throw new ParameterException(spec.commandLine(), "--out-dir " + output.dir + " is a file, not a folder");
        }
        GeneratorSource source = GeneratorSource.load(from, !rawG);
        INDArray noise = LatentNoise.sample(seed, LatentNoise.GENERATE, 0, count, source.latentSize());
        INDArray images = source.generator().output(noise, false);
        if (output.file != null) {
            ImageGrid.writePng(ImageGrid.tile(images, ImageGrid.columnsFor(count)), output.file);
            LOG.info("wrote a grid of {} images to {}", count, output.file);
        } else {
            Files.createDirectories(output.dir);
            for (int i = 0; i < count; i++) {
                ImageGrid.writePng(ImageGrid.single(images, i), output.dir.resolve(String.format("sample-%05d.png", i)));
            }
            LOG.info("wrote {} images to {}", count, output.dir);
        }
        return 0;
    }
}
