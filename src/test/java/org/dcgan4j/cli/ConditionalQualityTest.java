package org.dcgan4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.dcgan4j.checkpoint.CheckpointState;
import org.dcgan4j.checkpoint.CheckpointStore;
import org.dcgan4j.eval.ClassifierScores;
import org.dcgan4j.testing.EmbeddedDigits;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A short class-conditional run on the embedded digits with the quick evaluation on: the
 * digits come out in the class asked for (as the quality classifier sees them), and the
 * evaluation's numbers land in stats.jsonl, metrics.csv and the best checkpoint.
 */
class ConditionalQualityTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    static Path run;

    @BeforeAll
    static void trainConditional() {
        EmbeddedDigits.classifier();
        run = tmp.resolve("conditional");
        CliRunner.Result r = CliRunner.run("train", "--data", EmbeddedDigits.folder().toString(), "--run", run.toString(),
                "--conditional", "--iterations", "300", "--eval-every", "100", "--checkpoint-every", "100",
                "--sample-every", "100", "--batch", "64", "--latent-size", "32", "--g-width", "32", "--d-width", "32",
                "--lr", "5e-4", "--seed", "3");
        assertThat(r.exitCode()).as(r.err()).isZero();
    }

    /** Evaluations with different options write different reports: the second does not replace the first. */
    @Test
    void evaluationsWithOtherOptionsKeepEachOthersReports() throws Exception {
        String[] common = {"evaluate", "--from", run.toString(), "--count", "300"};
        CliRunner.Result saved = CliRunner.run(common);
        assertThat(saved.exitCode()).as(saved.err()).isZero();
        CliRunner.Result raw = CliRunner.run(java.util.stream.Stream.concat(java.util.Arrays.stream(common),
                java.util.stream.Stream.of("--raw-g")).toArray(String[]::new));
        assertThat(raw.exitCode()).as(raw.err()).isZero();
        Path savedJson = run.resolve("evaluation-iter-00000300-count300.json");
        Path rawJson = run.resolve("evaluation-iter-00000300-raw-g-count300.json");
        assertThat(savedJson).exists();
        assertThat(rawJson).exists();
        assertThat(run.resolve("evaluation-iter-00000300-raw-g-count300-nearest.png")).exists();
        double savedFd = JSON.readTree(savedJson.toFile()).get("frechetDistance").asDouble();
        double rawFd = JSON.readTree(rawJson.toFile()).get("frechetDistance").asDouble();
        assertThat(savedFd).as("the moving average and the raw G are different generators").isNotEqualTo(rawFd);
        assertThat(saved.out()).contains(String.format("FD %.2f", savedFd));
        assertThat(raw.out()).contains(String.format("FD %.2f", rawFd));
    }

    @Test
    void generatedDigitsAreOfTheAskedClass() throws Exception {
        Path report = tmp.resolve("evaluation.json");
        CliRunner.Result r = CliRunner.run("evaluate", "--from", run.toString(), "--count", "500", "--json", report.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("asked class hit");
        // One line: FD, KID with its standard error, precision, recall, density, coverage, the histogram;
        // the JSON holds them.
        assertThat(r.out().strip().lines()).hasSize(1);
        assertThat(r.out()).containsPattern("FD [0-9.]+ \\| KID -?[0-9.]+ \\+- [0-9.]+ \\| precision [0-9.]+ \\| recall [0-9.]+ \\|"
                        + " density [0-9.]+ \\| coverage [0-9.]+ \\|")
                .contains("histogram [");
        JsonNode json = JSON.readTree(report.toFile());
        assertThat(json.get("kernelDistance").get("standardError").asDouble()).isPositive();
        assertThat(json.get("coverage").get("recall").asDouble()).isBetween(0.0, 1.0);
        assertThat(json.get("floorCoverage").get("precision").asDouble()).isBetween(0.0, 1.0);
        assertThat(json.get("coverage").get("density").asDouble()).isNotNegative();
        assertThat(json.get("floorCoverage").get("coverage").asDouble()).isBetween(0.0, 1.0);
        // The memorisation picture: 8 rows of [generated | nearest by pixels | nearest by features].
        BufferedImage nearest = ImageIO.read(tmp.resolve("evaluation-nearest.png").toFile());
        assertThat(nearest.getWidth()).isEqualTo(3 * 30 + 2);
        assertThat(nearest.getHeight()).isEqualTo(8 * 30 + 2);
        double hitRate = JSON.readTree(report.toFile()).get("askedClassHitRate").asDouble();
        System.out.println("conditional run, asked class hit rate: " + hitRate + "; " + r.out().trim());
        assertThat(hitRate).isGreaterThan(0.6); // chance is 0.1
        // Per asked digit: 50 images each, the rates beside the counts, and the classifier's
        // per-digit accuracy on the held-out real digits as their floor.
        JsonNode confusion = json.get("askedClassConfusion");
        assertThat(confusion.get("counts")).hasSize(10).allSatisfy(row -> assertThat(sum(row)).isEqualTo(50));
        assertThat(confusion.get("hitRates")).hasSize(10);
        assertThat(confusion.get("hitRates").get(3).asDouble()).isEqualTo(confusion.get("counts").get(3).get(3).asInt() / 50.0);
        assertThat(json.get("floorClassConfusion").get("hitRates")).hasSize(10);
        assertThat(r.out()).containsPattern("asked class hit [0-9.]+% \\| per class hit % (\\d+ ){9}\\d+ \\(real (\\d+ ){9}\\d+\\) \\|");

        for (int digit : new int[] {1, 7}) {
            Path dir = tmp.resolve("digit-" + digit);
            assertThat(CliRunner.run("generate", "--from", run.toString(), "--digit", String.valueOf(digit),
                    "--count", "50", "--out-dir", dir.toString()).exitCode()).isZero();
            double[][] probabilities = classify(dir);
            int[] asked = new int[probabilities.length];
            java.util.Arrays.fill(asked, digit);
            assertThat(probabilities.length).isEqualTo(50);
            assertThat(ClassifierScores.agreement(probabilities, asked))
                    .as("share of images of class %d classified as %d", digit, digit).isGreaterThan(0.5);
        }

        // The run's sample grid has one row per class: 10 rows of 28 + 2 pixels.
        BufferedImage grid = ImageIO.read(run.resolve("samples/iter-000300.png").toFile());
        assertThat(grid.getHeight()).isEqualTo(10 * 30 + 2);
        Path rows = tmp.resolve("rows.png");
        assertThat(CliRunner.run("generate", "--from", run.toString(), "--count", "30", "--out", rows.toString())
                .exitCode()).isZero();
        BufferedImage rowsImage = ImageIO.read(rows.toFile());
        assertThat(rowsImage.getHeight()).isEqualTo(10 * 30 + 2);
        assertThat(rowsImage.getWidth()).isEqualTo(3 * 30 + 2);
    }

    @Test
    void quickEvaluationFillsStatsMetricsAndTheBestCheckpoint() throws Exception {
        List<JsonNode> stats = statsRows();
        assertThat(stats).extracting(n -> n.get("iteration").asLong()).containsExactly(100L, 200L, 300L);
        assertThat(stats.get(0).get("generated").asInt()).isEqualTo(1000);
        assertThat(stats.get(0).get("extractor").asText()).contains("LeNet");
        // Measured against a seeded tenth of the training images, recorded in config.json; never
        // against the test set, which `evaluate` reports on.
        assertThat(JSON.readTree(run.resolve("config.json").toFile()).get("validationImages").asInt()).isEqualTo(900);
        assertThat(stats.get(0).get("held_out").asInt()).isEqualTo(900);
        assertThat(stats.get(0).get("reference").asText()).startsWith("validation: 900 images of ")
                .contains("train-images").endsWith("seed 3");
        double best = stats.stream().mapToDouble(n -> n.get("fd").asDouble()).min().orElseThrow();

        List<String> metrics = Files.readAllLines(run.resolve("metrics.csv"));
        assertThat(metrics.get(0)).endsWith(",fd,inception_score,kid,kid_se,precision,recall,density,coverage");
        assertThat(stats.get(0).get("kid_se").asDouble()).isPositive();
        assertThat(stats.get(0).get("asked_class_hit_rates")).hasSize(10);
        assertThat(stats.get(0).get("asked_class_confusion")).hasSize(10)
                .allSatisfy(row -> assertThat(sum(row)).isEqualTo(100));
        assertThat(stats.get(0).get("precision").asDouble()).isBetween(0.0, 1.0);
        assertThat(stats.get(0).get("coverage").asDouble()).isBetween(0.0, 1.0);
        assertThat(metrics.get(100).split(",", -1)[7]).isNotEmpty();
        assertThat(Double.parseDouble(metrics.get(200).split(",", -1)[7]))
                .isCloseTo(stats.get(1).get("fd").asDouble(), org.assertj.core.data.Offset.offset(1e-3));
        assertThat(metrics.get(150).split(",", -1)[7]).isEmpty();

        List<Path> bestCheckpoints = new CheckpointStore(run.resolve("best"), 1).list();
        assertThat(bestCheckpoints).hasSize(1);
        CheckpointState state = CheckpointStore.readState(bestCheckpoints.get(0));
        assertThat(state.metrics().get("fd")).isEqualTo(best);
        Path fromBest = tmp.resolve("best.png");
        assertThat(CliRunner.run("generate", "--from", run.resolve("best").toString(), "--digit", "3",
                "--out", fromBest.toString()).exitCode()).isZero();

        // A resume carries on the same files and only replaces the best checkpoint by a better one.
        // It resumes a copy: the other test reads the 300-iteration run, whichever runs first.
        Path resumed = tmp.resolve("conditional-resumed");
        copyTree(run, resumed);
        Files.deleteIfExists(resumed.resolve(".lock"));
        CliRunner.Result r = CliRunner.run("resume", "--run", resumed.toString(), "--iterations", "400");
        assertThat(r.exitCode()).as(r.err()).isZero();
        List<JsonNode> after = statsRows(resumed);
        assertThat(after).extracting(n -> n.get("iteration").asLong()).containsExactly(100L, 200L, 300L, 400L);
        double bestAfter = after.stream().mapToDouble(n -> n.get("fd").asDouble()).min().orElseThrow();
        assertThat(CheckpointStore.readState(new CheckpointStore(resumed.resolve("best"), 1).list().get(0))
                .metrics().get("fd")).isEqualTo(bestAfter);
        assertThat(statsRows()).as("the original run is untouched").hasSize(3);
    }

    private static int sum(JsonNode row) {
        int total = 0;
        for (JsonNode n : row) {
            total += n.asInt();
        }
        return total;
    }

    private static void copyTree(Path from, Path to) throws java.io.IOException {
        try (var paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Files.copy(p, to.resolve(from.relativize(p).toString()));
            }
        }
    }

    private static List<JsonNode> statsRows() throws Exception {
        return statsRows(run);
    }

    private static List<JsonNode> statsRows(Path run) throws Exception {
        List<JsonNode> rows = new ArrayList<>();
        for (String line : Files.readAllLines(run.resolve("stats.jsonl"))) {
            rows.add(JSON.readTree(line));
        }
        return rows;
    }

    /** The quality classifier's class probabilities for the PNG files of a folder. */
    private static double[][] classify(Path dir) throws Exception {
        List<Path> files;
        try (var list = Files.list(dir)) {
            files = list.sorted().toList();
        }
        float[] pixels = new float[files.size() * 784];
        for (int i = 0; i < files.size(); i++) {
            BufferedImage img = ImageIO.read(files.get(i).toFile());
            for (int y = 0; y < 28; y++) {
                for (int x = 0; x < 28; x++) {
                    pixels[i * 784 + y * 28 + x] = img.getRaster().getSample(x, y, 0) / 127.5f - 1f;
                }
            }
        }
        INDArray images = Nd4j.create(pixels, new long[] {files.size(), 1, 28, 28});
        return EmbeddedDigits.classifier().classifier().outputs(images).probabilities();
    }
}
