package org.dcgan4j.tensorboard;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;
import org.dcgan4j.tensorboard.proto.Event;

/**
 * One TensorBoard event file, always a new one: {@code events.out.tfevents.SECONDS.HOST.PID}.
 * Nothing is ever appended to a file an earlier process wrote, so a file a crash cut short
 * stays as it is, and TensorBoard reads it up to the cut.
 *
 * <p>TensorBoard reads a folder's event files in the order of their names, so SECONDS is the
 * wall clock or, when that is not later, one more than the newest file's (a resume or a
 * rollback within the same second still sorts last).
 */
final class EventFileWriter implements AutoCloseable {

    static final String PREFIX = "events.out.tfevents.";
    /** The first event of every file: the Event format version TensorBoard expects. */
    static final String FILE_VERSION = "brain.Event:2";
    private static final int BUFFER_BYTES = 1 << 16;

    private final Path file;
    private final OutputStream out;

    private EventFileWriter(Path file) throws IOException {
        this.file = file;
        this.out = new BufferedOutputStream(Files.newOutputStream(file, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE), BUFFER_BYTES);
    }

    /** Creates a new event file in {@code folder} (made if missing) and writes its version event. */
    static EventFileWriter createIn(Path folder) throws IOException {
        Files.createDirectories(folder);
        long seconds = Math.max(System.currentTimeMillis() / 1000, newestStamp(folder) + 1);
        Path file = folder.resolve(String.format("%s%010d.%s.%d", PREFIX, seconds, hostName(),
                ProcessHandle.current().pid()));
        EventFileWriter writer = new EventFileWriter(file);
        writer.write(Event.newBuilder().setWallTime(System.currentTimeMillis() / 1000.0)
                .setFileVersion(FILE_VERSION).build());
        return writer;
    }

    Path file() {
        return file;
    }

    void write(Event event) throws IOException {
        TfRecord.write(out, event.toByteArray());
    }

    /** Hands what is buffered to the operating system, where a reader (and a kill -9) sees it. */
    void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    /** SECONDS of the newest event file in the folder, or -1. */
    private static long newestStamp(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith(PREFIX))
                    .mapToLong(EventFileWriter::stampOf)
                    .max().orElse(-1);
        }
    }

    private static long stampOf(String name) {
        int end = name.indexOf('.', PREFIX.length());
        try {
            return Long.parseLong(name.substring(PREFIX.length(), end < 0 ? name.length() : end));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The host name with only file-name-safe characters, as a part of the file name. */
    private static String hostName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "localhost";
        }
        return host.replaceAll("[^A-Za-z0-9.-]", "_");
    }
}
