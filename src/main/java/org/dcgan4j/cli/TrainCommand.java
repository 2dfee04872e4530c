package org.dcgan4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.dcgan4j.data.DataSplit;
import org.dcgan4j.data.DigitDataset;
import org.dcgan4j.data.DigitDatasetLoader;
import org.dcgan4j.model.AdamSettings;
import org.dcgan4j.model.Architecture;
import org.dcgan4j.train.DifferentiableAugmentation;
import org.dcgan4j.train.GanLoss;
import org.dcgan4j.train.TrainingConfig;
import org.dcgan4j.train.TrainingRecipe;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code dcgan4j train}: a new run in a new folder. Every default is declared here, once. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train a DCGAN on 28x28 digit images; writes grids, metrics and checkpoints to a run folder.")
final class TrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    BackendOption backendOption;

    @Mixin
    TensorBoardOption tensorBoardOption;

    /** Images to train on: IDX folder or file, or a folder of PNG/JPEG images. Default: the embedded MNIST digits. */
    @Option(names = "--data", paramLabel = "PATH",
            description = "IDX folder/file or PNG/JPEG folder (default: embedded data/mnist-embedded).")
    Path data;

    /** Which half of a folder holding train-* and t10k-* sets to train on. Default: train. */
    @Option(names = "--split", paramLabel = "train|test", defaultValue = "train",
            description = "Train or test half of an IDX folder that has both (default: ${DEFAULT-VALUE}).")
    String split;

    /** Run folder. Default: a new numbered folder under checkpoints/, e.g. checkpoints/00003-mnist. */
    @Option(names = "--run", paramLabel = "DIR",
            description = "Run folder; must be new or empty (default: next checkpoints/NNNNN-<data>).")
    Path run;

    /** Total iterations; one iteration = one D step (real + fake batch) and one G step. Default: 3000 (the README gives its run time on these machines). */
    @Option(names = "--iterations", paramLabel = "N", defaultValue = "3000",
            description = "Total iterations (default: ${DEFAULT-VALUE}; about 7 min on 2 AMD EPYC cores, see the README).")
    long iterations;

    /** Images per batch. Default: 64. */
    @Option(names = "--batch", paramLabel = "N", defaultValue = "64",
            description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batch;

    /** Iterations between sample grids. Default: 100. */
    @Option(names = "--sample-every", paramLabel = "N", defaultValue = "100",
            description = "Write samples/iter-NNNNNN.png every N iterations (default: ${DEFAULT-VALUE}).")
    long sampleEvery;

    /** Iterations between checkpoints; one is also written at the end. Default: 500. */
    @Option(names = "--checkpoint-every", paramLabel = "N", defaultValue = "500",
            description = "Write a checkpoint every N iterations and at the end (default: ${DEFAULT-VALUE}).")
    long checkpointEvery;

    /** Newest checkpoints kept. Default: 3. */
    @Option(names = "--keep-checkpoints", paramLabel = "K", defaultValue = "3",
            description = "Keep the newest K checkpoints (default: ${DEFAULT-VALUE}).")
    int keepCheckpoints;

    /** Also keep every checkpoint whose iteration is a multiple of M. Default: 0 (none). */
    @Option(names = "--keep-every", paramLabel = "M", defaultValue = "0",
            description = "Also keep checkpoints at multiples of M iterations (default: ${DEFAULT-VALUE}, none).")
    long keepEvery;

    /** Wall-clock budget: stop with a checkpoint after this many minutes. Default: 0 (none). */
    @Option(names = "--max-minutes", paramLabel = "MIN", defaultValue = "0",
            description = "Stop (with a checkpoint) after MIN minutes of training (default: ${DEFAULT-VALUE}, no limit).")
    double maxMinutes;

    /** Seed of weights, data order and noise. Default: 42. */
    @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
            description = "Seed of weights, data order and noise (default: ${DEFAULT-VALUE}).")
    long seed;

    /** Length of the noise vector z. */
    @Option(names = "--latent-size", paramLabel = "N", defaultValue = "" + Architecture.DEFAULT_LATENT_SIZE,
            description = "Noise vector length (default: ${DEFAULT-VALUE}).")
    int latentSize;

    /** Generator width: channels at 14x14 (twice that at 7x7). */
    @Option(names = "--g-width", paramLabel = "N", defaultValue = "" + Architecture.DEFAULT_WIDTH,
            description = "Generator channels at 14x14; 7x7 has twice as many (default: ${DEFAULT-VALUE}).")
    int generatorWidth;

    /** Discriminator width: channels at 14x14 (twice that at 7x7). */
    @Option(names = "--d-width", paramLabel = "N", defaultValue = "" + Architecture.DEFAULT_WIDTH,
            description = "Discriminator channels at 14x14; 7x7 has twice as many (default: ${DEFAULT-VALUE}).")
    int discriminatorWidth;

    /**
     * A default run's Adam learning rate: sixteen times the DCGAN paper's, which in a 3,000-iteration
     * run left G learning too slowly. The best of 2e-4 to 6.4e-3 measured here, on every one of
     * three seeds against half of it (README, "Why these defaults").
     */
    static final double DEFAULT_LEARNING_RATE = 16 * AdamSettings.DCGAN_LEARNING_RATE;

    /** Adam learning rate for G and D. */
    @Option(names = "--lr", paramLabel = "RATE", defaultValue = "" + DEFAULT_LEARNING_RATE,
            description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
    double learningRate;

    /** Let Adam's rate fall linearly to a tenth of it at the run's last iteration, then stay. Default: off (constant). */
    @Option(names = "--lr-decay",
            description = "Adam's rates fall linearly to a tenth at the run's last iteration and stay there if a resume "
                    + "trains longer (default: off, constant rates).")
    boolean lrDecay;

    /** With --lr-decay: the iteration where the rate reaches a tenth (kept when a resume trains longer). Default: --iterations. */
    @Option(names = "--lr-decay-until", paramLabel = "N",
            description = "With --lr-decay: the iteration where the rates reach a tenth (default: --iterations).")
    Long lrDecayUntil;

    /** Adam learning rate of G alone (TTUR). Default: none, G uses --lr. */
    @Option(names = "--lr-g", paramLabel = "RATE",
            description = "Adam learning rate of G (default: --lr).")
    Double generatorLearningRate;

    /** Adam learning rate of D alone (TTUR, e.g. --lr-d 4e-4 --lr-g 1e-4). Default: none, D uses --lr. */
    @Option(names = "--lr-d", paramLabel = "RATE",
            description = "Adam learning rate of D (default: --lr); e.g. --lr-d 4e-4 --lr-g 1e-4 (TTUR).")
    Double discriminatorLearningRate;

    /** The adversarial loss: bce (D: binary cross-entropy, G: non-saturating) or hinge. Default: bce. */
    @Option(names = "--loss", paramLabel = "bce|hinge", defaultValue = "bce",
            description = "Adversarial loss: bce (non-saturating, the DCGAN's) or hinge (default: ${DEFAULT-VALUE}).")
    String loss;

    /** D without BatchNormalization, its weights spectrally normalised after every step. Default: off. */
    @Option(names = "--spectral-norm",
            description = "Spectral normalisation of D's weights, and no BatchNormalization in D (default: off).")
    boolean spectralNorm;

    /** Half-life of G's moving average in thousands of images (StyleGAN2-ADA's ema_kimg). Default: 0, the decay ramp in iterations up to 0.999. */
    @Option(names = "--ema-kimg", paramLabel = "K", defaultValue = "0",
            description = "Half-life of G's moving average in thousands of images, as StyleGAN2-ADA (default: "
                    + "${DEFAULT-VALUE}: decay min(0.999, (1+t)/(10+t)) over iterations t).")
    double emaKimg;

    /** With --ema-kimg: the half-life is at most this fraction of the images seen so far. Default: 0.05 (StyleGAN2-ADA's ema_rampup). */
    @Option(names = "--ema-rampup", paramLabel = "R", defaultValue = "0.05",
            description = "With --ema-kimg: half-life at most R times the images seen so far, 0 for none "
                    + "(default: ${DEFAULT-VALUE}).")
    double emaRampup;

    /** Recompute the BatchNormalization statistics of G's moving average from noise before each use. Default: off. */
    @Option(names = "--standing-stats",
            description = "Measure the BatchNormalization statistics of G's moving average on 512 noise vectors before "
                    + "every grid, evaluation and checkpoint (default: off).")
    boolean standingStats;

    /** Standard deviation of the noise added to every image D sees, falling linearly to 0 at the run's --iterations. Default: 0 (off). */
    @Option(names = "--instance-noise", paramLabel = "SIGMA", defaultValue = "0",
            description = "Gaussian noise of this standard deviation (pixels in [-1, 1]) on every image D sees, "
                    + "falling linearly to 0 at the run's last iteration (default: ${DEFAULT-VALUE}, off).")
    double instanceNoise;

    /** With --instance-noise: the iteration where the noise reaches 0 (kept when a resume trains longer). Default: --iterations. */
    @Option(names = "--instance-noise-until", paramLabel = "N",
            description = "With --instance-noise: the iteration where it reaches 0 (default: --iterations).")
    Long instanceNoiseUntil;

    /** DiffAugment's transformations of every image D sees, real and fake: translation, cutout or both. Default: none. */
    @Option(names = "--diff-augment", paramLabel = "POLICY", defaultValue = "none",
            description = "DiffAugment on every image D sees, real and fake, with G learning through it: translation "
                    + "(up to 4 pixels), cutout (a 14x14 square of background) or translation,cutout "
                    + "(default: ${DEFAULT-VALUE}).")
    String diffAugment;

    /** With --diff-augment: the mean sign of D's logits on real images that an adaptive probability steers to. Default: 0 (every image augmented). */
    @Option(names = "--augment-target", paramLabel = "R", defaultValue = "0",
            description = "With --diff-augment: augment each image with a probability that starts at 0 and adapts so "
                    + "that D's mean logit sign on real images stays near R, as StyleGAN2-ADA (0.6) "
                    + "(default: ${DEFAULT-VALUE}: every image).")
    double augmentTarget;

    /** Images per group of D's minibatch standard-deviation feature (StyleGAN2: 4). Default: 0 (off). */
    @Option(names = "--minibatch-std", paramLabel = "GROUP", defaultValue = "0",
            description = "Give D the standard deviation of its features over groups of GROUP images as one more "
                    + "input plane of its last layer, as ProGAN and StyleGAN2 (4); --batch must be a multiple "
                    + "(default: ${DEFAULT-VALUE}, off).")
    int minibatchStd;

    /** Adam beta1. */
    @Option(names = "--beta1", paramLabel = "B", defaultValue = "" + AdamSettings.DCGAN_BETA1,
            description = "Adam beta1 (default: ${DEFAULT-VALUE}).")
    double beta1;

    /** Images in each sample grid. Default: 64. */
    @Option(names = "--grid-size", paramLabel = "N", defaultValue = "64",
            description = "Images per sample grid (default: ${DEFAULT-VALUE}).")
    int gridSize;

    /**
     * Floating-point type of the networks. Default and only choice for now: float32; float16 is
     * refused (see {@link #HALF_REFUSED}).
     */
    @Option(names = "--dtype", paramLabel = "float32", defaultValue = "float32",
            description = "Network data type: float32 (default: ${DEFAULT-VALUE}; float16 is not supported yet).")
    String dtype;

    /**
     * Why float16 is refused: training in it would be unsound, not merely slower. Adam's epsilon
     * of 1e-8 is 0 in float16, so steps divide by a zero second moment; gradients of order 1e-8
     * and below flush to zero without loss scaling; and with no float32 master copy, updates
     * smaller than float16's spacing near a weight are lost.
     */
    static final String HALF_REFUSED = "--dtype float16 is not supported: DL4J 1.0.0-M2.1 has no loss scaling"
            + " and no float32 master weights, and Adam's epsilon (1e-8) is 0 in float16; use float32";

    /**
     * A class-conditional GAN (G and D see the label; {@code --conditional} needs labelled data) or,
     * with {@code --no-conditional}, an unconditional one. Default: conditional when the data has
     * labels (the embedded digits do), else unconditional: in a default run it scored FD 9.4 against
     * 33.5-38.1 unconditional, with every digit at 10 +- 0.4% of the samples (README, "Why these
     * defaults").
     */
    @Option(names = "--conditional", negatable = true,
            description = "Class-conditional GAN: G and D see the digit's label (default: when the data has labels; "
                    + "--no-conditional for an unconditional GAN).")
    Boolean conditional;

    /** Iterations between quick quality evaluations (needs labelled train and t10k sets). Default: 0 (off). */
    @Option(names = "--eval-every", paramLabel = "N", defaultValue = "0",
            description = "Every N iterations score 1000 images with the digit classifier, log the Frechet distance "
                    + "and keep the best checkpoint in best/ (default: ${DEFAULT-VALUE}, off).")
    long evalEvery;

    /** Smoke test: 2 iterations with a grid and a checkpoint each, to check the setup. */
    @Option(names = "--dry-run", description = "Run 2 iterations, writing a grid and a checkpoint each: a quick setup check.")
    boolean dryRun;

    @Override
    public Integer call() throws Exception {
        return run(java.util.List.of());
    }

    /** Trains with the parsed options; {@code extraListeners} run after the run's own (the soak's report). */
    int run(java.util.List<org.dcgan4j.train.TrainingListener> extraListeners) throws Exception {
        backendOption.verify();
        TrainingConfig config = resolve();
        // Data first: bad data must fail before a run folder is created.
        DigitDataset dataset = DigitDatasetLoader.load(Path.of(config.data()), config.split());
        if (conditional != null ? conditional : dataset.hasLabels()) {
            if (!dataset.hasLabels()) {
                throw new ParameterException(spec.commandLine(), "--conditional needs labelled data; "
                        + config.data() + " has no labels (IDX labels file, or one sub-folder per class)");
            }
            config = config.withArchitecture(config.architecture().withClasses(dataset.numClasses()));
        }
        // Loaded here, so that data unfit for quality evaluation fails before a run folder exists.
        QualityData quality = config.evalEvery() > 0 ? QualityData.load(Path.of(config.data())) : null;
        if (dataset.size() < config.batchSize()) {
            throw new ParameterException(spec.commandLine(), "--batch " + config.batchSize()
                    + " is larger than the data set (" + dataset.size() + " images in " + config.data() + ")");
        }
        Path runFolder = chooseRunFolder(config);
        try (RunLock lock = RunLock.acquire(runFolder)) {
            RunLauncher launcher = new RunLauncher(new RunLayout(runFolder), maxMinutes, quality)
                    .tensorBoard(tensorBoardOption.on());
            extraListeners.forEach(launcher::withListener);
            return launcher.start(config, dataset);
        }
    }

    /** Turns the options into a config, or a usage error naming the option. */
    TrainingConfig resolve() {
        require(iterations >= 1, "--iterations must be at least 1, got " + iterations);
        require(batch >= 1, "--batch must be at least 1, got " + batch);
        require(sampleEvery >= 1, "--sample-every must be at least 1, got " + sampleEvery);
        require(checkpointEvery >= 1, "--checkpoint-every must be at least 1, got " + checkpointEvery);
        require(keepCheckpoints >= 1, "--keep-checkpoints must be at least 1, got " + keepCheckpoints);
        require(keepEvery >= 0, "--keep-every must be 0 (off) or more, got " + keepEvery);
        require(evalEvery >= 0, "--eval-every must be 0 (off) or more, got " + evalEvery);
        require(maxMinutes >= 0 && Double.isFinite(maxMinutes), "--max-minutes must be 0 (no limit) or more, got " + maxMinutes);
        require(latentSize >= 1, "--latent-size must be at least 1, got " + latentSize);
        require(generatorWidth >= 1, "--g-width must be at least 1, got " + generatorWidth);
        require(discriminatorWidth >= 1, "--d-width must be at least 1, got " + discriminatorWidth);
        require(learningRate > 0 && Double.isFinite(learningRate), "--lr must be a positive number, got " + learningRate);
        require(beta1 >= 0 && beta1 < 1, "--beta1 must be in [0, 1), got " + beta1);
        require(generatorLearningRate == null || generatorLearningRate > 0 && Double.isFinite(generatorLearningRate),
                "--lr-g must be a positive number, got " + generatorLearningRate);
        require(discriminatorLearningRate == null
                        || discriminatorLearningRate > 0 && Double.isFinite(discriminatorLearningRate),
                "--lr-d must be a positive number, got " + discriminatorLearningRate);
        require(loss.equals("bce") || loss.equals("hinge"), "--loss must be bce or hinge, got '" + loss + "'");
        require(emaKimg >= 0 && Double.isFinite(emaKimg), "--ema-kimg must be 0 (off) or more, got " + emaKimg);
        require(instanceNoise >= 0 && Double.isFinite(instanceNoise),
                "--instance-noise must be 0 (off) or more, got " + instanceNoise);
        require(instanceNoiseUntil == null || instanceNoiseUntil >= 1,
                "--instance-noise-until must be at least 1, got " + instanceNoiseUntil);
        boolean augmented;
        try {
            augmented = !DifferentiableAugmentation.parse(diffAugment).isEmpty();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--diff-augment: " + e.getMessage());
        }
        require(augmentTarget >= 0 && augmentTarget < 1,
                "--augment-target must be 0 (off) or in (0, 1), got " + augmentTarget);
        require(augmentTarget == 0 || augmented, "--augment-target needs --diff-augment");
        require(minibatchStd == 0 || minibatchStd >= 2, "--minibatch-std must be 0 (off) or at least 2, got " + minibatchStd);
        require(minibatchStd == 0 || (minibatchStd <= batch && batch % minibatchStd == 0),
                "--minibatch-std " + minibatchStd + " must divide --batch " + batch);
        require(lrDecayUntil == null || lrDecayUntil >= 1, "--lr-decay-until must be at least 1, got " + lrDecayUntil);
        require(lrDecayUntil == null || lrDecay, "--lr-decay-until needs --lr-decay");
        require(emaRampup >= 0 && Double.isFinite(emaRampup), "--ema-rampup must be 0 (none) or more, got " + emaRampup);
        require(gridSize >= 1 && gridSize <= 1024, "--grid-size must be between 1 and 1024, got " + gridSize);
        require(!dtype.equals("float16"), HALF_REFUSED);
        require(dtype.equals("float32"), "--dtype must be float32, got '" + dtype + "'");
        require(split.equalsIgnoreCase("train") || split.equalsIgnoreCase("test"),
                "--split must be train or test, got '" + split + "'");
        if (data != null) {
            require(Files.exists(data), "--data " + data + " does not exist");
        }
        long total = dryRun ? 2 : iterations;
        long samples = dryRun ? 1 : sampleEvery;
        long checkpoints = dryRun ? 1 : checkpointEvery;
        Path dataPath = data != null ? data : AppHome.embeddedData();
        return new TrainingConfig(dataPath.toAbsolutePath().normalize().toString(),
                DataSplit.valueOf(split.toUpperCase(java.util.Locale.ROOT)), total, batch, samples,
                checkpoints, keepCheckpoints, keepEvery, seed,
                new Architecture(latentSize, generatorWidth, discriminatorWidth),
                new AdamSettings(learningRate, beta1, AdamSettings.DCGAN.beta2(),
                        lrDecay ? (lrDecayUntil != null ? lrDecayUntil : total) : 0), gridSize, dtype,
                dryRun ? Math.min(evalEvery, 1) : evalEvery, 0, recipe());
    }

    /** The levers of issue #11; --lr-g and --lr-d equal to --lr are recorded as the shared rate. */
    private TrainingRecipe recipe() {
        return new TrainingRecipe(GanLoss.valueOf(loss.toUpperCase(java.util.Locale.ROOT)), emaKimg,
                emaKimg > 0 ? emaRampup : 0, standingStats, spectralNorm,
                sameAs(generatorLearningRate, learningRate), sameAs(discriminatorLearningRate, learningRate),
                instanceNoise, instanceNoise > 0 ? (instanceNoiseUntil != null ? instanceNoiseUntil : dryRun ? 2 : iterations) : 0,
                diffAugment, augmentTarget, minibatchStd);
    }

    private static Double sameAs(Double rate, double shared) {
        return rate == null || rate == shared ? null : rate;
    }

    private Path chooseRunFolder(TrainingConfig config) throws java.io.IOException {
        if (run == null) {
            String label = Path.of(config.data()).getFileName().toString()
                    .replaceFirst("-embedded$", "").replaceFirst("(-images)?[-.]idx3-ubyte(\\.gz)?$", "");
            return RunFolders.createNext(AppHome.runsRoot(), label.isEmpty() ? "run" : label);
        }
        RunLayout layout = new RunLayout(run);
        if (layout.holdsRun()) {
            throw new ParameterException(spec.commandLine(), "--run " + run
                    + " already holds a run (config.json or checkpoints); choose a new folder");
        }
        if (Files.exists(run) && !Files.isDirectory(run)) {
            throw new ParameterException(spec.commandLine(), "--run " + run + " is a file, not a folder");
        }
        Files.createDirectories(run);
        return run;
    }

    private void require(boolean ok, String message) {
        if (!ok) {
            throw new ParameterException(spec.commandLine(), message);
        }
    }
}
