package org.dcgan4j.memory;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.bytedeco.javacpp.Pointer;

/**
 * Where this process's memory is, at one instant: resident set, ND4J's native array buffers,
 * JavaCPP's own allocations and the Java heap.
 *
 * <p>ND4J's array buffers are allocated by libnd4j, not through JavaCPP, so
 * {@link Pointer#totalBytes()} does not see them; libnd4j keeps its own count per device
 * ({@code Environment.getDeviceCounter}: host memory on the CPU backend, device memory on CUDA),
 * which is read here by reflection so that this class loads on either backend.
 *
 * @param rssBytes      resident set size (VmRSS), -1 where /proc is not available
 * @param nd4jBytes     bytes of ND4J array buffers alive outside workspaces, -1 if unknown
 * @param javacppBytes  bytes JavaCPP allocated and has not freed (workspaces, helpers' buffers)
 * @param heapUsedBytes Java heap in use
 */
public record ProcessMemory(long rssBytes, long nd4jBytes, long javacppBytes, long heapUsedBytes) {

    private static final Counter ND4J = Counter.find();

    /** Reads the numbers now. */
    public static ProcessMemory now() {
        Runtime rt = Runtime.getRuntime();
        return new ProcessMemory(procStatusKb("VmRSS:") * 1024, ND4J.bytes(), Pointer.totalBytes(),
                rt.totalMemory() - rt.freeMemory());
    }

    /** ND4J's live array buffers alone (one native call, no file read): cheap enough for every iteration. */
    public static long nd4jBytesNow() {
        return ND4J.bytes();
    }

    /** Peak resident set size of this process (VmHWM), in MB, or -1. */
    public static long peakRssMb() {
        long kb = procStatusKb("VmHWM:");
        return kb < 0 ? -1 : kb >> 10;
    }

    /** Native memory the program holds on purpose: ND4J's buffers plus JavaCPP's allocations. */
    public long offHeapBytes() {
        return Math.max(0, nd4jBytes) + javacppBytes;
    }

    /** "rss 812 MB, off-heap 35 MB (ND4J 33 MB, JavaCPP 2 MB), heap 190 MB". */
    public String describe() {
        return String.format(Locale.ROOT, "rss %d MB, off-heap %d MB (ND4J %s MB, JavaCPP %d MB), heap %d MB",
                mb(rssBytes), mb(offHeapBytes()), nd4jBytes < 0 ? "?" : Long.toString(mb(nd4jBytes)),
                mb(javacppBytes), mb(heapUsedBytes));
    }

    public static long mb(long bytes) {
        return bytes < 0 ? -1 : bytes >> 20;
    }

    private static long procStatusKb(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(key)) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    /** libnd4j's allocation counter for device 0, through whichever backend's bindings are loaded. */
    private record Counter(Object environment, Method read) {

        private static final String[] BINDINGS = {
            "org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment",
            "org.nd4j.linalg.jcublas.bindings.Nd4jCuda$Environment",
        };

        static Counter find() {
            for (String name : BINDINGS) {
                try {
                    Class<?> c = Class.forName(name);
                    return new Counter(c.getMethod("getInstance").invoke(null), c.getMethod("getDeviceCounter", int.class));
                } catch (ReflectiveOperationException | LinkageError e) {
                    // not this backend
                }
            }
            return new Counter(null, null);
        }

        long bytes() {
            if (read == null) {
                return -1;
            }
            try {
                return (Long) read.invoke(environment, 0);
            } catch (ReflectiveOperationException e) {
                return -1;
            }
        }
    }
}
