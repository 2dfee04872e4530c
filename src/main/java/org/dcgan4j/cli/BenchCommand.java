package org.dcgan4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.dcgan4j.data.DataSplit;
import org.dcgan4j.data.DigitDataset;
import org.dcgan4j.data.DigitDatasetLoader;
import org.dcgan4j.data.ShuffledBatchIterator;
import org.dcgan4j.model.AdamSettings;
import org.dcgan4j.model.Architecture;
import org.dcgan4j.model.ClassConditioning;
import org.dcgan4j.model.DiscriminatorFactory;
import org.dcgan4j.model.GeneratorFactory;
import org.dcgan4j.model.LayerHelpers;
import org.dcgan4j.train.AdversarialStep;
import org.dcgan4j.train.GanModels;
import org.dcgan4j.train.LatentNoise;
import org.deeplearning4j.datasets.iterator.AsyncDataSetIterator;
import org.nd4j.linalg.api.ndarray.INDArray;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;

/**
 * {@code dcgan4j bench}: times the full training step (D on a real and a fake batch, then G
 * through D) and the data pipeline, and prints one line per measurement.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 130,
        description = "Time the training step and the data pipeline; prints ms/step, images/s, peak RSS.",
        footer = {"",
                "The yardstick is the PyTorch 2.13 CPU wheel, run right before or after on the same machine:",
                "  python3 -m venv \"$HOME/.venvs/torch2\" && \"$HOME/.venvs/torch2/bin/pip\" install \"torch==2.13.0+cpu\" numpy",
                "  \"$HOME/.venvs/torch2/bin/python\" ../shared/reference/torch_dcgan.py --device cpu --batch 64,256 --steps 30 --threads 2",
                "(../shared/reference/pair.sh N runs both N times and prints the ratios. Debian's PyTorch 1.13, /usr/bin/python3",
                "with --steps 20, is about 5x slower than the wheel: a weak yardstick.)"})
final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    BackendOption backendOption;

    /** Batch sizes to time. Default: 64,256 (the reference's). */
    @Option(names = "--batch", split = ",", paramLabel = "N[,N...]", defaultValue = "64,256",
            description = "Batch sizes (default: ${DEFAULT-VALUE}).")
    List<Integer> batches;

    /** Timed steps per batch size, after the warm-up. Default: 30. */
    @Option(names = "--steps", paramLabel = "N", defaultValue = "30",
            description = "Timed steps per batch size; the median is printed (default: ${DEFAULT-VALUE}).")
    int steps;

    /**
     * Untimed steps first. Default: 100: the JVM goes on compiling DL4J's code through the first
     * hundred or so steps (the README's Speed section), and a training run of thousands of steps
     * spends nearly all of them at the compiled speed.
     */
    @Option(names = "--warmup", paramLabel = "N", defaultValue = "100",
            description = "Untimed warm-up steps (default: ${DEFAULT-VALUE}).")
    int warmup;

    /** Data for the pipeline measurement. Default: the embedded data. */
    @Option(names = "--data", paramLabel = "PATH", description = "Data for the pipeline timing (default: embedded).")
    Path data;

    /**
     * Instead of timing steps, train a default run of this many iterations in a temporary folder
     * and print memory and pace every {@link #reportEvery} iterations. Default: 0 (no soak).
     */
    @Option(names = "--soak", paramLabel = "ITERATIONS", defaultValue = "0",
            description = "Train a default run of ITERATIONS in a temporary folder, printing RSS, off-heap bytes "
                    + "and ms/iteration every --report-every iterations (default: off).")
    long soak;

    /** Iterations between the soak's lines. Default: 500. */
    @Option(names = "--report-every", paramLabel = "N", defaultValue = "500",
            description = "Iterations between soak lines (default: ${DEFAULT-VALUE}).")
    long reportEvery;

    @Override
    public Integer call() throws Exception {
        backendOption.verify();
        if (soak < 0 || reportEvery < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    soak < 0 ? "--soak must be 0 (off) or more, got " + soak
                            : "--report-every must be at least 1, got " + reportEvery);
        }
        if (soak > 0) {
            return soak();
        }
        DigitDataset dataset = DigitDatasetLoader.load(data != null ? data : AppHome.embeddedData(), DataSplit.TRAIN);
        System.out.println(LayerHelpers.status(DiscriminatorFactory.create(Architecture.DEFAULT, AdamSettings.DCGAN, 2),
                LayerHelpers.enabled()));
        double firstStepMs = 0;
        for (int batch : batches) {
            double ms = timeStep(dataset, batch, Architecture.DEFAULT, "");
            firstStepMs = firstStepMs == 0 ? ms : firstStepMs;
        }
        timeDefaultRecipe(dataset);
        timeTensorBoard(batches.get(0), firstStepMs);
        timePipeline(dataset, 64);
        System.out.printf(Locale.ROOT, "peak_rss_mb=%d heap_max_mb=%d%n", org.dcgan4j.memory.ProcessMemory.peakRssMb(),
                Runtime.getRuntime().maxMemory() >> 20);
        return 0;
    }

    /** A real training run (data pipeline, grids, checkpoints, every listener) with the memory report on top. */
    private int soak() throws Exception {
        Path folder = Files.createTempDirectory("dcgan4j-soak-");
        List<String> args = new ArrayList<>(List.of("--run", folder.resolve("run").toString(),
                "--iterations", Long.toString(soak)));
        if (data != null) {
            args.addAll(List.of("--data", data.toString()));
        }
        TrainCommand train = new TrainCommand();
        new picocli.CommandLine(train).parseArgs(args.toArray(String[]::new));
        System.out.println("soak: " + soak + " iterations of a default run in " + folder + " (deleted at the end)");
        try {
            return train.run(List.of(new SoakReport(System.out, reportEvery)));
        } finally {
            org.dcgan4j.checkpoint.CheckpointStore.deleteTree(folder);
        }
    }

    /**
     * The cost of TensorBoard events per iteration: the listener's work for 1,000 iterations
     * (scalars, and a grid of train's default size at train's default --sample-every), against the
     * median step of batch {@code batch}.
     */
    private static void timeTensorBoard(int batch, double stepMs) throws IOException {
        GanModels models = new GanModels(
                GeneratorFactory.create(Architecture.DEFAULT, AdamSettings.DCGAN, 1),
                DiscriminatorFactory.create(Architecture.DEFAULT, AdamSettings.DCGAN, 2));
        TrainCommand defaults = trainDefaults();
        long gridEvery = defaults.sampleEvery;
        java.awt.image.BufferedImage grid = org.dcgan4j.sample.ImageGrid.tile(models.generatorEma().output(
                LatentNoise.sample(1, LatentNoise.FIXED_GRID, 0, defaults.gridSize, Architecture.DEFAULT.latentSize()),
                false), org.dcgan4j.sample.ImageGrid.columnsFor(defaults.gridSize));
        Path folder = Files.createTempDirectory("dcgan4j-bench-tensorboard-");
        try {
            Path config = folder.resolve("config.json");
            Files.writeString(config, "{}");
            org.dcgan4j.tensorboard.TensorBoardListener events = new org.dcgan4j.tensorboard.TensorBoardListener(
                    folder.resolve("tensorboard"), config, "bench", Long.MAX_VALUE, iteration -> null, () -> "ok");
            events.onStart(models, org.dcgan4j.train.TrainingProgress.START);
            java.util.Random random = new java.util.Random(1);
            int iterations = 1000;
            long t = System.nanoTime();
            for (int i = 1; i <= iterations; i++) {
                events.onIteration(models, new org.dcgan4j.train.IterationReport(
                        new org.dcgan4j.train.TrainingProgress(i, 0, i), new AdversarialStep.StepResult(
                        random.nextDouble(), random.nextDouble(), random.nextDouble(), random.nextDouble()),
                        100 + random.nextDouble(), iterations));
                if (i % gridEvery == 0) {
                    events.grid(i, grid);
                }
            }
            events.close();
            double ms = (System.nanoTime() - t) / 1e6 / iterations;
            System.out.printf(Locale.ROOT, "tensorboard ms_per_iteration=%.4f (%.3f%% of the batch-%d step; %d iterations,"
                    + " a grid every %d)%n", ms, 100 * ms / stepMs, batch, iterations, gridEvery);
        } finally {
            org.dcgan4j.checkpoint.CheckpointStore.deleteTree(folder);
        }
    }

    /**
     * The step of a default {@code train} run when it is not the reference architecture's: on
     * labelled data that run is class-conditional (D reads ten more input planes). Timed at
     * train's default batch size; the learning rate does not change the step's cost.
     */
    private void timeDefaultRecipe(DigitDataset dataset) {
        if (!dataset.hasLabels()) {
            return;
        }
        timeStep(dataset, trainDefaults().batch, Architecture.DEFAULT.withClasses(dataset.numClasses()),
                "default recipe (class-conditional, train's default run): ");
    }

    /** {@code train} with no options: where its defaults (batch, grid size, sample interval) are declared. */
    private static TrainCommand trainDefaults() {
        TrainCommand defaults = new TrainCommand();
        new picocli.CommandLine(defaults).parseArgs();
        return defaults;
    }

    /** Times the step at {@code batch}; prints (after {@code prefix}) and returns the median ms. */
    private double timeStep(DigitDataset dataset, int batch, Architecture architecture, String prefix) {
        GanModels models = new GanModels(
                GeneratorFactory.create(architecture, AdamSettings.DCGAN, 1),
                DiscriminatorFactory.create(architecture, AdamSettings.DCGAN, 2));
        AdversarialStep step = new AdversarialStep(models, new ClassConditioning(architecture));
        ShuffledBatchIterator it = new ShuffledBatchIterator(dataset, batch, 1);
        org.nd4j.linalg.dataset.DataSet first = it.next();
        INDArray real = first.getFeatures();
        INDArray labels = architecture.conditional() ? first.getLabels() : null;
        double[] ms = new double[steps];
        for (int i = 0; i < warmup + steps; i++) {
            INDArray noise = LatentNoise.sample(1, LatentNoise.TRAINING, i, batch, architecture.latentSize());
            long t = System.nanoTime();
            step.run(real, labels, noise, i, 0);
            if (i >= warmup) {
                ms[i - warmup] = (System.nanoTime() - t) / 1e6;
            }
        }
        Arrays.sort(ms);
        double median = ms[ms.length / 2];
        System.out.printf(Locale.ROOT, "%sbatch=%d ms_per_step=%.1f images_per_s=%.0f (median of %d steps after %d warm-up; min %.1f max %.1f)%n",
                prefix, batch, median, batch * 1000 / median, steps, warmup, ms[0], ms[ms.length - 1]);
        return median;
    }

    private static void timePipeline(DigitDataset dataset, int batch) {
        ShuffledBatchIterator batches = new ShuffledBatchIterator(dataset, batch, 1);
        AsyncDataSetIterator it = new AsyncDataSetIterator(batches.endless(), 4);
        long images = 0;
        long t = System.nanoTime();
        for (int i = 0; i < 3 * batches.batchesPerEpoch() && it.hasNext(); i++) {
            images += it.next().getFeatures().size(0);
        }
        double seconds = (System.nanoTime() - t) / 1e9;
        it.shutdown();
        System.out.printf(Locale.ROOT, "pipeline images_per_s=%.0f (%d images, batch %d, async prefetch)%n",
                images / seconds, images, batch);
    }
}
