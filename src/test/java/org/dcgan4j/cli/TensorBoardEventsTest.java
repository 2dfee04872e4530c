package org.dcgan4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import javax.imageio.ImageIO;
import org.dcgan4j.tensorboard.TensorBoardListener;
import org.dcgan4j.testing.EmbeddedDigits;
import org.dcgan4j.testing.TensorBoardPython;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short run with the quick evaluation on, read back by TensorBoard's own reader
 * (EventAccumulator): every scalar tag with metrics.csv's values, the sample grids as PNG images
 * of the grid's size, config.json and the start note as text.
 */
class TensorBoardEventsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> SMALL = List.of("--batch", "16", "--latent-size", "8",
            "--g-width", "4", "--d-width", "4", "--grid-size", "9", "--seed", "7");
    /** metrics.csv column of each scalar tag it shares. */
    private static final Map<String, String> COLUMN = Map.ofEntries(
            Map.entry(TensorBoardListener.LOSS_D, "loss_d"), Map.entry(TensorBoardListener.LOSS_G, "loss_g"),
            Map.entry(TensorBoardListener.D_REAL, "d_x"), Map.entry(TensorBoardListener.D_FAKE, "d_g_z"),
            Map.entry(TensorBoardListener.IMAGES_PER_S, "images_per_s"),
            Map.entry(TensorBoardListener.FRECHET_DISTANCE, "fd"),
            Map.entry(TensorBoardListener.INCEPTION_SCORE, "inception_score"),
            Map.entry(TensorBoardListener.KID, "kid"), Map.entry(TensorBoardListener.KID_STANDARD_ERROR, "kid_se"),
            Map.entry(TensorBoardListener.PRECISION, "precision"), Map.entry(TensorBoardListener.RECALL, "recall"),
            Map.entry(TensorBoardListener.DENSITY, "density"), Map.entry(TensorBoardListener.COVERAGE, "coverage"));

    @TempDir
    static Path tmp;
    static Path run;
    static JsonNode events;

    @BeforeAll
    static void shortRunWithEvaluation() throws Exception {
        EmbeddedDigits.classifier();
        run = tmp.resolve("run");
        List<String> args = new ArrayList<>(List.of("train", "--data", EmbeddedDigits.folder().toString(),
                "--run", run.toString(), "--iterations", "6", "--sample-every", "3", "--checkpoint-every", "3",
                "--eval-every", "3", "--lr-decay", "--no-conditional"));
        args.addAll(SMALL);
        CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.err()).isZero();
        events = TensorBoardPython.read(run.resolve("tensorboard"));
    }

    @Test
    void everyScalarTagHoldsTheValuesOfMetricsCsv() throws Exception {
        List<Map<String, String>> rows = csvRows(run.resolve("metrics.csv"));
        assertThat(rows).hasSize(6);
        TreeSet<String> tags = new TreeSet<>();
        events.get("scalars").fieldNames().forEachRemaining(tags::add);
        assertThat(tags).containsExactlyInAnyOrder(TensorBoardListener.LOSS_D, TensorBoardListener.LOSS_G,
                TensorBoardListener.D_REAL, TensorBoardListener.D_FAKE, TensorBoardListener.IMAGES_PER_S,
                TensorBoardListener.FRECHET_DISTANCE, TensorBoardListener.INCEPTION_SCORE,
                TensorBoardListener.CLASSES_COVERED, TensorBoardListener.KID, TensorBoardListener.KID_STANDARD_ERROR,
                TensorBoardListener.PRECISION, TensorBoardListener.RECALL, TensorBoardListener.DENSITY,
                TensorBoardListener.COVERAGE, TensorBoardListener.LEARNING_RATE_G,
                TensorBoardListener.LEARNING_RATE_D);

        for (Map.Entry<String, String> tag : COLUMN.entrySet()) {
            List<List<Double>> expected = new ArrayList<>();
            for (Map<String, String> row : rows) {
                String cell = row.get(tag.getValue());
                if (!cell.isEmpty()) {
                    // TensorBoard keeps a scalar as a 32-bit float: the CSV's number as one.
                    expected.add(List.of(Double.parseDouble(row.get("iteration")), (double) Float.parseFloat(cell)));
                }
            }
            assertThat(pairs(events.get("scalars").get(tag.getKey()))).as(tag.getKey()).isEqualTo(expected);
        }
        assertThat(pairs(events.get("scalars").get(TensorBoardListener.FRECHET_DISTANCE)))
                .extracting(p -> p.get(0)).containsExactly(3.0, 6.0);

        List<List<Double>> classes = new ArrayList<>();
        for (String line : Files.readAllLines(run.resolve("stats.jsonl"))) {
            JsonNode stat = JSON.readTree(line);
            classes.add(List.of(stat.get("iteration").asDouble(), stat.get("classes_above_5pct").asDouble()));
        }
        assertThat(pairs(events.get("scalars").get(TensorBoardListener.CLASSES_COVERED))).isEqualTo(classes);

        // --lr-decay over 6 iterations: iteration k's step ran at lr * (1 - 0.9 * (k - 1) / 6).
        double lr = JSON.readTree(run.resolve("config.json").toFile()).get("adam").get("learningRate").asDouble();
        for (String tag : List.of(TensorBoardListener.LEARNING_RATE_G, TensorBoardListener.LEARNING_RATE_D)) {
            List<List<Double>> logged = pairs(events.get("scalars").get(tag));
            assertThat(logged).as(tag).extracting(p -> p.get(0)).containsExactly(1.0, 2.0, 3.0, 4.0, 5.0, 6.0);
            for (List<Double> p : logged) {
                assertThat(p.get(1)).as(tag + " at " + p.get(0))
                        .isCloseTo(lr * (1 - 0.9 * (p.get(0) - 1) / 6), org.assertj.core.api.Assertions.within(1e-9));
            }
        }
    }

    @Test
    void sampleGridsArePngImagesOfTheGridsSize() throws Exception {
        JsonNode images = events.get("images").get(TensorBoardListener.SAMPLES);
        assertThat(images).hasSize(2);
        int i = 0;
        for (long step : new long[] {3, 6}) {
            JsonNode image = images.get(i++);
            assertThat(image.get(0).asLong()).isEqualTo(step);
            BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(image.get(3).asText())));
            BufferedImage file = ImageIO.read(run.resolve(String.format("samples/iter-%06d.png", step)).toFile());
            assertThat(decoded).as("a PNG").isNotNull();
            // 9 images: 3 x 3 tiles of 28 pixels with 2-pixel gaps.
            assertThat(decoded.getWidth()).isEqualTo(3 * 30 + 2).isEqualTo(image.get(1).asInt()).isEqualTo(file.getWidth());
            assertThat(decoded.getHeight()).isEqualTo(3 * 30 + 2).isEqualTo(image.get(2).asInt()).isEqualTo(file.getHeight());
            assertThat(pixels(decoded)).isEqualTo(pixels(file));
        }
    }

    @Test
    void conditionalRunsShowTheirPerClassGrid() throws Exception {
        Path conditional = tmp.resolve("conditional");
        List<String> args = new ArrayList<>(List.of("train", "--data", EmbeddedDigits.folder().toString(),
                "--run", conditional.toString(), "--conditional", "--iterations", "2", "--sample-every", "2"));
        args.addAll(SMALL);
        CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.err()).isZero();

        JsonNode images = TensorBoardPython.read(conditional.resolve("tensorboard")).get("images").get(TensorBoardListener.SAMPLES);
        assertThat(images).hasSize(1);
        BufferedImage grid = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(images.get(0).get(3).asText())));
        // One row per class (10), each the first 3 noise vectors.
        assertThat(grid.getHeight()).isEqualTo(10 * 30 + 2);
        assertThat(grid.getWidth()).isEqualTo(3 * 30 + 2);
        assertThat(pixels(grid)).isEqualTo(pixels(ImageIO.read(conditional.resolve("samples/iter-000002.png").toFile())));
    }

    @Test
    void configJsonAndTheStartAreText() throws Exception {
        JsonNode config = events.get("texts").get(TensorBoardListener.CONFIG);
        assertThat(config).hasSize(1);
        assertThat(config.get(0).get(0).asLong()).isEqualTo(1);
        assertThat(config.get(0).get(1).asText())
                .isEqualTo("```json\n" + Files.readString(run.resolve("config.json"), StandardCharsets.UTF_8).strip() + "\n```");
        JsonNode notes = events.get("texts").get(TensorBoardListener.NOTES);
        assertThat(notes).hasSize(1);
        assertThat(notes.get(0).get(1).asText()).startsWith("new run, dcgan4j ");
    }

    @Test
    void noTensorboardWritesNoEventFiles() {
        Path quiet = tmp.resolve("quiet");
        List<String> args = new ArrayList<>(List.of("train", "--data", EmbeddedDigits.folder().toString(),
                "--run", quiet.toString(), "--iterations", "1", "--no-tensorboard"));
        args.addAll(SMALL);
        CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(quiet.resolve("metrics.csv")).exists();
        assertThat(quiet.resolve("tensorboard")).doesNotExist();
    }

    /** [[step, value], ...] of a tag as numbers. */
    static List<List<Double>> pairs(JsonNode series) {
        assertThat(series).as("tag present").isNotNull();
        List<List<Double>> out = new ArrayList<>();
        series.forEach(p -> out.add(List.of(p.get(0).asDouble(), p.get(1).asDouble())));
        return out;
    }

    static List<Map<String, String>> csvRows(Path csv) throws Exception {
        List<String> lines = Files.readAllLines(csv);
        String[] header = lines.get(0).split(",", -1);
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            Map<String, String> row = new java.util.HashMap<>();
            for (int c = 0; c < header.length; c++) {
                row.put(header[c], cells[c]);
            }
            rows.add(row);
        }
        return rows;
    }

    private static int[] pixels(BufferedImage image) {
        return image.getRaster().getPixels(0, 0, image.getWidth(), image.getHeight(), (int[]) null);
    }
}
