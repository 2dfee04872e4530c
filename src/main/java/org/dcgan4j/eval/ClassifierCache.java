package org.dcgan4j.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.commons.codec.digest.DigestUtils;
import org.dcgan4j.files.AtomicFiles;
import org.dcgan4j.data.DigitDataset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains the digit classifier once per data set and keeps it next to the data
 * ({@code .dcgan4j-cache/classifier-<hash>.zip}, keyed by the training images' content hash and
 * the recipe), with its held-out accuracy beside it. Falls back to {@code ~/.cache/dcgan4j}
 * when the data folder is read-only.
 */
public final class ClassifierCache {

    private static final Logger LOG = LoggerFactory.getLogger(ClassifierCache.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Epochs over the training images. */
    static final int EPOCHS = 12;
    static final long SEED = 1234;

    /**
     * @param classifier the classifier
     * @param accuracy   its accuracy on the held-out images it was checked against
     * @param heldOut    how many held-out images that accuracy is over
     * @param file       where it is cached
     */
    public record Cached(DigitClassifier classifier, double accuracy, int heldOut, Path file) {
    }

    private ClassifierCache() {
    }

    /**
     * Names the classifier that {@code train} and {@code heldOut} make: the recipe's values
     * ({@link DigitClassifier#recipe}) and both data sets' contents. Any change trains anew.
     */
    static String key(DigitDataset train, DigitDataset heldOut) {
        return DigestUtils.sha256Hex(DigitClassifier.recipe(train.numClasses(), SEED, EPOCHS) + "|" + train.contentHash() + "|"
                + heldOut.contentHash()).substring(0, 16);
    }

    public static Cached getOrTrain(DigitDataset train, DigitDataset heldOut, Path dataLocation) throws IOException {
        if (!train.hasLabels() || !heldOut.hasLabels()) {
            throw new IllegalArgumentException("the quality classifier needs labelled images; " + train.source()
                    + " has none");
        }
        String key = key(train, heldOut);
        Path dataFolder = Files.isDirectory(dataLocation) ? dataLocation : dataLocation.toAbsolutePath().getParent();
        for (Path dir : new Path[] {dataFolder.resolve(".dcgan4j-cache"),
                Path.of(System.getProperty("user.home"), ".cache", "dcgan4j")}) {
            Path zip = dir.resolve("classifier-" + key + ".zip");
            Path meta = dir.resolve("classifier-" + key + ".json");
            if (Files.isRegularFile(zip) && Files.isRegularFile(meta)) {
                try (InputStream in = Files.newInputStream(zip)) {
                    Map<?, ?> m = JSON.readValue(meta.toFile(), Map.class);
                    LOG.info("quality classifier from cache {}", zip);
                    return new Cached(DigitClassifier.load(in), ((Number) m.get("accuracy")).doubleValue(),
                            ((Number) m.get("heldOut")).intValue(), zip);
                } catch (IOException | RuntimeException e) {
                    LOG.warn("cached classifier {} unreadable ({}); training a new one", zip, e.getMessage());
                }
            }
        }
        LOG.info("training the quality classifier on {} labelled images ({} epochs, once per data set)...",
                train.size(), EPOCHS);
        DigitClassifier c = DigitClassifier.train(train, train.numClasses(), SEED, EPOCHS);
        double accuracy = c.accuracy(heldOut);
        LOG.info("quality classifier: {}% accuracy on {} held-out images", String.format("%.2f", 100 * accuracy), heldOut.size());
        for (Path dir : new Path[] {dataFolder.resolve(".dcgan4j-cache"),
                Path.of(System.getProperty("user.home"), ".cache", "dcgan4j")}) {
            Path zip = dir.resolve("classifier-" + key + ".zip");
            try {
                AtomicFiles.write(zip, c::save);
                AtomicFiles.write(dir.resolve("classifier-" + key + ".json"), out -> JSON.writeValue(out,
                        Map.of("accuracy", accuracy, "heldOut", heldOut.size(), "recipeSha256", DigestUtils.sha256Hex(DigitClassifier.recipe(train.numClasses(), SEED, EPOCHS)),
                                "trainImages", train.source())));
                return new Cached(c, accuracy, heldOut.size(), zip);
            } catch (IOException e) {
                LOG.info("cannot cache the classifier in {} ({}); trying elsewhere", dir, e.getMessage());
            }
        }
        return new Cached(c, accuracy, heldOut.size(), null);
    }
}
