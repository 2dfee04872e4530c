package org.dcgan4j.train;

import java.util.function.LongSupplier;
import org.dcgan4j.memory.ProcessMemory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds the native memory of dead arrays that nobody frees explicitly. ND4J releases an
 * array's buffer only when the JVM collects the array's small Java object; the trainer closes
 * its own arrays, but DL4J's layers make temporaries of their own (many on its Java layer path,
 * the one CUDA and {@code -Ddcgan4j.layerHelpers=false} take), and with a roomy heap the
 * collector may not run for thousands of iterations. After every iteration this guard reads
 * ND4J's live buffer bytes (one native call) and asks for a collection when they have grown
 * {@link #headroomBytes} above the level of the first iterations. On a path that frees its arrays the limit is never
 * reached and the guard costs nothing.
 */
public final class NativeMemoryGuard implements TrainingListener {

    private static final Logger LOG = LoggerFactory.getLogger(NativeMemoryGuard.class);
    /** Growth of live ND4J buffers that triggers a collection. Default: 256 MB. */
    public static final long DEFAULT_HEADROOM_BYTES = 256L << 20;
    /** Iterations before the baseline is taken: the first ones size workspaces and caches. */
    static final int SETTLE_ITERATIONS = 10;

    private final LongSupplier liveBytes;
    private final long headroomBytes;
    private final Runnable collect;
    private long baseline = -1;
    private long seen;
    private long collections;

    /** Watches ND4J's live buffers with the default headroom and collects with {@link System#gc()}. */
    public NativeMemoryGuard() {
        this(ProcessMemory::nd4jBytesNow, DEFAULT_HEADROOM_BYTES, System::gc);
    }

    NativeMemoryGuard(LongSupplier liveBytes, long headroomBytes, Runnable collect) {
        this.liveBytes = liveBytes;
        this.headroomBytes = headroomBytes;
        this.collect = collect;
    }

    @Override
    public void onStart(GanModels models, TrainingProgress progress) {
        baseline = -1;
        seen = 0;
    }

    @Override
    public void onIteration(GanModels models, IterationReport report) {
        long bytes = liveBytes.getAsLong();
        if (bytes < 0) {
            return;
        }
        if (++seen <= SETTLE_ITERATIONS) {
            baseline = Math.max(baseline, bytes);
            return;
        }
        if (bytes > baseline + headroomBytes) {
            collect.run();
            collections++;
            if (collections == 1) {
                LOG.info("native memory: {} MB of ND4J buffers alive, {} MB above the first iterations';"
                        + " collecting dead arrays whenever that reaches {} MB", ProcessMemory.mb(bytes),
                        ProcessMemory.mb(bytes - baseline), ProcessMemory.mb(headroomBytes));
            }
        }
    }

    /** Collections asked for so far. */
    public long collections() {
        return collections;
    }
}
