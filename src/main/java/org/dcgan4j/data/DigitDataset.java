package org.dcgan4j.data;

import java.util.List;
import org.apache.commons.codec.binary.Hex;
import org.apache.commons.codec.digest.DigestUtils;

/**
 * Images held in memory as unsigned bytes (0 = background, 255 = ink), with optional labels.
 * 60,000 MNIST digits take 47 MB this way.
 */
public final class DigitDataset {

    private final byte[] pixels;
    private final int[] labels;
    private final int size;
    private final int height;
    private final int width;
    private final List<String> labelNames;
    private final String source;
    private final List<String> notes;

    /**
     * @param pixels     size*height*width bytes, image after image, row-major
     * @param labels     one class index per image, or null
     * @param labelNames names of the classes (index = label), empty without labels
     * @param source     human-readable description of where the images came from
     * @param notes      what was done to the images on reading (conversions), for the log
     */
    public DigitDataset(byte[] pixels, int[] labels, int size, int height, int width,
                        List<String> labelNames, String source, List<String> notes) {
        if ((long) size * height * width != pixels.length) {
            throw new IllegalArgumentException("pixel buffer holds " + pixels.length + " bytes, expected "
                    + size + "x" + height + "x" + width);
        }
        if (labels != null && labels.length != size) {
            throw new IllegalArgumentException(labels.length + " labels for " + size + " images");
        }
        this.pixels = pixels;
        this.labels = labels;
        this.size = size;
        this.height = height;
        this.width = width;
        this.labelNames = List.copyOf(labelNames);
        this.source = source;
        this.notes = List.copyOf(notes);
    }

    public int size() {
        return size;
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    public boolean hasLabels() {
        return labels != null;
    }

    /** Class index of image {@code i}; only when {@link #hasLabels()}. */
    public int label(int i) {
        return labels[i];
    }

    public int numClasses() {
        return labelNames.size();
    }

    public List<String> labelNames() {
        return labelNames;
    }

    public String source() {
        return source;
    }

    /** Conversions applied on reading, e.g. "12 colour images were converted to grayscale". */
    public List<String> notes() {
        return notes;
    }

    /** One line for the log: source, counts, size. */
    public String summary() {
        String labelText = hasLabels() ? size + " labels in " + numClasses() + " classes" : "no labels";
        return source + ": " + size + " images, " + labelText + ", " + height + "x" + width;
    }

    /** SHA-256 (hex) of the pixels, shape and labels: identifies the data set's content. */
    public String contentHash() {
        java.security.MessageDigest sha = DigestUtils.getSha256Digest();
        sha.update(java.nio.ByteBuffer.allocate(12).putInt(size).putInt(height).putInt(width).array());
        sha.update(pixels);
        if (labels != null) {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4 * labels.length);
            for (int l : labels) {
                b.putInt(l);
            }
            sha.update(b.array());
        }
        return Hex.encodeHexString(sha.digest());
    }

    /** The images (and labels) at {@code indices}, in that order, described as {@code source}. */
    public DigitDataset subset(int[] indices, String source) {
        int imageBytes = height * width;
        byte[] chosen = new byte[indices.length * imageBytes];
        int[] chosenLabels = labels == null ? null : new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(pixels, indices[i] * imageBytes, chosen, i * imageBytes, imageBytes);
            if (chosenLabels != null) {
                chosenLabels[i] = labels[indices[i]];
            }
        }
        return new DigitDataset(chosen, chosenLabels, indices.length, height, width, labelNames, source, notes);
    }

    /** Images {@code from} (inclusive) to {@code to} (exclusive) as [n, 1, H, W] floats in [-1, 1]. */
    public org.nd4j.linalg.api.ndarray.INDArray scaledImages(int from, int to) {
        int n = to - from;
        int px = height * width;
        float[] out = new float[n * px];
        for (int i = 0; i < n; i++) {
            copyScaled(from + i, out, i * px);
        }
        return org.nd4j.linalg.factory.Nd4j.create(out, new long[] {n, 1, height, width});
    }

    /** Pixel {@code index} (row-major) of image {@code image}, 0..255. */
    public int pixel(int image, int index) {
        return pixels[image * height * width + index] & 0xff;
    }

    /** Copies image {@code i} into {@code dst} at {@code offset}, scaled to [-1, 1]. */
    public void copyScaled(int i, float[] dst, int offset) {
        int n = height * width;
        int base = i * n;
        for (int k = 0; k < n; k++) {
            dst[offset + k] = (pixels[base + k] & 0xff) / 127.5f - 1f;
        }
    }
}
