package org.dcgan4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.datavec.api.split.FileSplit;
import org.datavec.api.writable.BytesWritable;
import org.datavec.api.writable.Writable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxRecordReaderTest {

    @TempDir
    Path dir;

    private List<List<Writable>> readAll(Path images, Path labels) throws Exception {
        IdxRecordReader reader = new IdxRecordReader(labels);
        reader.initialize(new FileSplit(images.toFile()));
        List<List<Writable>> records = new java.util.ArrayList<>();
        while (reader.hasNext()) {
            records.add(reader.next());
        }
        return records;
    }

    @Test
    void rawAndGzipReadTheSamePixelsAndLabels() throws Exception {
        Path raw = IdxTestFiles.write(dir.resolve("a-images-idx3-ubyte"), IdxTestFiles.images(5, 28, 28));
        Path rawLabels = IdxTestFiles.write(dir.resolve("a-labels-idx1-ubyte"), IdxTestFiles.labels(5));
        Path gz = IdxTestFiles.write(dir.resolve("b-images-idx3-ubyte.gz"), IdxTestFiles.gzip(IdxTestFiles.images(5, 28, 28)));
        Path gzLabels = IdxTestFiles.write(dir.resolve("b-labels-idx1-ubyte.gz"), IdxTestFiles.gzip(IdxTestFiles.labels(5)));

        List<List<Writable>> fromRaw = readAll(raw, rawLabels);
        List<List<Writable>> fromGz = readAll(gz, gzLabels);

        assertThat(fromRaw).hasSize(5);
        for (int i = 0; i < 5; i++) {
            byte[] a = ((BytesWritable) fromRaw.get(i).get(0)).getContent();
            byte[] b = ((BytesWritable) fromGz.get(i).get(0)).getContent();
            assertThat(a).hasSize(784).isEqualTo(b);
            assertThat(a[100] & 0xff).isEqualTo(IdxTestFiles.expectedPixel(i, 100));
            assertThat(fromRaw.get(i).get(1).toInt()).isEqualTo(i % 10).isEqualTo(fromGz.get(i).get(1).toInt());
        }
    }

    @Test
    void gzipIsDetectedByContentNotByName() throws Exception {
        Path gzipNamedRaw = IdxTestFiles.write(dir.resolve("x-images-idx3-ubyte"), IdxTestFiles.gzip(IdxTestFiles.images(3, 28, 28)));
        Path rawNamedGz = IdxTestFiles.write(dir.resolve("y-images-idx3-ubyte.gz"), IdxTestFiles.images(3, 28, 28));
        assertThat(readAll(gzipNamedRaw, null)).hasSize(3);
        assertThat(readAll(rawNamedGz, null)).hasSize(3);
        assertThat(readAll(rawNamedGz, null).get(0)).hasSize(1); // no labels: pixels only
    }

    @Test
    void resetStartsOverAndMetadataReloadsARecord() throws Exception {
        Path images = IdxTestFiles.write(dir.resolve("a-images-idx3-ubyte"), IdxTestFiles.images(4, 28, 28));
        IdxRecordReader reader = new IdxRecordReader(null);
        reader.initialize(new FileSplit(images.toFile()));
        reader.next();
        var second = reader.nextRecord();
        reader.reset();
        assertThat(reader.hasNext()).isTrue();
        reader.next();
        assertThat(reader.loadFromMetaData(second.getMetaData()).getRecord()).isEqualTo(second.getRecord());
    }

    @Test
    void wrongMagicNamesTheFile() throws Exception {
        byte[] bytes = IdxTestFiles.labels(3); // a labels file given as images
        Path f = IdxTestFiles.write(dir.resolve("bad-images-idx3-ubyte"), bytes);
        assertThatThrownBy(() -> readAll(f, null)).isInstanceOf(BadDataException.class)
                .hasMessage(f + ": wrong magic number 0x00000801, expected 0x00000803 (IDX images)");
    }

    @Test
    void truncatedHeaderNamesTheFile() throws Exception {
        Path f = IdxTestFiles.write(dir.resolve("short-images-idx3-ubyte"), Arrays.copyOf(IdxTestFiles.images(2, 28, 28), 10));
        assertThatThrownBy(() -> readAll(f, null)).isInstanceOf(BadDataException.class)
                .hasMessageStartingWith(f + ": truncated header");
    }

    @Test
    void truncatedDataSaysHowMuchIsMissing() throws Exception {
        byte[] full = IdxTestFiles.images(2, 28, 28);
        Path f = IdxTestFiles.write(dir.resolve("cut-images-idx3-ubyte.gz"), IdxTestFiles.gzip(Arrays.copyOf(full, full.length - 100)));
        assertThatThrownBy(() -> readAll(f, null)).isInstanceOf(BadDataException.class)
                .hasMessage(f + ": truncated: header announces 1568 data bytes, found 1468");
    }

    @Test
    void imageLabelCountMismatchNamesBothFiles() throws Exception {
        Path images = IdxTestFiles.write(dir.resolve("m-images-idx3-ubyte"), IdxTestFiles.images(4, 28, 28));
        Path labels = IdxTestFiles.write(dir.resolve("m-labels-idx1-ubyte"), IdxTestFiles.labels(3));
        assertThatThrownBy(() -> readAll(images, labels)).isInstanceOf(BadDataException.class)
                .hasMessage(labels + ": holds 3 labels but m-images-idx3-ubyte holds 4 images");
    }

    @Test
    void emptyFileIsReported() throws Exception {
        Path f = IdxTestFiles.write(dir.resolve("e-images-idx3-ubyte"), IdxTestFiles.images(0, 28, 28));
        assertThatThrownBy(() -> readAll(f, null)).isInstanceOf(BadDataException.class)
                .hasMessage(f + ": holds no items (count 0 in the header)");
    }
}
