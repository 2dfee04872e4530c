package org.dcgan4j.data;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.datavec.api.io.labels.ParentPathLabelGenerator;
import org.datavec.api.io.labels.PathLabelGenerator;
import org.datavec.api.split.FileSplit;
import org.datavec.api.split.InputSplit;

/**
 * Reads a folder of PNG/JPEG images (recursively, in sorted order) as 8-bit grayscale images
 * of a fixed size; initialise it with {@code new FileSplit(folder, null, true)}. When every image sits in a sub-folder, the sub-folder names are the labels
 * (DataVec's {@link ParentPathLabelGenerator}); otherwise there are none. Colour images are
 * converted to luminance and other sizes resized (bilinear); {@link #converted()} and
 * {@link #resized()} say how many, for the log. Pixel values are kept as they are: MNIST-style
 * data is light ink on a dark background.
 *
 * <p>Images are decoded with javax.imageio rather than DataVec's own image reader
 * (datavec-data-image), which would pull OpenCV, FFmpeg and HDF5 natives for every OS.
 */
public final class ImageFolderRecordReader extends DigitRecordReader {

    private static final List<String> EXTENSIONS = List.of(".png", ".jpg", ".jpeg");

    private final int targetHeight;
    private final int targetWidth;
    private final PathLabelGenerator labelGenerator = new ParentPathLabelGenerator();
    private int converted;
    private int resized;
    private final Map<String, Integer> originalSizes = new TreeMap<>();

    public ImageFolderRecordReader(int targetHeight, int targetWidth) {
        this.targetHeight = targetHeight;
        this.targetWidth = targetWidth;
    }

    /** True when {@code file} has an image extension this reader takes. */
    public static boolean isImageFile(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return EXTENSIONS.stream().anyMatch(name::endsWith) && !name.startsWith(".");
    }

    /** Image files below {@code folder}, sorted by path. */
    public static List<Path> listImages(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile).filter(ImageFolderRecordReader::isImageFile).sorted().toList();
        }
    }

    public int converted() {
        return converted;
    }

    public int resized() {
        return resized;
    }

    /** Original sizes of the resized images, e.g. {"32x32": 20}. */
    public Map<String, Integer> originalSizes() {
        return originalSizes;
    }

    @Override
    protected void load(InputSplit split) throws IOException {
        // A FileSplit of a folder lists the files below it; its root is the folder itself.
        Path folder = split instanceof FileSplit fs ? fs.getRootDir().toPath()
                : Path.of(split.locations()[0]).getParent();
        List<Path> files = Arrays.stream(split.locations()).map(Path::of)
                .filter(ImageFolderRecordReader::isImageFile).sorted().toList();
        if (files.isEmpty()) {
            throw new BadDataException(folder, "holds no PNG/JPEG images");
        }
        boolean labelled = files.stream().noneMatch(f -> f.getParent().equals(folder));
        List<String> names = new ArrayList<>();
        if (labelled) {
            TreeSet<String> distinct = new TreeSet<>();
            for (Path f : files) {
                distinct.add(labelOf(f));
            }
            names.addAll(distinct);
        }
        setShape(targetHeight, targetWidth);
        setLabelNames(names);
        for (Path f : files) {
            add(readGray(f), labelled ? names.indexOf(labelOf(f)) : -1);
        }
    }

    private String labelOf(Path file) {
        URI uri = file.toUri();
        return labelGenerator.getLabelForPath(uri).toString();
    }

    private byte[] readGray(Path file) {
        BufferedImage img;
        try {
            img = ImageIO.read(file.toFile());
        } catch (IOException | RuntimeException e) {
            throw new BadDataException(file, "unreadable image (" + e.getMessage() + ")");
        }
        if (img == null) {
            throw new BadDataException(file, "unreadable image (not a PNG or JPEG this reader can decode)");
        }
        boolean gray = img.getType() == BufferedImage.TYPE_BYTE_GRAY;
        boolean sameSize = img.getWidth() == targetWidth && img.getHeight() == targetHeight;
        if (!gray) {
            converted++;
        }
        if (!sameSize) {
            resized++;
            originalSizes.merge(img.getWidth() + "x" + img.getHeight(), 1, Integer::sum);
        }
        byte[] pixels = new byte[targetHeight * targetWidth];
        if (gray && sameSize) {
            img.getRaster().getDataElements(0, 0, targetWidth, targetHeight, pixels);
            return pixels;
        }
        BufferedImage rgb = img;
        if (!sameSize) {
            rgb = new BufferedImage(targetWidth, targetHeight, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = rgb.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(img, 0, 0, targetWidth, targetHeight, null);
            g.dispose();
        }
        // Luma by hand: drawing into TYPE_BYTE_GRAY would go through a linear-light gray space
        // and darken mid-tones.
        for (int y = 0; y < targetHeight; y++) {
            for (int x = 0; x < targetWidth; x++) {
                int argb = rgb.getRGB(x, y);
                double luma = 0.299 * ((argb >> 16) & 0xff) + 0.587 * ((argb >> 8) & 0xff) + 0.114 * (argb & 0xff);
                pixels[y * targetWidth + x] = (byte) Math.round(luma);
            }
        }
        return pixels;
    }
}
