package org.dcgan4j.checkpoint;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.codec.binary.Hex;
import org.apache.commons.codec.digest.DigestUtils;
import org.dcgan4j.fault.FaultPoint;
import org.dcgan4j.files.AtomicFiles;
import org.dcgan4j.train.GanModels;
import org.dcgan4j.train.ParameterCheck;
import org.dcgan4j.train.RollbackSource;
import org.dcgan4j.model.LeakyReluActivation;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The checkpoints of one run: a folder {@code iter-NNNNNNNN/} per checkpoint plus a
 * {@code latest} pointer file.
 *
 * <p>Each checkpoint holds {@value #GENERATOR} and {@value #DISCRIMINATOR} (ModelSerializer zips
 * with their Adam state), {@value #GENERATOR_EMA} (G's moving average), {@value #STATE},
 * {@value #FIXED_NOISE}, and {@value #MANIFEST} with
 * the SHA-256 of each of those files. It is written into a hidden temp folder, every file and
 * the folder fsynced, then renamed into place; the {@code latest} pointer is replaced
 * atomically after that. A crash at any instant therefore leaves the previous checkpoint
 * complete and loadable. Retention deletes old checkpoints only after a newer one is in place.
 */
public final class CheckpointStore implements RollbackSource {

    public static final String GENERATOR = "generator.zip";
    public static final String DISCRIMINATOR = "discriminator.zip";
    /** The moving average of G; absent from checkpoints written before it existed. */
    public static final String GENERATOR_EMA = "generator-ema.zip";
    public static final String STATE = "state.json";
    public static final String FIXED_NOISE = "fixed-noise.bin";
    public static final String MANIFEST = "manifest.json";
    public static final String LATEST = "latest";

    private static final Pattern NAME = Pattern.compile("iter-(\\d{8,})");
    private static final String TEMP_PREFIX = ".tmp-";
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path folder;
    private final int keep;
    private final long keepEvery;

    /**
     * @param folder    the run's {@code checkpoints/} folder (created when needed)
     * @param keep      how many of the newest checkpoints to keep (at least 1)
     * @param keepEvery also keep those whose iteration is a multiple of this (0: none)
     */
    public CheckpointStore(Path folder, int keep, long keepEvery) {
        if (keep < 1) {
            throw new IllegalArgumentException("must keep at least 1 checkpoint, got " + keep);
        }
        this.folder = folder;
        this.keep = keep;
        this.keepEvery = keepEvery;
    }

    /** A store that only reads, or keeps the newest {@code keep}. */
    public CheckpointStore(Path folder, int keep) {
        this(folder, keep, 0);
    }

    public Path folder() {
        return folder;
    }

    /** The folder name of the checkpoint taken after {@code iteration} iterations. */
    public static String nameFor(long iteration) {
        return String.format("iter-%08d", iteration);
    }

    /**
     * Writes a checkpoint, points {@code latest} at it and applies retention.
     *
     * @return the checkpoint's folder
     * @throws IllegalStateException when a parameter is NaN or infinite (such a checkpoint
     *                               would poison every resume)
     */
    public Path save(GanModels models, CheckpointState state, INDArray fixedNoise) throws IOException {
        requireFinite(models.generator(), "generator");
        requireFinite(models.discriminator(), "discriminator");
        // The average as it draws (standing statistics measured), so that generate and evaluate
        // read a consistent network.
        MultiLayerNetwork average = models.sampler();
        requireFinite(average, "generator's moving average");
        Files.createDirectories(folder);
        String name = nameFor(state.iteration());
        Path target = folder.resolve(name);
        if (Files.isDirectory(target) && verifies(target)) {
            // Same iteration already saved (the final checkpoint right after a periodic one): the
            // same state. It still becomes the latest.
            pointLatestAt(name);
            return target;
        }
        Path tmp = folder.resolve(TEMP_PREFIX + name + "-" + ProcessHandle.current().pid());
        deleteTree(tmp);
        Files.createDirectory(tmp);
        try {
            Map<String, String> sha = new LinkedHashMap<>();
            sha.put(GENERATOR, writeHashed(tmp.resolve(GENERATOR),
                    out -> ModelSerializer.writeModel(models.generator(), out, true)));
            sha.put(DISCRIMINATOR, writeHashed(tmp.resolve(DISCRIMINATOR),
                    out -> ModelSerializer.writeModel(models.discriminator(), out, true)));
            sha.put(GENERATOR_EMA, writeHashed(tmp.resolve(GENERATOR_EMA),
                    out -> ModelSerializer.writeModel(average, out, false)));
            FaultPoint.CHECKPOINT_FILES_WRITTEN.reached(state.iteration());
            FaultPoint.CHECKPOINT_STALLED.stallsAt(state.iteration());
            if (FaultPoint.CHECKPOINT_DISK_FULL.firesOnce(state.iteration())) {
                throw new IOException("No space left on device"); // what a write to a full disk throws
            }
            sha.put(STATE, writeHashed(tmp.resolve(STATE), out -> JSON.writeValue(out, state)));
            sha.put(FIXED_NOISE, writeHashed(tmp.resolve(FIXED_NOISE),
                    out -> Nd4j.write(fixedNoise, new DataOutputStream(out))));
            AtomicFiles.writeSynced(tmp.resolve(MANIFEST), out -> JSON.writeValue(out, sha));
            AtomicFiles.fsyncDirectory(tmp);
            if (Files.exists(target)) {
                // A damaged checkpoint of this iteration (a resume went back past it): moved aside,
                // then deleted once the new one is in place. It could not be loaded anyway.
                Path damaged = folder.resolve(TEMP_PREFIX + "damaged-" + name + "-" + ProcessHandle.current().pid());
                deleteTree(damaged);
                Files.move(target, damaged, StandardCopyOption.ATOMIC_MOVE);
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                deleteTree(damaged);
            } else {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException | RuntimeException e) {
            deleteTree(tmp);
            throw e;
        }
        AtomicFiles.fsyncDirectory(folder);
        FaultPoint.CHECKPOINT_RENAMED.reached(state.iteration());
        pointLatestAt(name);
        return target;
    }

    /** Replaces {@code latest} atomically, then applies retention. */
    private void pointLatestAt(String name) throws IOException {
        AtomicFiles.write(folder.resolve(LATEST), out -> out.write((name + "\n").getBytes(StandardCharsets.UTF_8)));
        prune();
    }

    private static boolean verifies(Path checkpoint) {
        try {
            readVerified(checkpoint);
            return true;
        } catch (CorruptCheckpointException e) {
            return false;
        }
    }

    /** Checkpoint folders, newest first (by iteration), whether valid or not. */
    public List<Path> list() throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(p -> NAME.matcher(p.getFileName().toString()).matches())
                    .filter(Files::isDirectory)
                    .sorted(Comparator.comparingLong(CheckpointStore::iterationOf).reversed())
                    .toList();
        }
    }

    /** The iteration in a checkpoint folder's name (numeric: names outgrow 8 digits past 10^8). */
    static long iterationOf(Path checkpoint) {
        var m = NAME.matcher(checkpoint.getFileName().toString());
        return m.matches() ? Long.parseLong(m.group(1)) : -1;
    }

    /**
     * Loads the newest checkpoint that verifies. Each one that does not is reported through
     * {@code skipped} in one line and passed over.
     *
     * @throws NoSuchFileException when there is no valid checkpoint at all
     */
    public Checkpoint loadNewestValid(Consumer<String> skipped) throws IOException {
        List<Path> candidates = list();
        for (Path candidate : candidates) {
            try {
                return load(candidate);
            } catch (CorruptCheckpointException e) {
                skipped.accept("skipping checkpoint " + e.getMessage());
            }
        }
        throw new NoSuchFileException(folder.toString(), null,
                candidates.isEmpty() ? "no checkpoint found" : "no valid checkpoint found");
    }

    /** The newest checkpoint that verifies, as the state a diverged run rolls back to; empty when none does. */
    @Override
    public Optional<Point> newestValid(Consumer<String> skipped) throws IOException {
        Checkpoint newest;
        try {
            newest = loadNewestValid(skipped);
        } catch (NoSuchFileException none) {
            return Optional.empty();
        }
        return Optional.of(new Point(newest.folder().getFileName().toString(), newest.models(),
                newest.state().progress(), newest.fixedNoise()));
    }

    /** Loads and verifies one checkpoint folder. */
    public static Checkpoint load(Path checkpoint) throws CorruptCheckpointException {
        Map<String, byte[]> files = readVerified(checkpoint);
        try {
            CheckpointState state = JSON.readValue(files.get(STATE), CheckpointState.class);
            if (state.format() != CheckpointState.FORMAT) {
                throw new CorruptCheckpointException(checkpoint, "checkpoint format " + state.format()
                        + " is not supported (this version reads format " + CheckpointState.FORMAT + ")");
            }
            MultiLayerNetwork g = ModelSerializer.restoreMultiLayerNetwork(
                    new ByteArrayInputStream(files.get(GENERATOR)), true);
            MultiLayerNetwork d = ModelSerializer.restoreMultiLayerNetwork(
                    new ByteArrayInputStream(files.get(DISCRIMINATOR)), true);
            // Checkpoints written before dcgan4j had its own leaky ReLU: same numbers, faster.
            LeakyReluActivation.replaceIn(d);
            MultiLayerNetwork ema = files.containsKey(GENERATOR_EMA)
                    ? ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(files.get(GENERATOR_EMA)), false)
                    : g.clone();
            INDArray noise = Nd4j.read(new DataInputStream(new ByteArrayInputStream(files.get(FIXED_NOISE))));
            return new Checkpoint(checkpoint, state, new GanModels(g, d, ema), noise);
        } catch (IOException | RuntimeException e) {
            throw new CorruptCheckpointException(checkpoint, "cannot be read: " + e.getMessage());
        }
    }

    /** The verified state of a checkpoint folder, without loading its networks. */
    public static CheckpointState readState(Path checkpoint) throws CorruptCheckpointException {
        Map<String, byte[]> files = readVerified(checkpoint);
        try {
            return JSON.readValue(files.get(STATE), CheckpointState.class);
        } catch (IOException | RuntimeException e) {
            throw new CorruptCheckpointException(checkpoint, "cannot read " + STATE + ": " + e.getMessage());
        }
    }

    /**
     * A generator of a checkpoint folder (verified), for sampling and evaluation.
     *
     * @param averaged true when it is the moving average of G, false for the raw G
     */
    public record GeneratorOnly(MultiLayerNetwork generator, boolean averaged, CheckpointState state) {
    }

    /**
     * Loads one generator (without Adam state) and the state of a checkpoint folder, verified.
     *
     * @param preferAverage take the moving average of G when the checkpoint has one
     */
    public static GeneratorOnly loadGenerator(Path checkpoint, boolean preferAverage) throws CorruptCheckpointException {
        Map<String, byte[]> files = readVerified(checkpoint);
        boolean averaged = preferAverage && files.containsKey(GENERATOR_EMA);
        try {
            return new GeneratorOnly(ModelSerializer.restoreMultiLayerNetwork(
                    new ByteArrayInputStream(files.get(averaged ? GENERATOR_EMA : GENERATOR)), false),
                    averaged, JSON.readValue(files.get(STATE), CheckpointState.class));
        } catch (IOException | RuntimeException e) {
            throw new CorruptCheckpointException(checkpoint, "cannot read " + GENERATOR + ": " + e.getMessage());
        }
    }

    private static Map<String, byte[]> readVerified(Path checkpoint) throws CorruptCheckpointException {
        Map<String, String> expected;
        try {
            expected = JSON.readValue(checkpoint.resolve(MANIFEST).toFile(),
                    JSON.getTypeFactory().constructMapType(Map.class, String.class, String.class));
        } catch (IOException e) {
            throw new CorruptCheckpointException(checkpoint, "missing or unreadable " + MANIFEST);
        }
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (String name : List.of(GENERATOR, DISCRIMINATOR, STATE, FIXED_NOISE, GENERATOR_EMA)) {
            String sha = expected.get(name);
            if (sha == null && name.equals(GENERATOR_EMA)) {
                continue; // optional: older checkpoints have no average
            }
            if (sha == null) {
                throw new CorruptCheckpointException(checkpoint, MANIFEST + " does not list " + name);
            }
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(checkpoint.resolve(name));
            } catch (IOException e) {
                throw new CorruptCheckpointException(checkpoint, "missing or unreadable " + name);
            }
            if (!sha.equals(sha256(bytes))) {
                throw new CorruptCheckpointException(checkpoint, name + " does not match its SHA-256 in "
                        + MANIFEST + " (truncated or damaged)");
            }
            files.put(name, bytes);
        }
        return files;
    }

    /**
     * Deletes all but the newest {@code keep} checkpoints (and the every-M-th ones), and temp
     * folders of dead writers. Runs only after a new checkpoint is complete, which is always
     * among the newest: the only valid checkpoint is never the one deleted.
     */
    private void prune() throws IOException {
        List<Path> all = list();
        for (int i = keep; i < all.size(); i++) {
            long iteration = iterationOf(all.get(i));
            if (keepEvery > 0 && iteration % keepEvery == 0) {
                continue;
            }
            deleteTree(all.get(i));
        }
        try (Stream<Path> entries = Files.list(folder)) {
            String mine = "-" + ProcessHandle.current().pid();
            for (Path p : entries.toList()) {
                String n = p.getFileName().toString();
                if (n.startsWith(TEMP_PREFIX) && !n.endsWith(mine)) {
                    deleteTree(p);
                }
            }
        }
    }

    private static String writeHashed(Path file, AtomicFiles.ContentWriter content) throws IOException {
        MessageDigest digest = DigestUtils.getSha256Digest();
        AtomicFiles.writeSynced(file, out -> content.writeTo(new DigestOutputStream(out, digest)));
        return Hex.encodeHexString(digest.digest());
    }

    static String sha256(byte[] bytes) {
        return DigestUtils.sha256Hex(bytes);
    }

    private static void requireFinite(MultiLayerNetwork net, String what) {
        if (!ParameterCheck.allFinite(net)) {
            throw new IllegalStateException("refusing to checkpoint: the " + what + " has NaN or infinite parameters");
        }
    }

    /** Deletes a folder and everything in it (nothing if it is missing). */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
