package org.dcgan4j.data;

import java.util.Arrays;
import java.util.Random;

/**
 * The training images a run's quick evaluation measures G against, and so picks its best
 * checkpoint by: a subset of the training set chosen by the run's seed. The held-out test set
 * (t10k) then stays for reporting ({@code evaluate}) and is never used to choose.
 *
 * <p>The images stay in G's training data: a Fréchet distance against training images is the
 * usual GAN measure, and switching the evaluation on must not change what G learns from.
 */
public final class ValidationSplit {

    /** Images in the split (fewer when the training set has under ten times as many). */
    public static final int DEFAULT_IMAGES = 1000;

    private ValidationSplit() {
    }

    /** How many images a run on {@code trainingImages} training images measures against. */
    public static int sizeFor(int trainingImages) {
        return Math.min(DEFAULT_IMAGES, trainingImages / 10);
    }

    /**
     * The indices (ascending) of {@code images} of {@code trainingImages} images, drawn without
     * replacement by {@code seed}: the same seed always draws the same images.
     */
    public static int[] indices(int trainingImages, int images, long seed) {
        if (images < 1 || images > trainingImages) {
            throw new IllegalArgumentException("a validation split of " + images + " images from "
                    + trainingImages + " training images");
        }
        int[] order = new int[trainingImages];
        Arrays.setAll(order, i -> i);
        // A stream of its own (not the training shuffle's): salted so it never coincides with it.
        Random random = new Random(seed ^ 0x5EED_0F_BE57L);
        for (int i = 0; i < images; i++) {
            int j = i + random.nextInt(trainingImages - i);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int[] chosen = Arrays.copyOf(order, images);
        Arrays.sort(chosen);
        return chosen;
    }

    /** The split itself: {@code images} of {@code train}'s images, chosen by {@code seed}. */
    public static DigitDataset of(DigitDataset train, int images, long seed) {
        return train.subset(indices(train.size(), images, seed),
                "validation: " + images + " images of " + train.source() + " chosen with seed " + seed);
    }
}
