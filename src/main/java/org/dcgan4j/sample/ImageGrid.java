package org.dcgan4j.sample;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.dcgan4j.files.AtomicFiles;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Turns generator output ([N, 1, H, W] in [-1, 1]) into 8-bit grayscale PNG images. */
public final class ImageGrid {

    /** Pixels between tiles of a grid. */
    static final int GAP = 2;

    private ImageGrid() {
    }

    /** Columns of an about-square grid for {@code count} images. */
    public static int columnsFor(int count) {
        return (int) Math.ceil(Math.sqrt(count));
    }

    /** All images tiled in rows of {@code columns}, on a black background. */
    public static BufferedImage tile(INDArray images, int columns) {
        int n = (int) images.size(0);
        int h = (int) images.size(2);
        int w = (int) images.size(3);
        int rows = (n + columns - 1) / columns;
        BufferedImage grid = new BufferedImage(columns * (w + GAP) + GAP, rows * (h + GAP) + GAP,
                BufferedImage.TYPE_BYTE_GRAY);
        float[][] all = images.reshape(n, (long) h * w).toFloatMatrix();
        WritableRaster raster = grid.getRaster();
        for (int i = 0; i < n; i++) {
            int x0 = GAP + (i % columns) * (w + GAP);
            int y0 = GAP + (i / columns) * (h + GAP);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    raster.setSample(x0 + x, y0 + y, 0, toByte(all[i][y * w + x]));
                }
            }
        }
        return grid;
    }

    /** Image {@code index} of the batch on its own. */
    public static BufferedImage single(INDArray images, int index) {
        int h = (int) images.size(2);
        int w = (int) images.size(3);
        float[] px = images.get(org.nd4j.linalg.indexing.NDArrayIndex.point(index)).reshape((long) h * w).toFloatVector();
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster raster = img.getRaster();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                raster.setSample(x, y, 0, toByte(px[y * w + x]));
            }
        }
        return img;
    }

    /** Writes a PNG atomically (a viewer never sees half a file). */
    public static void writePng(BufferedImage image, Path file) throws IOException {
        AtomicFiles.write(file, out -> {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG writer available");
            }
        });
    }

    /** [-1, 1] to 0..255, the inverse of the data pipeline's scaling. */
    static int toByte(float v) {
        long b = Math.round((v + 1f) * 127.5f);
        return (int) Math.max(0, Math.min(255, b));
    }
}
