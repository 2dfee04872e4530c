package org.dcgan4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.dcgan4j.model.ClassConditioning;
import org.dcgan4j.sample.FixedNoiseGrid;
import org.dcgan4j.sample.ImageGrid;
import org.dcgan4j.sample.LatentWalk;
import org.dcgan4j.train.LatentNoise;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
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

    /** Number of images (ignored by --interpolate and --arithmetic). Default: 64. */
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

    /** Digit (class) to draw, for a class-conditional generator. Default: every class, one per grid row. */
    @Option(names = "--digit", paramLabel = "D",
            description = "Class to draw from a conditional generator (default: all classes, one per grid row).")
    Integer digit;

    /** Walk from seed A's vector to seed B's (the first image of generate --seed A / --seed B). */
    @Option(names = "--interpolate", paramLabel = "A,B", split = ",",
            description = "Write a strip walking (spherically) from seed A's noise to seed B's; "
                    + "the ends are the images of --seed A and --seed B.")
    long[] interpolate;

    /** Images in the walk, ends included. Default: 10. */
    @Option(names = "--steps", paramLabel = "N", defaultValue = "10",
            description = "Images in an --interpolate strip, ends included (default: ${DEFAULT-VALUE}).")
    int steps;

    /** Latent arithmetic on three seed sets: mean(A) - mean(B) + mean(C). */
    @Option(names = "--arithmetic", paramLabel = "A1,A2/B1,B2/C1,C2",
            description = "Latent vector arithmetic mean(A) - mean(B) + mean(C) on three comma-separated seed sets "
                    + "separated by '/'; rows A, B, C show each seed and the set's mean, the last row the result.")
    String arithmetic;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Output output;

    static final class Output {
        /** One about-square grid PNG. */
        @Option(names = "--out", paramLabel = "FILE.png", description = "Write one grid PNG.")
        Path file;

        /** A folder of separate 28x28 grayscale PNGs. */
        @Option(names = "--out-dir", paramLabel = "DIR", description = "Write separate 28x28 PNG files here.")
        Path dir;
    }

    @Override
    public Integer call() throws IOException {
        backendOption.verify();
        if (count < 1 || count > 100_000) {
            throw usage("--count must be between 1 and 100000, got " + count);
        }
        if (output.file != null && Files.isDirectory(output.file)) {
            throw usage("--out " + output.file + " is a folder; give a .png file name");
        }
        if (output.dir != null && Files.exists(output.dir) && !Files.isDirectory(output.dir)) {
            throw usage("--out-dir " + output.dir + " is a file, not a folder");
        }
        if (interpolate != null && arithmetic != null) {
            throw usage("--interpolate and --arithmetic cannot be combined; pick one");
        }
        if (interpolate != null && interpolate.length != 2) {
            throw usage("--interpolate takes two seeds A,B, got " + interpolate.length);
        }
        if (steps < 2 || steps > 1000) {
            throw usage("--steps must be between 2 and 1000, got " + steps);
        }
        long[][] seedSets = arithmetic == null ? null : parseSeedSets(arithmetic);
        GeneratorSource source = GeneratorSource.load(from, !rawG);
        ClassConditioning conditioning = source.conditioning();
        if (digit != null) {
            if (!conditioning.conditional()) {
                throw new UserError("--digit needs a class-conditional generator (train --conditional); "
                        + from + " is unconditional");
            }
            if (digit < 0 || digit >= conditioning.classes()) {
                throw usage("--digit must be between 0 and " + (conditioning.classes() - 1) + ", got " + digit);
            }
        } else if (conditioning.conditional() && (interpolate != null || seedSets != null)) {
            throw usage("this generator is class-conditional: add --digit D to walk or add within one class");
        }
        Tiles tiles;
        if (interpolate != null) {
            INDArray path = LatentWalk.interpolate(seedVector(interpolate[0], source), seedVector(interpolate[1], source), steps);
            tiles = new Tiles(draw(source, conditioning, path), steps, "a walk of " + steps + " images from seed "
                    + interpolate[0] + " to seed " + interpolate[1]);
        } else if (seedSets != null) {
            tiles = arithmeticTiles(source, conditioning, seedSets);
        } else {
            tiles = samples(source, conditioning);
        }
        write(tiles);
        return 0;
    }

    /** Images and how they are laid out; blank tiles are all -1 (black). */
    private record Tiles(INDArray images, int columns, String what) {
    }

    private Tiles samples(GeneratorSource source, ClassConditioning conditioning) {
        if (conditioning.conditional() && digit == null && output.file != null) {
            // One row per class; column c of every row uses noise vector c.
            int columns = (count + conditioning.classes() - 1) / conditioning.classes();
            INDArray noise = LatentNoise.sample(seed, LatentNoise.GENERATE, 0, columns, source.latentSize());
            INDArray images = source.generator().output(FixedNoiseGrid.classRows(noise, columns, conditioning), false);
            return new Tiles(images, columns, "a grid of " + conditioning.classes() + " rows (one per class) of "
                    + columns + " images");
        }
        INDArray noise = LatentNoise.sample(seed, LatentNoise.GENERATE, 0, count, source.latentSize());
        int[] labels = null;
        if (conditioning.conditional()) {
            labels = digit != null ? filled(count, digit) : conditioning.everyClassInTurn(count);
        }
        return new Tiles(source.generator().output(conditioning.generatorInput(noise, labels), false),
                ImageGrid.columnsFor(count), count + " images" + (digit != null ? " of class " + digit : ""));
    }

    private Tiles arithmeticTiles(GeneratorSource source, ClassConditioning conditioning, long[][] sets) {
        int columns = 0;
        for (long[] set : sets) {
            columns = Math.max(columns, set.length + 1);
        }
        INDArray[] means = new INDArray[3];
        INDArray rows = Nd4j.zeros(DataType.FLOAT, 4L * columns, source.latentSize());
        boolean[] blank = new boolean[4 * columns];
        java.util.Arrays.fill(blank, true);
        for (int r = 0; r < 3; r++) {
            INDArray vectors = Nd4j.vstack(java.util.Arrays.stream(sets[r]).mapToObj(sd -> seedVector(sd, source))
                    .toArray(INDArray[]::new));
            means[r] = vectors.mean(true, 0);
            for (int i = 0; i < sets[r].length; i++) {
                rows.putRow((long) r * columns + i, vectors.getRow(i));
                blank[r * columns + i] = false;
            }
            rows.putRow((long) r * columns + columns - 1, means[r]);
            blank[r * columns + columns - 1] = false;
        }
        rows.putRow(4L * columns - 1, LatentWalk.arithmetic(means[0], means[1], means[2]));
        blank[4 * columns - 1] = false;
        INDArray images = draw(source, conditioning, rows);
        for (int i = 0; i < blank.length; i++) {
            if (blank[i]) {
                images.get(NDArrayIndex.point(i)).assign(-1);
            }
        }
        return new Tiles(images, columns, "latent arithmetic: rows A, B, C (seeds, then their mean), "
                + "result mean(A) - mean(B) + mean(C) at the bottom right");
    }

    private INDArray draw(GeneratorSource source, ClassConditioning conditioning, INDArray noise) {
        int n = (int) noise.size(0);
        return source.generator().output(conditioning.generatorInput(noise,
                conditioning.conditional() ? filled(n, digit) : null), false);
    }

    /** The noise vector of {@code generate --seed S}'s first image: [1, latent]. */
    private static INDArray seedVector(long s, GeneratorSource source) {
        return LatentNoise.sample(s, LatentNoise.GENERATE, 0, 1, source.latentSize());
    }

    private void write(Tiles tiles) throws IOException {
        int n = (int) tiles.images().size(0);
        if (output.file != null) {
            ImageGrid.writePng(ImageGrid.tile(tiles.images(), tiles.columns()), output.file);
            LOG.info("wrote {} to {}", tiles.what(), output.file);
        } else {
            Files.createDirectories(output.dir);
            for (int i = 0; i < n; i++) {
                ImageGrid.writePng(ImageGrid.single(tiles.images(), i), output.dir.resolve(String.format("sample-%05d.png", i)));
            }
            LOG.info("wrote {} to {} as separate files", tiles.what(), output.dir);
        }
    }

    private long[][] parseSeedSets(String text) {
        String[] parts = text.split("/", -1);
        if (parts.length != 3) {
            throw usage("--arithmetic takes three seed sets A/B/C (e.g. 1,2,3/4,5,6/7,8,9), got '" + text + "'");
        }
        long[][] sets = new long[3][];
        for (int i = 0; i < 3; i++) {
            try {
                sets[i] = java.util.Arrays.stream(parts[i].split(",")).map(String::trim).mapToLong(Long::parseLong).toArray();
            } catch (NumberFormatException e) {
                throw usage("--arithmetic: set " + "ABC".charAt(i) + " '" + parts[i] + "' is not a comma-separated list of seeds");
            }
        }
        return sets;
    }

    private static int[] filled(int n, int value) {
        int[] a = new int[n];
        java.util.Arrays.fill(a, value);
        return a;
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
