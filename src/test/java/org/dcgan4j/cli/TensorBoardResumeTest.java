package org.dcgan4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.dcgan4j.data.IdxTestFiles;
import org.dcgan4j.tensorboard.TensorBoardListener;
import org.dcgan4j.tensorboard.proto.Event;
import org.dcgan4j.testing.TensorBoardPython;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resumes as TensorBoard's own reader sees them: the steps a crashed process trained past its
 * last checkpoint are not shown twice, and an event file cut short mid-record is read up to the
 * cut while the resumed process writes a new file.
 */
class TensorBoardResumeTest {

    private static final List<String> SMALL = List.of("--batch", "16", "--latent-size", "8", "--g-width", "4",
            "--d-width", "4", "--grid-size", "4", "--seed", "11");
    /** Tags with a value at every iteration, and their metrics.csv column. */
    private static final Map<String, String> EVERY_ITERATION = Map.of(
            TensorBoardListener.LOSS_D, "loss_d", TensorBoardListener.LOSS_G, "loss_g",
            TensorBoardListener.D_REAL, "d_x", TensorBoardListener.D_FAKE, "d_g_z",
            TensorBoardListener.IMAGES_PER_S, "images_per_s");

    @TempDir
    static Path shared;
    static Path data;

    @BeforeAll
    static void tinyData() throws Exception {
        data = IdxTestFiles.mnistFolder(shared.resolve("data"), 40, 10);
    }

    private static CliRunner.Result train(Path run, String... more) {
        List<String> args = new ArrayList<>(List.of("train", "--data", data.toString(), "--run", run.toString()));
        args.addAll(SMALL);
        args.addAll(List.of(more));
        return CliRunner.run(args.toArray(String[]::new));
    }

    /**
     * Stopped at 60: the first process trained to 70, but its checkpoint of 70 is damaged, so the
     * resume goes on from 60 and trains 61-70 again, then on to 100.
     */
    @Test
    void aRunResumedFrom60To100ShowsOneValuePerStep(@TempDir Path tmp) throws Exception {
        Path run = tmp.resolve("run");
        assertThat(train(run, "--iterations", "70", "--checkpoint-every", "60", "--sample-every", "50").exitCode()).isZero();
        damage(run.resolve("checkpoints/iter-00000070"));

        CliRunner.Result resumed = CliRunner.run("resume", "--run", run.toString(), "--iterations", "100");

        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(eventFiles(run)).hasSize(2);
        JsonNode events = TensorBoardPython.read(run.resolve("tensorboard"));
        assertOneValuePerStepAsInMetricsCsv(events, run, 100);
        assertThat(TensorBoardEventsTest.pairs(events.get("scalars").get(TensorBoardListener.LEARNING_RATE_G)))
                .extracting(p -> p.get(0)).containsExactlyElementsOf(steps(1, 100));
        // Grids at 50 (first process), 100 (the resume); the first process's final grid at 70 is gone.
        assertThat(events.get("images").get(TensorBoardListener.SAMPLES)).extracting(i -> i.get(0).asLong())
                .containsExactly(50L, 100L);
        JsonNode notes = events.get("texts").get(TensorBoardListener.NOTES);
        assertThat(notes).extracting(n -> n.get(0).asLong()).containsExactly(1L, 61L);
        assertThat(notes.get(1).get(1).asText()).startsWith("resumed from checkpoint iter-00000060 at iteration 60 of 100");
        assertThat(events.get("texts").get(TensorBoardListener.CONFIG)).extracting(n -> n.get(0).asLong())
                .containsExactly(1L, 61L);
    }

    /**
     * kill -9 during a write leaves a record cut short. TensorBoard reads the file up to the cut;
     * the resume (here from checkpoint 3, the one of 6 damaged too) writes a new file and the
     * old one stays as it was.
     */
    @Test
    void anEventFileCutMidRecordIsReadUpToTheCutAndTheResumeWritesANewFile(@TempDir Path tmp) throws Exception {
        Path run = tmp.resolve("run");
        assertThat(train(run, "--iterations", "6", "--checkpoint-every", "3", "--sample-every", "3").exitCode()).isZero();
        List<Path> before = eventFiles(run);
        assertThat(before).hasSize(1);
        Path file = before.get(0);
        long cut = cutInsideTheScalarsOfStep(file, 5);
        damage(run.resolve("checkpoints/iter-00000006"));

        JsonNode truncated = TensorBoardPython.read(run.resolve("tensorboard"));
        assertThat(TensorBoardEventsTest.pairs(truncated.get("scalars").get(TensorBoardListener.LOSS_D)))
                .extracting(p -> p.get(0)).containsExactly(1.0, 2.0, 3.0, 4.0);
        assertThat(truncated.get("images").get(TensorBoardListener.SAMPLES)).extracting(i -> i.get(0).asLong())
                .containsExactly(3L);

        CliRunner.Result resumed = CliRunner.run("resume", "--run", run.toString(), "--iterations", "9");

        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        List<Path> after = eventFiles(run);
        assertThat(after).hasSize(2);
        assertThat(after.get(0)).isEqualTo(file);
        assertThat(Files.size(file)).as("the cut file is left as it was").isEqualTo(cut);
        JsonNode events = TensorBoardPython.read(run.resolve("tensorboard"));
        assertOneValuePerStepAsInMetricsCsv(events, run, 9);
        assertThat(events.get("images").get(TensorBoardListener.SAMPLES)).extracting(i -> i.get(0).asLong())
                .containsExactly(3L, 6L, 9L);
    }

    private static void assertOneValuePerStepAsInMetricsCsv(JsonNode events, Path run, int last) throws Exception {
        List<Map<String, String>> rows = TensorBoardEventsTest.csvRows(run.resolve("metrics.csv"));
        assertThat(rows).extracting(r -> Double.parseDouble(r.get("iteration"))).containsExactlyElementsOf(steps(1, last));
        for (Map.Entry<String, String> tag : EVERY_ITERATION.entrySet()) {
            List<List<Double>> expected = new ArrayList<>();
            for (Map<String, String> row : rows) {
                expected.add(List.of(Double.parseDouble(row.get("iteration")), (double) Float.parseFloat(row.get(tag.getValue()))));
            }
            assertThat(TensorBoardEventsTest.pairs(events.get("scalars").get(tag.getKey()))).as(tag.getKey()).isEqualTo(expected);
        }
    }

    private static List<Double> steps(int first, int last) {
        return LongStream.rangeClosed(first, last).mapToObj(i -> (double) i).toList();
    }

    /** The run's event files in name order, the order TensorBoard reads them in. */
    private static List<Path> eventFiles(Path run) throws Exception {
        try (Stream<Path> files = Files.list(run.resolve("tensorboard"))) {
            return files.filter(p -> p.getFileName().toString().startsWith("events.out.tfevents.")).sorted().toList();
        }
    }

    /** A checkpoint the store will skip as damaged. */
    private static void damage(Path checkpoint) throws Exception {
        Path zip = checkpoint.resolve("generator.zip");
        Files.write(zip, java.util.Arrays.copyOf(Files.readAllBytes(zip), 100));
    }

    /**
     * Truncates the file in the middle of the record that holds step {@code step}'s scalars, as a
     * kill during its write would; returns the new length. Walks the record framing (8-byte
     * length, 4-byte CRC, data, 4-byte CRC) and parses each Event to find it.
     */
    private static long cutInsideTheScalarsOfStep(Path file, long step) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        while (in.remaining() > 0) {
            int start = in.position();
            int length = Math.toIntExact(in.getLong());
            in.getInt();
            byte[] data = new byte[length];
            in.get(data);
            in.getInt();
            Event event = Event.parseFrom(data);
            if (event.getStep() == step && event.hasSummary() && event.getSummary().getValueList().stream()
                    .anyMatch(v -> v.getTag().equals(TensorBoardListener.LOSS_D))) {
                long cut = start + 12 + length / 2;
                try (var channel = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
                    channel.truncate(cut);
                }
                return cut;
            }
        }
        throw new AssertionError("no scalars of step " + step + " in " + file);
    }
}
