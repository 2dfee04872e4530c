package org.dcgan4j.tensorboard;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * TensorFlow's record framing, the container of TensorBoard's event files. Each record is
 * <pre>
 *   uint64 length | uint32 masked CRC32C(length) | length bytes of data | uint32 masked CRC32C(data)
 * </pre>
 * all little-endian. A reader stops at a record that is incomplete or fails its checksum and
 * keeps the records before it, so a file cut short by a crash loses only its tail.
 */
final class TfRecord {

    /** TensorFlow's mask (crc32c.h): a CRC stored beside the data it covers is rotated and offset. */
    private static final int MASK_DELTA = 0xa282ead8;

    private TfRecord() {
    }

    /** Writes {@code data} as one record. */
    static void write(OutputStream out, byte[] data) throws IOException {
        ByteBuffer record = ByteBuffer.allocate(Long.BYTES + 2 * Integer.BYTES + data.length)
                .order(ByteOrder.LITTLE_ENDIAN);
        record.putLong(data.length);
        record.putInt(maskedCrc32c(record.array(), 0, Long.BYTES));
        record.put(data);
        record.putInt(maskedCrc32c(data, 0, data.length));
        out.write(record.array());
    }

    static int maskedCrc32c(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        int c = (int) crc.getValue();
        return ((c >>> 15) | (c << 17)) + MASK_DELTA;
    }
}
