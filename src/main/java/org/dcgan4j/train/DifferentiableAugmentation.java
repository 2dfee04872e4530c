package org.dcgan4j.train;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.StringJoiner;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DiffAugment (Zhao et al., 2020): every image D sees, real and fake, is randomly translated and
 * partly cut out, and G learns through the same transformation, so that D cannot memorise a small
 * training set (the embedded one holds 9,000 digits: a 20,000-iteration run shows each of them to D
 * about 140 times) while G is still asked for unaugmented digits.
 *
 * <p>The amounts are the paper's: a shift of up to an eighth of the image along each axis (4 pixels
 * of 28) and a cut-out square of half its side (14 pixels) centred anywhere on it. What comes from
 * outside the image and what the square covers is background (-1), so an augmented digit is still a
 * digit on its own background (the paper's images are centred on 0 and filled with 0).
 *
 * <p>The draws depend only on (seed, stream, iteration), like {@link LatentNoise}, so a resumed run
 * augments exactly as the uninterrupted one did.
 */
public final class DifferentiableAugmentation {

    /** The transformations, applied in this order. */
    public enum Kind { TRANSLATION, CUTOUT }

    private static final float BACKGROUND = -1f;
    /** Largest shift along each axis, as a fraction of the side (DiffAugment's ratio 1/8). */
    private static final double SHIFT_RATIO = 0.125;
    /** Side of the cut-out square, as a fraction of the image's side (DiffAugment's 1/2). */
    private static final double CUTOUT_RATIO = 0.5;

    private final long seed;
    private final Set<Kind> kinds;

    public DifferentiableAugmentation(long seed, Set<Kind> kinds) {
        if (kinds.isEmpty()) {
            throw new IllegalArgumentException("an augmentation needs at least one transformation");
        }
        this.seed = seed;
        this.kinds = EnumSet.copyOf(kinds);
    }

    /**
     * The transformations named in {@code policy}: "translation", "cutout", or both joined by
     * ',' or '+'; blank or "none" for none (an empty set).
     *
     * @throws IllegalArgumentException naming the unknown word
     */
    public static Set<Kind> parse(String policy) {
        Set<Kind> kinds = EnumSet.noneOf(Kind.class);
        if (policy == null || policy.isBlank() || policy.trim().equalsIgnoreCase("none")) {
            return kinds;
        }
        for (String word : policy.split("[,+]")) {
            String name = word.trim().toUpperCase(Locale.ROOT);
            try {
                kinds.add(Kind.valueOf(name));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown augmentation '" + word.trim() + "' (known: " + known() + ")");
            }
        }
        return kinds;
    }

    /** The canonical spelling of {@code kinds}, "translation,cutout", or "" for none. */
    public static String policy(Set<Kind> kinds) {
        StringJoiner joined = new StringJoiner(",");
        kinds.forEach(k -> joined.add(k.name().toLowerCase(Locale.ROOT)));
        return joined.toString();
    }

    private static String known() {
        return policy(EnumSet.allOf(Kind.class));
    }

    /** As {@link #draw(long, long, int, int, int, double)}, every transformation applied to every image. */
    public Draw draw(long stream, long iteration, int count, int height, int width) {
        return draw(stream, iteration, count, height, width, 1);
    }

    /**
     * The transformations of {@code count} images [count, C, height, width] at {@code iteration},
     * each applied to each image with {@code probability} ({@link AdaptiveAugmentation}).
     *
     * @param stream {@link LatentNoise#AUGMENTATION_REAL} or {@link LatentNoise#AUGMENTATION_FAKE}
     */
    public Draw draw(long stream, long iteration, int count, int height, int width, double probability) {
        Random random = new Random(LatentNoise.mix(seed, stream, iteration));
        int maxShiftY = (int) (height * SHIFT_RATIO + 0.5);
        int maxShiftX = (int) (width * SHIFT_RATIO + 0.5);
        int cutHeight = (int) (height * CUTOUT_RATIO + 0.5);
        int cutWidth = (int) (width * CUTOUT_RATIO + 0.5);
        int[] shiftY = new int[count];
        int[] shiftX = new int[count];
        int[] cutTop = new int[count];
        int[] cutLeft = new int[count];
        for (int i = 0; i < count; i++) {
            // Every draw is made whether or not it is applied, so p changes only which ones are.
            boolean shifted = random.nextDouble() < probability && kinds.contains(Kind.TRANSLATION);
            int dy = random.nextInt(2 * maxShiftY + 1) - maxShiftY;
            int dx = random.nextInt(2 * maxShiftX + 1) - maxShiftX;
            shiftY[i] = shifted ? dy : 0;
            shiftX[i] = shifted ? dx : 0;
            boolean cut = random.nextDouble() < probability && kinds.contains(Kind.CUTOUT);
            // The square's centre is any pixel or the edge past the last one, as DiffAugment's;
            // one left of and above the image hides nothing.
            int top = random.nextInt(height + 1 - cutHeight % 2) - cutHeight / 2;
            int left = random.nextInt(width + 1 - cutWidth % 2) - cutWidth / 2;
            cutTop[i] = cut ? top : -cutHeight;
            cutLeft[i] = cut ? left : -cutWidth;
        }
        return new Draw(height, width, shiftY, shiftX, kinds.contains(Kind.CUTOUT) ? cutHeight : 0,
                kinds.contains(Kind.CUTOUT) ? cutWidth : 0, cutTop, cutLeft);
    }

    /**
     * One batch's transformations: image i is shifted by (shiftY[i], shiftX[i]) (output pixel (y, x)
     * comes from input pixel (y - shiftY, x - shiftX)), then the rectangle of cutHeight × cutWidth
     * pixels at (cutTop[i], cutLeft[i]) is set to background.
     */
    public record Draw(int height, int width, int[] shiftY, int[] shiftX, int cutHeight, int cutWidth,
                       int[] cutTop, int[] cutLeft) implements DiscriminatorView {

        /** The augmented images: a new array, [N, C, height, width] as {@code images}. */
        public INDArray apply(INDArray images) {
            return map(images, true);
        }

        /**
         * The error at the images for {@code errorAtAugmented}, the error at what {@link #apply}
         * returned (the transpose of its linear part: background pixels pass no error back).
         */
        public INDArray errorBack(INDArray errorAtAugmented) {
            return map(errorAtAugmented, false);
        }

        @Override
        public INDArray seen(INDArray fakes) {
            return apply(fakes);
        }

        @Override
        public INDArray errorAtFakes(INDArray errorAtSeen) {
            return errorBack(errorAtSeen);
        }

        private INDArray map(INDArray source, boolean forward) {
            long[] shape = source.shape();
            int count = (int) shape[0];
            int channels = (int) shape[1];
            if (count != shiftY.length || shape[2] != height || shape[3] != width) {
                throw new IllegalArgumentException("drawn for " + shiftY.length + " images of " + height + "x" + width
                        + ", given " + java.util.Arrays.toString(shape));
            }
            INDArray contiguous = source.dup('c');
            float[] in = contiguous.data().asFloat();
            contiguous.close();
            float[] out = new float[in.length];
            int plane = height * width;
            for (int i = 0; i < count; i++) {
                for (int c = 0; c < channels; c++) {
                    int base = (i * channels + c) * plane;
                    for (int y = 0; y < height; y++) {
                        for (int x = 0; x < width; x++) {
                            int target = base + y * width + x;
                            int fromY = y - shiftY[i];
                            int fromX = x - shiftX[i];
                            boolean visible = fromY >= 0 && fromY < height && fromX >= 0 && fromX < width
                                    && !(y >= cutTop[i] && y < cutTop[i] + cutHeight
                                         && x >= cutLeft[i] && x < cutLeft[i] + cutWidth);
                            int from = base + fromY * width + fromX;
                            if (forward) {
                                out[target] = visible ? in[from] : BACKGROUND;
                            } else if (visible) {
                                out[from] = in[target];
                            }
                        }
                    }
                }
            }
            return Nd4j.create(out, shape, 'c').castTo(source.dataType());
        }
    }
}
