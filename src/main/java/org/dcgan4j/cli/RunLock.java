package org.dcgan4j.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The one writer of a run folder: an exclusive OS lock on {@code RUN/.lock}, taken by
 * {@code train} and {@code resume} before they write anything and held until the process ends.
 * The kernel drops it when the process dies, kill -9 included, so no stale lock is ever left.
 * The file holds the holder's pid, for the message a second writer gets. Readers (status,
 * generate, evaluate) never take it.
 */
final class RunLock implements AutoCloseable {

    static final String FILE = ".lock";

    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the run's lock, or fails with one line naming the process that holds it.
     *
     * @throws UserError when another process (or another command in this one) writes to the run
     */
    static RunLock acquire(Path run) throws IOException {
        Files.createDirectories(run);
        Path file = run.resolve(FILE);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException sameProcess) {
            lock = null;
        }
        if (lock == null) {
            String holder = holder(channel);
            channel.close();
            throw new UserError(run + " is in use by pid " + holder + " (a train or resume writing to it);"
                    + " only one process may write to a run: wait for it, or stop it with scripts/stop.sh " + run);
        }
        channel.truncate(0);
        channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
        channel.force(true);
        return new RunLock(channel, lock);
    }

    private static String holder(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(32);
        channel.read(buffer, 0);
        String pid = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).trim();
        return pid.isEmpty() ? "unknown" : pid;
    }

    @Override
    public void close() throws IOException {
        lock.release();
        channel.close();
    }
}
