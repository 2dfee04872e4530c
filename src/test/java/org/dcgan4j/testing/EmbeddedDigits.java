package org.dcgan4j.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dcgan4j.data.DataSplit;
import org.dcgan4j.data.DigitDataset;
import org.dcgan4j.data.DigitDatasetLoader;
import org.dcgan4j.eval.ClassifierCache;

/**
 * A copy of the embedded MNIST digits in a temporary folder, with the quality classifier
 * trained once per test JVM and cached beside it (as {@code evaluate} and {@code train
 * --eval-every} find it). The copy keeps the cache out of the repository.
 */
public final class EmbeddedDigits {

    private static Path folder;
    private static ClassifierCache.Cached classifier;

    private EmbeddedDigits() {
    }

    /** The folder holding train-* and t10k-* IDX files. */
    public static synchronized Path folder() {
        if (folder == null) {
            try {
                Path tmp = Files.createTempDirectory("dcgan4j-embedded-");
                Path source = Path.of("data/mnist-embedded");
                for (String f : new String[] {"train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
                        "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"}) {
                    Files.copy(source.resolve(f), tmp.resolve(f));
                }
                folder = tmp;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return folder;
    }

    public static DigitDataset train() {
        return DigitDatasetLoader.load(folder(), DataSplit.TRAIN);
    }

    public static DigitDataset heldOut() {
        return DigitDatasetLoader.load(folder(), DataSplit.TEST);
    }

    /** The classifier, trained on the first call (about 1.5 minutes) and cached in {@link #folder()}. */
    public static synchronized ClassifierCache.Cached classifier() {
        if (classifier == null) {
            try {
                classifier = ClassifierCache.getOrTrain(train(), heldOut(), folder());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return classifier;
    }
}
