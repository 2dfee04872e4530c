package org.dcgan4j.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.datavec.api.split.FileSplit;
import org.datavec.api.writable.BytesWritable;
import org.datavec.api.writable.Writable;

/**
 * Turns what the user passed as {@code --data} into a {@link DigitDataset}: a folder of MNIST
 * IDX files (choosing {@code train-*} or {@code t10k-*}), one IDX images file, or a folder of
 * PNG/JPEG images. Reading goes through the DataVec record readers.
 */
public final class DigitDatasetLoader {

    /** Images the models take. */
    public static final int HEIGHT = 28;
    public static final int WIDTH = 28;
    /** {@code train-images-idx3-ubyte[.gz]} and the {@code train-images.idx3-ubyte} variant. */
    private static final Pattern IMAGES = Pattern.compile("(.+?)-images[-.]idx3-ubyte(\\.gz)?");

    private DigitDatasetLoader() {
    }

    public static DigitDataset load(Path path, DataSplit split) {
        if (!Files.exists(path)) {
            throw new BadDataException(path, "does not exist");
        }
        try {
            if (Files.isRegularFile(path)) {
                return fromIdx(path);
            }
            Path images = chooseIdx(path, split);
            if (images != null) {
                return fromIdx(images);
            }
            if (ImageFolderRecordReader.listImages(path).isEmpty()) {
                throw new BadDataException(path,
                        "no IDX images file (*-images-idx3-ubyte[.gz]) and no PNG/JPEG images found");
            }
            return fromImageFolder(path);
        } catch (IOException e) {
            throw new BadDataException(path, "cannot be read: " + e.getMessage());
        }
    }

    /** The IDX images file of {@code split} in {@code folder}, or null when it holds none. */
    private static Path chooseIdx(Path folder, DataSplit split) throws IOException {
        Map<String, Path> byPrefix = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                Matcher m = IMAGES.matcher(f.getFileName().toString());
                if (m.matches()) {
                    // Raw and .gz of the same set: the raw one sorts first and is kept.
                    byPrefix.putIfAbsent(m.group(1), f);
                }
            }
        }
        if (byPrefix.isEmpty()) {
            return null;
        }
        Path wanted = byPrefix.get(split.prefix());
        if (wanted != null) {
            return wanted;
        }
        if (split == DataSplit.TEST) {
            throw new BadDataException(folder, "has no test set (t10k-images-idx3-ubyte[.gz])");
        }
        if (byPrefix.size() == 1) {
            return byPrefix.values().iterator().next();
        }
        throw new BadDataException(folder, "holds several IDX image sets and none is named train-*: "
                + byPrefix.values().stream().map(p -> p.getFileName().toString()).collect(Collectors.joining(", ")));
    }

    /** The labels file beside an images file (same prefix), or null. */
    static Path labelsFor(Path imagesFile) {
        Matcher m = IMAGES.matcher(imagesFile.getFileName().toString());
        if (!m.matches()) {
            return null;
        }
        for (String sep : new String[] {"-", "."}) {
            for (String gz : new String[] {"", ".gz"}) {
                Path candidate = imagesFile.resolveSibling(m.group(1) + "-labels" + sep + "idx1-ubyte" + gz);
                if (Files.isRegularFile(candidate)) {
                    return candidate;
                }
            }
        }
        return null;
    }

    private static DigitDataset fromIdx(Path imagesFile) throws IOException {
        Path labelsFile = labelsFor(imagesFile);
        IdxRecordReader reader = new IdxRecordReader(labelsFile);
        reader.initialize(new FileSplit(imagesFile.toFile()));
        if (reader.height() != HEIGHT || reader.width() != WIDTH) {
            throw new BadDataException(imagesFile, "images are " + reader.height() + "x" + reader.width()
                    + ", the model takes " + HEIGHT + "x" + WIDTH);
        }
        String source = "IDX " + imagesFile + (labelsFile != null ? " + labels " + labelsFile.getFileName() : "");
        return collect(reader, source, List.of());
    }

    private static DigitDataset fromImageFolder(Path folder) throws IOException {
        ImageFolderRecordReader reader = new ImageFolderRecordReader(HEIGHT, WIDTH);
        reader.initialize(new FileSplit(folder.toFile(), null, true));
        String source = "image folder " + folder;
        List<String> notes = new ArrayList<>();
        if (reader.converted() > 0) {
            notes.add(reader.converted() + " colour images were converted to grayscale");
        }
        if (reader.resized() > 0) {
            notes.add(reader.resized() + " images were resized to " + HEIGHT + "x" + WIDTH
                    + " (original sizes " + reader.originalSizes() + ")");
        }
        if (!reader.hasLabels()) {
            notes.add("no labels: the images are not in sub-folders");
        }
        return collect(reader, source, notes);
    }

    private static DigitDataset collect(DigitRecordReader reader, String source, List<String> notes) {
        int n = reader.size();
        int pixels = reader.height() * reader.width();
        byte[] all = new byte[n * pixels];
        int[] labels = reader.hasLabels() ? new int[n] : null;
        for (int i = 0; reader.hasNext(); i++) {
            List<Writable> record = reader.next();
            byte[] img = ((BytesWritable) record.get(0)).getContent();
            System.arraycopy(img, 0, all, i * pixels, pixels);
            if (labels != null) {
                labels[i] = record.get(1).toInt();
            }
        }
        return new DigitDataset(all, labels, n, reader.height(), reader.width(),
                new ArrayList<>(reader.getLabels()), source, notes);
    }
}
