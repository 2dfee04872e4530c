package org.dcgan4j.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.datavec.api.split.InputSplit;

/**
 * Reads an MNIST-format IDX images file (raw or gzip), and its labels file when given.
 * Initialise with a split whose first location is the images file
 * ({@code new FileSplit(imagesFile)}).
 */
public final class IdxRecordReader extends DigitRecordReader {

    private final Path labelsFile;

    /** @param labelsFile the matching IDX labels file, or null for unlabelled images */
    public IdxRecordReader(Path labelsFile) {
        this.labelsFile = labelsFile;
    }

    @Override
    protected void load(InputSplit split) throws IOException {
        Path imagesFile = Path.of(split.locations()[0]);
        IdxFile images = IdxFile.readImages(imagesFile);
        IdxFile labels = labelsFile == null ? null : IdxFile.readLabels(labelsFile);
        if (labels != null && labels.count() != images.count()) {
            throw new BadDataException(labelsFile, "holds " + labels.count() + " labels but "
                    + imagesFile.getFileName() + " holds " + images.count() + " images");
        }
        int rows = images.dims[1];
        int cols = images.dims[2];
        int pixels = rows * cols;
        setShape(rows, cols);
        int maxLabel = -1;
        for (int i = 0; i < images.count(); i++) {
            byte[] img = new byte[pixels];
            System.arraycopy(images.data, i * pixels, img, 0, pixels);
            int label = labels == null ? -1 : labels.data[i] & 0xff;
            maxLabel = Math.max(maxLabel, label);
            add(img, label);
        }
        if (labels != null) {
            setLabelNames(IntStream.rangeClosed(0, Math.max(9, maxLabel)).mapToObj(String::valueOf).toList());
        } else {
            setLabelNames(List.of());
        }
    }
}
