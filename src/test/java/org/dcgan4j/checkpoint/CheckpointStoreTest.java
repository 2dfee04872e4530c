package org.dcgan4j.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dcgan4j.data.DataSplit;
import org.dcgan4j.model.AdamSettings;
import org.dcgan4j.model.Architecture;
import org.dcgan4j.model.DiscriminatorFactory;
import org.dcgan4j.model.GeneratorFactory;
import org.dcgan4j.train.AdversarialStep;
import org.dcgan4j.train.GanModels;
import org.dcgan4j.train.LatentNoise;
import org.dcgan4j.train.TrainingConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class CheckpointStoreTest {

    private static final Architecture ARCH = new Architecture(8, 4, 4);

    @TempDir
    Path dir;

    private static GanModels trainedModels() {
        GanModels m = new GanModels(GeneratorFactory.create(ARCH, AdamSettings.DCGAN, 1),
                DiscriminatorFactory.create(ARCH, AdamSettings.DCGAN, 2));
        AdversarialStep step = new AdversarialStep(m);
        INDArray real = Nd4j.rand(DataType.FLOAT, 4, 1, 28, 28);
        for (int i = 0; i < 3; i++) {
            step.run(real, null, LatentNoise.sample(1, LatentNoise.TRAINING, i, 4, 8), i, 0);
        }
        return m;
    }

    private static CheckpointState state(long iteration) {
        TrainingConfig config = new TrainingConfig("/data", DataSplit.TRAIN, 100, 4, 10, 10, 3, 0, 42, ARCH,
                AdamSettings.DCGAN, 4, "float32", 0, 0);
        return new CheckpointState(CheckpointState.FORMAT, "test", iteration, 0, (int) iteration, config, "now", null, null);
    }

    private static INDArray noise() {
        return LatentNoise.sample(42, LatentNoise.FIXED_GRID, 0, 4, 8);
    }

    /** --keep-every: besides the newest K, every checkpoint at a multiple of M survives pruning. */
    @Test
    void retentionKeepsTheNewestAndEveryMth() throws Exception {
        GanModels m = trainedModels();
        CheckpointStore store = new CheckpointStore(dir, 2, 4);
        for (long it = 1; it <= 10; it++) {
            store.save(m, state(it), noise());
        }
        assertThat(store.list()).extracting(p -> p.getFileName().toString())
                .containsExactly("iter-00000010", "iter-00000009", "iter-00000008", "iter-00000004");
        for (Path p : store.list()) {
            CheckpointStore.load(p);
        }
    }

    @Test
    void reloadedCheckpointHasSameWeightsAdamStateCountersAndImages() throws Exception {
        GanModels m = trainedModels();
        CheckpointStore store = new CheckpointStore(dir, 3);
        Path saved = store.save(m, state(3), noise());

        Checkpoint loaded = CheckpointStore.load(saved);

        assertThat(loaded.models().generator().params()).isEqualTo(m.generator().params());
        assertThat(loaded.models().discriminator().params()).isEqualTo(m.discriminator().params());
        assertThat(loaded.models().generator().getUpdater().getStateViewArray())
                .isEqualTo(m.generator().getUpdater().getStateViewArray());
        assertThat(loaded.models().discriminator().getUpdater().getStateViewArray())
                .isEqualTo(m.discriminator().getUpdater().getStateViewArray());
        assertThat(loaded.models().generatorEma().params()).isEqualTo(m.generatorEma().params());
        assertThat(loaded.state()).isEqualTo(state(3));
        assertThat(loaded.fixedNoise()).isEqualTo(noise());
        assertThat(loaded.models().generator().output(noise(), false))
                .isEqualTo(m.generator().output(noise(), false));
        assertThat(Files.readString(dir.resolve(CheckpointStore.LATEST)).trim()).isEqualTo("iter-00000003");
    }

    @Test
    void aCheckpointWithoutMovingAverageStillLoadsWithTheAverageStartingAtG() throws Exception {
        GanModels m = trainedModels();
        Path saved = new CheckpointStore(dir, 3).save(m, state(3), noise());
        // What checkpoints written before the average existed look like:
        Files.delete(saved.resolve(CheckpointStore.GENERATOR_EMA));
        String manifest = Files.readString(saved.resolve(CheckpointStore.MANIFEST));
        Files.writeString(saved.resolve(CheckpointStore.MANIFEST),
                manifest.replaceAll("(?m)^\\s*\"generator-ema.zip\" : \"[0-9a-f]+\",?\\R", ""));

        Checkpoint loaded = CheckpointStore.load(saved);

        assertThat(loaded.models().generatorEma().params()).isEqualTo(m.generator().params());
        assertThat(CheckpointStore.loadGenerator(saved, true).averaged()).isFalse();
    }

    @Test
    void keepsOnlyTheNewestAndLeavesNoTempFolders() throws Exception {
        GanModels m = trainedModels();
        CheckpointStore store = new CheckpointStore(dir, 2);
        for (long it : new long[] {10, 20, 30}) {
            store.save(m, state(it), noise());
        }
        assertThat(store.list()).extracting(p -> p.getFileName().toString())
                .containsExactly("iter-00000030", "iter-00000020");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("iter-00000030", "iter-00000020", "latest");
        }
    }

    @Test
    void truncatedOrFlippedFilesAreDetectedAndSkipped() throws Exception {
        GanModels m = trainedModels();
        CheckpointStore store = new CheckpointStore(dir, 5);
        Path first = store.save(m, state(10), noise());
        Path second = store.save(m, state(20), noise());
        Path third = store.save(m, state(30), noise());
        flipByte(third.resolve(CheckpointStore.GENERATOR), 1000);
        try (RandomAccessFile f = new RandomAccessFile(second.resolve(CheckpointStore.DISCRIMINATOR).toFile(), "rw")) {
            f.setLength(f.length() / 2);
        }
        List<String> skipped = new ArrayList<>();

        Checkpoint newestValid = store.loadNewestValid(skipped::add);

        assertThat(newestValid.folder()).isEqualTo(first);
        assertThat(skipped).containsExactly(
                "skipping checkpoint " + third + ": generator.zip does not match its SHA-256 in manifest.json (truncated or damaged)",
                "skipping checkpoint " + second + ": discriminator.zip does not match its SHA-256 in manifest.json (truncated or damaged)");
    }

    @Test
    void aCheckpointWhoseWriteDiedHalfwayIsInvisibleAndThePreviousOneLoads() throws Exception {
        GanModels m = trainedModels();
        CheckpointStore store = new CheckpointStore(dir, 3);
        Path good = store.save(m, state(10), noise());
        // What a kill -9 during the next save leaves: a temp folder with part of the files.
        Path torn = Files.createDirectory(dir.resolve(".tmp-iter-00000020-999999"));
        Files.write(torn.resolve(CheckpointStore.GENERATOR), new byte[] {1, 2, 3});
        // And a folder renamed into place without its manifest (impossible with our writer, but on a bad disk):
        Files.createDirectory(dir.resolve("iter-00000030"));

        assertThat(store.loadNewestValid(s -> { }).folder()).isEqualTo(good);
        // The next save cleans the dead writer's temp folder.
        store.save(m, state(40), noise());
        assertThat(torn).doesNotExist();
    }

    @Test
    void aFailingWriteLeavesThePreviousCheckpointAndNoTempFolder() throws Exception {
        GanModels m = trainedModels();
        CheckpointStore store = new CheckpointStore(dir, 3);
        Path good = store.save(m, state(10), noise());
        INDArray notNoise = null; // Nd4j.write fails on it half-way through the checkpoint

        assertThatThrownBy(() -> store.save(m, state(20), notNoise)).isInstanceOf(RuntimeException.class);

        assertThat(store.list()).containsExactly(good);
        assertThat(store.loadNewestValid(s -> { }).state().iteration()).isEqualTo(10);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".tmp"));
        }
        assertThat(Files.readString(dir.resolve(CheckpointStore.LATEST)).trim()).isEqualTo("iter-00000010");
    }

    @Test
    void nanParametersAreNeverCheckpointed() throws Exception {
        GanModels m = trainedModels();
        m.generator().params().putScalar(0, Float.NaN);
        CheckpointStore store = new CheckpointStore(dir, 3);
        assertThatThrownBy(() -> store.save(m, state(10), noise()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("NaN");
        assertThat(store.list()).isEmpty();
    }

    @Test
    void noCheckpointAtAllIsReported() {
        assertThatThrownBy(() -> new CheckpointStore(dir, 3).loadNewestValid(s -> { }))
                .isInstanceOf(NoSuchFileException.class).hasMessageContaining("no checkpoint found");
    }

    private static void flipByte(Path file, long offset) throws Exception {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(offset);
            int b = f.read();
            f.seek(offset);
            f.write(b ^ 0xff);
        }
    }
}
