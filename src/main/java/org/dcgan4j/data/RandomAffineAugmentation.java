package org.dcgan4j.data;

import java.util.Arrays;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Random small affine distortions of training digits: every image of every batch is shifted,
 * rotated and scaled about its centre by its own random amounts, so a classifier trained on a
 * few thousand digits sees the variation in position, slant and size it meets in held-out ones.
 * Pixels are resampled bilinearly; whatever comes from outside the image is background (-1).
 * Takes and returns batches [N, 1, H, W] in [-1, 1]; the output stays in that range, as each
 * output pixel is a convex blend of input pixels and background.
 *
 * <p>The draws come from one {@link Random} seeded at construction, so a training run that
 * asks for the same batches in the same order gets the same distortions.
 */
public final class RandomAffineAugmentation implements DataSetPreProcessor {

    private static final float BACKGROUND = -1f;

    private final double maxShift;
    private final double maxRotation;
    private final double maxScaleChange;
    private final Random random;

    /**
     * @param maxShiftPixels     largest shift along each axis, in pixels (uniform in ±this)
     * @param maxRotationDegrees largest rotation either way, in degrees
     * @param maxScaleChange     largest relative change of size (0.1: scale 0.9 to 1.1)
     * @param seed               seeds the draws
     */
    public RandomAffineAugmentation(double maxShiftPixels, double maxRotationDegrees, double maxScaleChange, long seed) {
        if (maxShiftPixels < 0 || maxRotationDegrees < 0 || maxScaleChange < 0 || maxScaleChange >= 1) {
            throw new IllegalArgumentException("shift and rotation must be >= 0 and the scale change in [0, 1), got "
                    + maxShiftPixels + ", " + maxRotationDegrees + ", " + maxScaleChange);
        }
        this.maxShift = maxShiftPixels;
        this.maxRotation = Math.toRadians(maxRotationDegrees);
        this.maxScaleChange = maxScaleChange;
        this.random = new Random(seed);
    }

    /** Replaces the batch's features by a distorted copy; labels are left alone. */
    @Override
    public void preProcess(DataSet batch) {
        batch.setFeatures(apply(batch.getFeatures()));
    }

    /** A distorted copy of {@code images} [N, 1, H, W], one random transform per image. */
    public INDArray apply(INDArray images) {
        long[] shape = images.shape();
        if (shape.length != 4 || shape[1] != 1) {
            throw new IllegalArgumentException("expected images [N, 1, H, W], got " + Arrays.toString(shape));
        }
        int n = (int) shape[0];
        int h = (int) shape[2];
        int w = (int) shape[3];
        float[] in = images.castTo(DataType.FLOAT).dup('c').data().asFloat(); // a fresh buffer of exactly N*H*W
        float[] out = new float[in.length];
        for (int i = 0; i < n; i++) {
            double shiftX = uniform(maxShift);
            double shiftY = uniform(maxShift);
            double angle = uniform(maxRotation);
            double scale = 1 + uniform(maxScaleChange);
            warp(in, out, i * h * w, h, w, shiftX, shiftY, angle, scale);
        }
        return Nd4j.create(out, shape);
    }

    private double uniform(double max) {
        return max == 0 ? 0 : (2 * random.nextDouble() - 1) * max;
    }

    /**
     * Resamples one h×w image (at {@code offset} in both arrays) under the transform that scales
     * by {@code scale} and rotates by {@code angle} (radians, clockwise on screen since rows grow
     * downwards) about the image centre, then shifts by ({@code shiftX} columns, {@code shiftY}
     * rows). Each output pixel p reads the input at centre + R(-angle)(p - centre - shift) / scale.
     */
    static void warp(float[] src, float[] dst, int offset, int h, int w,
                     double shiftX, double shiftY, double angle, double scale) {
        double cx = (w - 1) / 2.0;
        double cy = (h - 1) / 2.0;
        double cos = Math.cos(angle) / scale;
        double sin = Math.sin(angle) / scale;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double dx = x - cx - shiftX;
                double dy = y - cy - shiftY;
                double sx = cx + cos * dx + sin * dy;
                double sy = cy - sin * dx + cos * dy;
                dst[offset + y * w + x] = bilinear(src, offset, h, w, sx, sy);
            }
        }
    }

    /** The input at the fractional position (sx, sy), background outside the image. */
    private static float bilinear(float[] src, int offset, int h, int w, double sx, double sy) {
        int x0 = (int) Math.floor(sx);
        int y0 = (int) Math.floor(sy);
        double fx = sx - x0;
        double fy = sy - y0;
        double top = (1 - fx) * pixel(src, offset, h, w, x0, y0) + fx * pixel(src, offset, h, w, x0 + 1, y0);
        double bottom = (1 - fx) * pixel(src, offset, h, w, x0, y0 + 1) + fx * pixel(src, offset, h, w, x0 + 1, y0 + 1);
        return (float) ((1 - fy) * top + fy * bottom);
    }

    private static float pixel(float[] src, int offset, int h, int w, int x, int y) {
        return x < 0 || y < 0 || x >= w || y >= h ? BACKGROUND : src[offset + y * w + x];
    }
}
