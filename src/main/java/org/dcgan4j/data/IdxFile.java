package org.dcgan4j.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * One MNIST-format IDX file read whole: big-endian header, then unsigned bytes. Images have
 * magic 0x00000803 and dimensions (count, rows, columns); labels 0x00000801 and (count).
 * Gzip is recognised by its first two bytes, whatever the file is called.
 */
final class IdxFile {

    static final int IMAGES_MAGIC = 0x00000803;
    static final int LABELS_MAGIC = 0x00000801;

    final Path path;
    final int[] dims;
    final byte[] data;

    private IdxFile(Path path, int[] dims, byte[] data) {
        this.path = path;
        this.dims = dims;
        this.data = data;
    }

    static IdxFile readImages(Path path) {
        IdxFile f = read(path, IMAGES_MAGIC, 3, "IDX images");
        if (f.dims[1] < 1 || f.dims[2] < 1) {
            throw new BadDataException(path, "image size " + f.dims[1] + "x" + f.dims[2] + " is empty");
        }
        return f;
    }

    static IdxFile readLabels(Path path) {
        return read(path, LABELS_MAGIC, 1, "IDX labels");
    }

    int count() {
        return dims[0];
    }

    private static IdxFile read(Path path, int expectedMagic, int rank, String kind) {
        if (!Files.isRegularFile(path)) {
            throw new BadDataException(path, Files.exists(path) ? "is not a regular file" : "does not exist");
        }
        try (DataInputStream in = new DataInputStream(open(path))) {
            int magic;
            int[] dims = new int[rank];
            try {
                magic = in.readInt();
                if (magic != expectedMagic) {
                    throw new BadDataException(path, String.format("wrong magic number 0x%08X, expected 0x%08X (%s)",
                            magic, expectedMagic, kind));
                }
                for (int i = 0; i < rank; i++) {
                    dims[i] = in.readInt();
                    if (dims[i] < 0) {
                        throw new BadDataException(path, "negative dimension " + dims[i] + " in the header");
                    }
                }
            } catch (EOFException e) {
                throw new BadDataException(path, "truncated header (shorter than " + (4 + 4 * rank) + " bytes)");
            }
            long expected = 1;
            for (int d : dims) {
                expected *= d;
            }
            if (expected > Integer.MAX_VALUE - 16) {
                throw new BadDataException(path, "header announces " + expected + " bytes, more than can be loaded");
            }
            if (dims[0] == 0) {
                throw new BadDataException(path, "holds no items (count 0 in the header)");
            }
            byte[] data = new byte[(int) expected];
            int read = in.readNBytes(data, 0, data.length);
            if (read < data.length) {
                throw new BadDataException(path, String.format("truncated: header announces %d data bytes, found %d",
                        expected, read));
            }
            return new IdxFile(path, dims, data);
        } catch (IOException e) {
            throw new BadDataException(path, "cannot be read: " + e.getMessage());
        }
    }

    private static InputStream open(Path path) throws IOException {
        BufferedInputStream in = new BufferedInputStream(Files.newInputStream(path), 1 << 16);
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        return b0 == 0x1f && b1 == 0x8b ? new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16) : in;
    }
}
