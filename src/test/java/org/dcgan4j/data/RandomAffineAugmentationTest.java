package org.dcgan4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class RandomAffineAugmentationTest {

    private static final int H = 28;
    private static final int W = 28;

    /** A 28x28 image, background -1, with a bright 3x2 block at rows 10..12, columns 5..6. */
    private static float[] block() {
        float[] img = new float[H * W];
        Arrays.fill(img, -1f);
        for (int y = 10; y <= 12; y++) {
            for (int x = 5; x <= 6; x++) {
                img[y * W + x] = 1f;
            }
        }
        return img;
    }

    /** Random values in [-1, 1] for {@code n} images. */
    private static float[] noise(int n, long seed) {
        Random r = new Random(seed);
        float[] out = new float[n * H * W];
        for (int i = 0; i < out.length; i++) {
            out[i] = 2 * r.nextFloat() - 1;
        }
        return out;
    }

    @Test
    void identityTransformLeavesTheImageUnchanged() {
        float[] src = noise(1, 1);
        float[] dst = new float[src.length];
        RandomAffineAugmentation.warp(src, dst, 0, H, W, 0, 0, 0, 1);
        assertThat(dst).containsExactly(src);
    }

    @Test
    void wholePixelShiftMovesEveryPixelAndFillsWithBackground() {
        float[] src = block();
        float[] dst = new float[src.length];
        RandomAffineAugmentation.warp(src, dst, 0, H, W, 2, -1, 0, 1); // 2 columns right, 1 row up
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                boolean inBlock = y >= 9 && y <= 11 && x >= 7 && x <= 8;
                assertThat(dst[y * W + x]).as("pixel (row %d, col %d)", y, x).isEqualTo(inBlock ? 1f : -1f);
            }
        }
    }

    @Test
    void shiftOfAnEdgeRowBringsInBackground() {
        float[] src = noise(1, 2);
        float[] dst = new float[src.length];
        RandomAffineAugmentation.warp(src, dst, 0, H, W, 0, 1, 0, 1); // 1 row down
        for (int x = 0; x < W; x++) {
            assertThat(dst[x]).isEqualTo(-1f);
            assertThat(dst[5 * W + x]).isEqualTo(src[4 * W + x]);
        }
    }

    @Test
    void quarterTurnRotatesAboutTheCentre() {
        float[] src = block();
        float[] dst = new float[src.length];
        RandomAffineAugmentation.warp(src, dst, 0, H, W, 0, 0, Math.PI / 2, 1);
        // Clockwise on screen about (13.5, 13.5): (col x, row y) -> (col 27 - y, row x).
        for (int y = 10; y <= 12; y++) {
            for (int x = 5; x <= 6; x++) {
                assertThat(dst[x * W + (27 - y)]).isCloseTo(1f, offset(1e-5f));
            }
        }
        assertThat(sum(dst)).isCloseTo(sum(src), offset(1e-3));
    }

    @Test
    void batchesStayInRangeChangeAndAreReproducible() {
        INDArray images = Nd4j.create(noise(16, 3), new long[] {16, 1, H, W});
        INDArray a = new RandomAffineAugmentation(2, 10, 0.1, 42).apply(images);
        INDArray b = new RandomAffineAugmentation(2, 10, 0.1, 42).apply(images);
        assertThat(a.shape()).containsExactly(16, 1, H, W);
        assertThat(a.minNumber().doubleValue()).isGreaterThanOrEqualTo(-1);
        assertThat(a.maxNumber().doubleValue()).isLessThanOrEqualTo(1);
        assertThat(a).isEqualTo(b);
        assertThat(a).isNotEqualTo(images);
        assertThat(images.getDouble(0, 0, 0, 0)).isEqualTo(noise(1, 3)[0], offset(0.0));
    }

    @Test
    void noDistortionIsTheIdentityOnABatch() {
        INDArray images = Nd4j.create(noise(4, 4), new long[] {4, 1, H, W});
        assertThat(new RandomAffineAugmentation(0, 0, 0, 1).apply(images)).isEqualTo(images);
    }

    @Test
    void rejectsBadSettings() {
        assertThatThrownBy(() -> new RandomAffineAugmentation(-1, 0, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RandomAffineAugmentation(0, 0, 1, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    private static double sum(float[] a) {
        double s = 0;
        for (float v : a) {
            s += v;
        }
        return s;
    }
}
