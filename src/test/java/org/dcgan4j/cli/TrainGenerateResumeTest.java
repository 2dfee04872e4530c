package org.dcgan4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.dcgan4j.checkpoint.Checkpoint;
import org.dcgan4j.checkpoint.CheckpointStore;
import org.dcgan4j.model.AdamSettings;
import org.dcgan4j.train.GanModels;
import org.dcgan4j.train.StandingStatistics;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.dcgan4j.data.IdxTestFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Short real runs through the command line, on small networks. */
class TrainGenerateResumeTest {

    @TempDir
    static Path shared;
    static Path data;

    /** Small, fast, unconditional networks; 40 images in batches of 16 = 2 batches per epoch. */
    // The DCGAN paper's rate, which these tests were written against: at twice that the
    // width-4 networks' grids came out uniformly grey within these few iterations.
    private static final List<String> SMALL = List.of("--lr", "2e-4", "--batch", "16", "--latent-size", "8",
            "--g-width", "4", "--d-width", "4", "--grid-size", "9", "--seed", "7", "--no-conditional");

    @BeforeAll
    static void makeData() throws Exception {
        data = IdxTestFiles.mnistFolder(shared.resolve("data"), 40, 10);
    }

    private static CliRunner.Result train(Path run, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("train", "--data", data.toString(), "--run", run.toString()));
        args.addAll(SMALL);
        args.addAll(List.of(extra));
        return CliRunner.run(args.toArray(String[]::new));
    }

    @Test
    void shortRunWritesConfigGridsMetricsAndCheckpointsThatGenerateReproducibly(@TempDir Path tmp) throws Exception {
        Path run = tmp.resolve("run");
        CliRunner.Result r = train(run, "--iterations", "6", "--sample-every", "3", "--checkpoint-every", "3");
        assertThat(r.exitCode()).as(r.err()).isZero();

        assertThat(run.resolve("config.json")).content().contains("\"iterations\" : 6").contains("\"generatorWidth\" : 4");
        assertThat(run.resolve("train.log")).content().contains("40 images, 40 labels in 10 classes, 28x28");
        BufferedImage grid = ImageIO.read(run.resolve("samples/iter-000006.png").toFile());
        assertThat(grid.getWidth()).isEqualTo(3 * 30 + 2);
        assertThat(run.resolve("samples/iter-000003.png")).exists();
        List<String> metrics = Files.readAllLines(run.resolve("metrics.csv"));
        assertThat(metrics).hasSize(7);
        assertThat(metrics.get(0)).isEqualTo("iteration,epoch,loss_d,loss_g,d_x,d_g_z,images_per_s,fd,inception_score,"
                + "kid,kid_se,precision,recall,density,coverage");
        assertThat(metrics.get(6)).startsWith("6,2,");
        for (String it : new String[] {"iter-00000003", "iter-00000006"}) {
            assertThat(run.resolve("checkpoints").resolve(it).resolve("generator.zip")).isNotEmptyFile();
            assertThat(run.resolve("checkpoints").resolve(it).resolve("discriminator.zip")).isNotEmptyFile();
        }

        Path a = tmp.resolve("a.png");
        Path b = tmp.resolve("b.png");
        Path c = tmp.resolve("c.png");
        assertThat(CliRunner.run("generate", "--from", run.toString(), "--seed", "5", "--count", "10", "--out", a.toString()).exitCode()).isZero();
        assertThat(CliRunner.run("generate", "--from", run.resolve("checkpoints/iter-00000006").toString(), "--seed", "5", "--count", "10", "--out", b.toString()).exitCode()).isZero();
        assertThat(CliRunner.run("generate", "--from", run.toString(), "--seed", "6", "--count", "10", "--out", c.toString()).exitCode()).isZero();
        assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b)).isNotEqualTo(Files.readAllBytes(c));
        Path raw = tmp.resolve("raw.png");
        assertThat(CliRunner.run("generate", "--from", run.toString(), "--seed", "5", "--count", "10", "--raw-g", "--out", raw.toString()).exitCode()).isZero();
        assertThat(Files.readAllBytes(raw)).isNotEqualTo(Files.readAllBytes(a)); // raw G differs from its average
        assertThat(ImageIO.read(a.toFile()).getWidth()).isEqualTo(4 * 30 + 2); // 10 images: 4 columns

        Path dir = tmp.resolve("singles");
        assertThat(CliRunner.run("generate", "--from", run.toString(), "--count", "3", "--out-dir", dir.toString()).exitCode()).isZero();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
                    "sample-00000.png", "sample-00001.png", "sample-00002.png");
        }
        BufferedImage single = ImageIO.read(dir.resolve("sample-00000.png").toFile());
        assertThat(single.getWidth()).isEqualTo(28);
        assertThat(single.getHeight()).isEqualTo(28);
        assertThat(single.getType()).isEqualTo(BufferedImage.TYPE_BYTE_GRAY);
    }

    @Test
    void walksStartAndEndOnTheSeedsImagesAndArithmeticAddsUp(@TempDir Path tmp) throws Exception {
        Path run = tmp.resolve("run");
        assertThat(train(run, "--iterations", "3", "--checkpoint-every", "3").exitCode()).isZero();
        Path strip = tmp.resolve("walk.png");
        CliRunner.Result r = CliRunner.run("generate", "--from", run.toString(), "--interpolate", "11,12", "--steps", "6",
                "--out", strip.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        Path a = tmp.resolve("a.png");
        Path b = tmp.resolve("b.png");
        assertThat(CliRunner.run("generate", "--from", run.toString(), "--seed", "11", "--count", "1", "--out", a.toString()).exitCode()).isZero();
        assertThat(CliRunner.run("generate", "--from", run.toString(), "--seed", "12", "--count", "1", "--out", b.toString()).exitCode()).isZero();
        BufferedImage walk = ImageIO.read(strip.toFile());
        assertThat(walk.getWidth()).isEqualTo(6 * 30 + 2);
        assertThat(walk.getHeight()).isEqualTo(30 + 2);
        assertThat(tile(walk, 0, 0)).isEqualTo(tile(ImageIO.read(a.toFile()), 0, 0));
        assertThat(tile(walk, 5, 0)).isEqualTo(tile(ImageIO.read(b.toFile()), 0, 0));
        assertThat(tile(walk, 2, 0)).isNotEqualTo(tile(walk, 0, 0)).isNotEqualTo(tile(walk, 5, 0));

        Path sum = tmp.resolve("sum.png");
        r = CliRunner.run("generate", "--from", run.toString(), "--arithmetic", "1,2/3/4,5,6", "--out", sum.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        BufferedImage grid = ImageIO.read(sum.toFile());
        assertThat(grid.getWidth()).isEqualTo(4 * 30 + 2); // 3 seeds + mean
        assertThat(grid.getHeight()).isEqualTo(4 * 30 + 2); // A, B, C, result
        Path seed4 = tmp.resolve("s4.png");
        assertThat(CliRunner.run("generate", "--from", run.toString(), "--seed", "4", "--count", "1", "--out", seed4.toString()).exitCode()).isZero();
        assertThat(tile(grid, 0, 2)).isEqualTo(tile(ImageIO.read(seed4.toFile()), 0, 0));
        assertThat(tile(grid, 0, 3)).containsOnly(0); // blank
        assertThat(tile(grid, 3, 3)).isNotEqualTo(tile(grid, 0, 3));

        CliRunner.Result bad = CliRunner.run("generate", "--from", run.toString(), "--arithmetic", "1,2/x", "--out", sum.toString());
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("--arithmetic takes three seed sets");
        CliRunner.Result digit = CliRunner.run("generate", "--from", run.toString(), "--digit", "3", "--out", sum.toString());
        assertThat(digit.exitCode()).isNotZero();
        assertThat(digit.err()).contains("--digit needs a class-conditional generator");
    }

    /** The 28x28 pixels of tile (column, row) of a grid PNG. */
    private static int[] tile(BufferedImage grid, int column, int row) {
        return grid.getRaster().getPixels(2 + column * 30, 2 + row * 30, 28, 28, (int[]) null);
    }

    /** Stopping at 3 stops mid-epoch; at 4, exactly at an epoch's end. */
    @ParameterizedTest
    @ValueSource(ints = {3, 4})
    void runStoppedAtACheckpointAndResumedEndsExactlyLikeAnUninterruptedOne(int stopAt, @TempDir Path tmp) throws Exception {
        Path whole = tmp.resolve("whole");
        Path split = tmp.resolve("split");
        assertThat(train(whole, "--iterations", "7", "--checkpoint-every", "100").exitCode()).isZero();
        assertThat(train(split, "--iterations", String.valueOf(stopAt), "--checkpoint-every", "100").exitCode()).isZero();

        CliRunner.Result resumed = CliRunner.run("resume", "--run", split.toString(), "--iterations", "7");

        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        Checkpoint a = CheckpointStore.load(whole.resolve("checkpoints/iter-00000007"));
        Checkpoint b = CheckpointStore.load(split.resolve("checkpoints/iter-00000007"));
        assertThat(b.state().progress()).isEqualTo(a.state().progress());
        // Bit-exact: same data order, same noise, same Adam state.
        assertThat(b.models().generator().params()).isEqualTo(a.models().generator().params());
        assertThat(b.models().discriminator().params()).isEqualTo(a.models().discriminator().params());
        assertThat(b.models().generatorEma().params()).isEqualTo(a.models().generatorEma().params());
        assertThat(b.models().generator().getUpdater().getStateViewArray())
                .isEqualTo(a.models().generator().getUpdater().getStateViewArray());
        List<String> metrics = Files.readAllLines(split.resolve("metrics.csv"));
        assertThat(metrics).hasSize(8);
        assertThat(metrics.stream().skip(1).map(l -> l.substring(0, l.indexOf(',')))).containsExactly("1", "2", "3", "4", "5", "6", "7");
        List<String> wholeMetrics = Files.readAllLines(whole.resolve("metrics.csv"));
        for (int i = 1; i < 8; i++) {
            // Same iteration, epoch, losses and D outputs row by row (images/s, column 7, differs).
            assertThat(java.util.Arrays.copyOf(metrics.get(i).split(","), 6))
                    .isEqualTo(java.util.Arrays.copyOf(wholeMetrics.get(i).split(","), 6));
        }
        assertThat(Files.readAllBytes(split.resolve("samples/iter-000007.png")))
                .isEqualTo(Files.readAllBytes(whole.resolve("samples/iter-000007.png")));
    }

    /**
     * Every lever of issue #11 at once: spectral norm (its power-iteration vectors live in D's
     * saved configuration), hinge loss, separate learning rates, the moving average in images with
     * standing statistics, instance noise, a decaying learning rate, DiffAugment with its adaptive
     * probability, the minibatch standard deviation in D. A resumed run still ends
     * bit-identical to an uninterrupted one.
     */
    @Test
    void runWithEveryLeverStoppedAndResumedEndsExactlyLikeAnUninterruptedOne(@TempDir Path tmp) throws Exception {
        String[] levers = {"--spectral-norm", "--loss", "hinge", "--lr-d", "4e-4", "--lr-g", "1e-4",
                "--ema-kimg", "0.1", "--standing-stats", "--instance-noise", "0.1", "--instance-noise-until", "7",
                "--lr-decay", "--lr-decay-until", "7", "--diff-augment", "translation+cutout", "--augment-target", "0.01", "--minibatch-std", "4", "--sample-every", "2"};
        Path whole = tmp.resolve("whole");
        Path split = tmp.resolve("split");
        // A checkpoint at 5, where no grid is drawn: the checkpoint itself measures the statistics.
        List<String> wholeArgs = new java.util.ArrayList<>(List.of("--iterations", "7", "--checkpoint-every", "5"));
        wholeArgs.addAll(List.of(levers));
        List<String> splitArgs = new java.util.ArrayList<>(List.of("--iterations", "3", "--checkpoint-every", "100"));
        splitArgs.addAll(List.of(levers));
        assertThat(train(whole, wholeArgs.toArray(String[]::new)).exitCode()).isZero();
        assertThat(train(split, splitArgs.toArray(String[]::new)).exitCode()).isZero();

        CliRunner.Result resumed = CliRunner.run("resume", "--run", split.toString(), "--iterations", "7");

        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        Checkpoint a = CheckpointStore.load(whole.resolve("checkpoints/iter-00000007"));
        Checkpoint b = CheckpointStore.load(split.resolve("checkpoints/iter-00000007"));
        assertThat(a.state().config().recipe().spectralNorm()).isTrue();
        assertThat(b.state().config().recipe().augmentation()).isEqualTo("translation,cutout");
        // The adaptive probability is part of the state: the resumed run goes on from the one saved at 3.
        assertThat(b.state().augmentationProbability()).isPositive().isEqualTo(a.state().augmentationProbability());
        assertThat(a.models().discriminator().getLearningRate(0)).isEqualTo(4e-4);
        assertThat(a.models().generator().getLearningRate(0)).isEqualTo(1e-4);
        // The decay is in the saved networks: a tenth at iteration 7, in between on the way.
        assertThat(AdamSettings.rateAt(a.models().generator(), 7)).isCloseTo(1e-5, within(1e-15));
        assertThat(AdamSettings.rateAt(b.models().discriminator(), 3)).isCloseTo(4e-4 * (1 - 0.9 * 3 / 7), within(1e-15));
        assertThat(b.models().discriminator().getLayerWiseConfigurations().toJson()).contains("\"u\"")
                .isEqualTo(a.models().discriminator().getLayerWiseConfigurations().toJson());
        assertThat(b.models().generator().params()).isEqualTo(a.models().generator().params());
        assertThat(b.models().discriminator().params()).isEqualTo(a.models().discriminator().params());
        assertThat(b.models().generatorEma().params()).isEqualTo(a.models().generatorEma().params());
        assertThat(b.models().discriminator().getUpdater().getStateViewArray())
                .isEqualTo(a.models().discriminator().getUpdater().getStateViewArray());
        Checkpoint five = CheckpointStore.load(whole.resolve("checkpoints/iter-00000005"));
        INDArray saved = five.models().generatorEma().params().dup();
        GanModels reloaded = five.models().withStandingStatistics(StandingStatistics.forRun(five.state().config()));
        assertThat(reloaded.sampler().params()).as("the saved average already has its standing statistics")
                .isEqualTo(saved);
        assertThat(Files.readAllBytes(split.resolve("samples/iter-000006.png")))
                .isEqualTo(Files.readAllBytes(whole.resolve("samples/iter-000006.png")));
        assertThat(Files.readAllBytes(split.resolve("samples/iter-000007.png")))
                .isEqualTo(Files.readAllBytes(whole.resolve("samples/iter-000007.png")));
    }

    /**
     * A resume that goes back past a damaged newest checkpoint trains through its iteration
     * again: the damaged folder is replaced, not kept, and {@code latest} names the newest.
     */
    @Test
    void resumePastADamagedCheckpointRewritesItAndEndsLikeAnUndamagedRun(@TempDir Path tmp) throws Exception {
        Path whole = tmp.resolve("whole");
        Path damaged = tmp.resolve("damaged");
        assertThat(train(whole, "--iterations", "6", "--checkpoint-every", "2").exitCode()).isZero();
        assertThat(train(damaged, "--iterations", "4", "--checkpoint-every", "2").exitCode()).isZero();
        Path zip = damaged.resolve("checkpoints/iter-00000004/generator.zip");
        Files.write(zip, java.util.Arrays.copyOf(Files.readAllBytes(zip), 100));

        CliRunner.Result resumed = CliRunner.run("resume", "--run", damaged.toString(), "--iterations", "6");

        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        Path checkpoints = damaged.resolve("checkpoints");
        List<Path> left = new CheckpointStore(checkpoints, 3).list();
        assertThat(left).extracting(p -> p.getFileName().toString())
                .containsExactly("iter-00000006", "iter-00000004", "iter-00000002");
        for (Path p : left) {
            CheckpointStore.load(p); // throws if damaged
        }
        assertThat(Files.readString(checkpoints.resolve(CheckpointStore.LATEST)).trim()).isEqualTo("iter-00000006");
        try (var entries = Files.list(checkpoints)) {
            assertThat(entries.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".tmp-"));
        }
        Checkpoint a = CheckpointStore.load(whole.resolve("checkpoints/iter-00000006"));
        Checkpoint b = CheckpointStore.load(checkpoints.resolve("iter-00000006"));
        assertThat(b.models().generator().params()).isEqualTo(a.models().generator().params());
        assertThat(b.models().discriminator().params()).isEqualTo(a.models().discriminator().params());
        assertThat(CheckpointStore.load(checkpoints.resolve("iter-00000004")).models().generator().params())
                .isEqualTo(CheckpointStore.load(whole.resolve("checkpoints/iter-00000004")).models().generator().params());
    }

    @Test
    void dryRunTrainsTwoIterationsWithAGridAndACheckpointEach(@TempDir Path tmp) throws Exception {
        Path run = tmp.resolve("run");
        CliRunner.Result r = train(run, "--dry-run");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(run.resolve("samples/iter-000001.png")).exists();
        assertThat(run.resolve("samples/iter-000002.png")).exists();
        assertThat(new CheckpointStore(run.resolve("checkpoints"), 3).list()).extracting(p -> p.getFileName().toString())
                .containsExactly("iter-00000002", "iter-00000001");
        assertThat(Files.readAllLines(run.resolve("metrics.csv"))).hasSize(3);
        assertThat(run.resolve("config.json")).content().contains("\"iterations\" : 2");
    }

    /** A bare generator.zip carries no config: it is taken as unconditional and sampled like a run. */
    @Test
    void generateFromABareGeneratorZip(@TempDir Path tmp) throws Exception {
        Path run = tmp.resolve("run");
        assertThat(train(run, "--iterations", "2", "--checkpoint-every", "2").exitCode()).isZero();
        Path zip = run.resolve("checkpoints/iter-00000002/generator.zip");
        Path a = tmp.resolve("a.png");
        Path b = tmp.resolve("b.png");
        CliRunner.Result r = CliRunner.run("generate", "--from", zip.toString(), "--seed", "3", "--count", "4", "--out", a.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(CliRunner.run("generate", "--from", zip.toString(), "--seed", "3", "--count", "4", "--out", b.toString()).exitCode()).isZero();
        BufferedImage grid = ImageIO.read(a.toFile());
        assertThat(grid.getWidth()).isEqualTo(2 * 30 + 2);
        assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
    }

    /**
     * Without --conditional or --no-conditional a run is class-conditional when its data has
     * labels and unconditional when it has none; --no-conditional overrides the labels.
     */
    @Test
    void aRunIsConditionalExactlyWhenItsDataHasLabelsUnlessToldOtherwise(@TempDir Path tmp) throws Exception {
        Path unlabelled = tmp.resolve("unlabelled");
        IdxTestFiles.write(unlabelled.resolve("train-images-idx3-ubyte"), IdxTestFiles.images(20, 28, 28));
        String[][] cases = {{data.toString()}, {data.toString(), "--no-conditional"}, {unlabelled.toString()}};
        int[] classes = {10, 0, 0};
        String[] logged = {"GAN: class-conditional on 10 classes", "GAN: unconditional", "GAN: unconditional"};
        for (int i = 0; i < cases.length; i++) {
            Path run = tmp.resolve("run" + i);
            List<String> args = new java.util.ArrayList<>(List.of("train", "--data"));
            args.addAll(List.of(cases[i]));
            args.addAll(List.of("--run", run.toString(), "--iterations", "1", "--batch", "8", "--latent-size", "8",
                    "--g-width", "4", "--d-width", "4", "--grid-size", "4"));
            CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
            assertThat(r.exitCode()).as(r.err()).isZero();
            Checkpoint c = CheckpointStore.load(run.resolve("checkpoints/iter-00000001"));
            assertThat(c.state().config().architecture().classes()).as(String.join(" ", cases[i])).isEqualTo(classes[i]);
            assertThat(run.resolve("train.log")).content().contains(logged[i]);
        }
    }

    @Test
    void splitTestTrainsOnTheT10kHalf(@TempDir Path tmp) throws Exception {
        Path run = tmp.resolve("run");
        CliRunner.Result r = CliRunner.run("train", "--data", data.toString(), "--run", run.toString(), "--split", "test",
                "--iterations", "1", "--batch", "8", "--latent-size", "8", "--g-width", "4", "--d-width", "4",
                "--grid-size", "4");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(run.resolve("config.json")).content().contains("\"split\" : \"TEST\"");
        assertThat(run.resolve("train.log")).content().contains("t10k-images-idx3-ubyte.gz").contains("10 images");
    }

    /** A folder of PNGs with one sub-folder per class is a data set too. */
    @Test
    void trainsOnAnImageFolder(@TempDir Path tmp) throws Exception {
        Path images = tmp.resolve("images");
        java.util.Random random = new java.util.Random(1);
        for (String label : new String[] {"cats", "dogs"}) {
            Files.createDirectories(images.resolve(label));
            for (int i = 0; i < 10; i++) {
                BufferedImage img = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
                for (int y = 0; y < 28; y++) {
                    for (int x = 0; x < 28; x++) {
                        img.getRaster().setSample(x, y, 0, random.nextInt(256));
                    }
                }
                ImageIO.write(img, "png", images.resolve(label).resolve(i + ".png").toFile());
            }
        }
        Path run = tmp.resolve("run");
        CliRunner.Result r = CliRunner.run("train", "--data", images.toString(), "--run", run.toString(), "--iterations", "2",
                "--batch", "8", "--latent-size", "8", "--g-width", "4", "--d-width", "4", "--grid-size", "4");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(run.resolve("train.log")).content().contains("20 images");
        assertThat(run.resolve("checkpoints/iter-00000002")).isDirectory();
    }

    @Test
    void maxMinutesStopsTheRunWithACheckpointAndResumeFinishesIt(@TempDir Path tmp) throws Exception {
        Path run = tmp.resolve("run");
        CliRunner.Result r = train(run, "--iterations", "100000", "--checkpoint-every", "100000", "--max-minutes", "0.03");
        assertThat(r.exitCode()).as(r.err()).isZero();
        Checkpoint last = new CheckpointStore(run.resolve("checkpoints"), 3).loadNewestValid(s -> { });
        long stoppedAt = last.state().iteration();
        assertThat(stoppedAt).isBetween(1L, 99_999L);
        assertThat(Files.readString(run.resolve("train.log"))).contains("stopped at iteration " + stoppedAt + "/100000");
        assertThat(Files.readString(run.resolve("status.json"))).contains("\"state\" : \"stopped\"");

        CliRunner.Result more = CliRunner.run("resume", "--run", run.toString(), "--iterations", String.valueOf(stoppedAt + 3));
        assertThat(more.exitCode()).as(more.err()).isZero();
        assertThat(run.resolve("checkpoints").resolve(CheckpointStore.nameFor(stoppedAt + 3))).isDirectory();
        assertThat(Files.readString(run.resolve("train.log"))).contains("resume: total iterations 100000 -> " + (stoppedAt + 3));
    }
}
