package org.dcgan4j.data;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes small IDX files for tests. */
public final class IdxTestFiles {

    private IdxTestFiles() {
    }

    /** Image i has every pixel equal to (i * 37 + pixel) % 256, so images differ and are checkable. */
    public static byte[] images(int count, int rows, int cols) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(0x00000803);
        out.writeInt(count);
        out.writeInt(rows);
        out.writeInt(cols);
        for (int i = 0; i < count; i++) {
            for (int p = 0; p < rows * cols; p++) {
                out.writeByte(expectedPixel(i, p));
            }
        }
        return bytes.toByteArray();
    }

    public static int expectedPixel(int image, int pixel) {
        return (image * 37 + pixel) % 256;
    }

    /** Label i = i % 10. */
    public static byte[] labels(int count) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(0x00000801);
        out.writeInt(count);
        for (int i = 0; i < count; i++) {
            out.writeByte(i % 10);
        }
        return bytes.toByteArray();
    }

    public static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(raw);
        }
        return bytes.toByteArray();
    }

    public static Path write(Path file, byte[] content) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.write(file, content);
    }

    /** A train (n) + t10k (m) MNIST-style folder, gzipped. */
    public static Path mnistFolder(Path dir, int n, int m) throws IOException {
        write(dir.resolve("train-images-idx3-ubyte.gz"), gzip(images(n, 28, 28)));
        write(dir.resolve("train-labels-idx1-ubyte.gz"), gzip(labels(n)));
        write(dir.resolve("t10k-images-idx3-ubyte.gz"), gzip(images(m, 28, 28)));
        write(dir.resolve("t10k-labels-idx1-ubyte.gz"), gzip(labels(m)));
        return dir;
    }
}
