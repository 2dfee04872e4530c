package org.dcgan4j.train;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.LongSupplier;
import org.dcgan4j.memory.ProcessMemory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Flags off-heap memory that keeps growing: sampled every {@link #SAMPLE_EVERY} iterations, it
 * warns once the last {@link #WINDOW} samples each rose above the one before by more than
 * {@link #MIN_GROWTH_BYTES} in all. A run whose arrays are freed as they die has a flat or
 * saw-toothed off-heap curve; one that leaks rises step after step, and on a long run reaches
 * the process's memory limit. Like {@link SaturationMonitor}, it only tells (log and
 * {@code status.json}); it does not stop the run.
 */
public final class MemoryGrowthMonitor implements TrainingListener {

    private static final Logger LOG = LoggerFactory.getLogger(MemoryGrowthMonitor.class);
    /** Iterations between samples. */
    public static final int SAMPLE_EVERY = 250;
    /** Consecutive rises (samples - 1) that count as a trend: 2,000 iterations. */
    public static final int WINDOW = 9;
    /** Growth below this over the window is noise (a sample grid, a checkpoint's buffers). */
    public static final long MIN_GROWTH_BYTES = 64L << 20;

    private final LongSupplier offHeapBytes;
    private final Deque<long[]> samples = new ArrayDeque<>();
    private String warning;

    /** Watches this process's off-heap bytes ({@link ProcessMemory#offHeapBytes()}). */
    public MemoryGrowthMonitor() {
        this(() -> ProcessMemory.now().offHeapBytes());
    }

    /** Watches any byte count (tests feed their own). */
    public MemoryGrowthMonitor(LongSupplier offHeapBytes) {
        this.offHeapBytes = offHeapBytes;
    }

    @Override
    public void onStart(GanModels models, TrainingProgress progress) {
        samples.clear();
    }

    @Override
    public void onIteration(GanModels models, IterationReport report) {
        long it = report.progress().iteration();
        if (it % SAMPLE_EVERY == 0) {
            sample(it, offHeapBytes.getAsLong());
        }
    }

    /** Records the off-heap bytes after {@code iteration} iterations. */
    void sample(long iteration, long bytes) {
        samples.addLast(new long[] {iteration, bytes});
        if (samples.size() > WINDOW) {
            samples.removeFirst();
        }
        if (samples.size() < WINDOW || warning != null) {
            return;
        }
        long previous = Long.MIN_VALUE;
        for (long[] s : samples) {
            if (s[1] <= previous) {
                return;
            }
            previous = s[1];
        }
        long[] first = samples.getFirst();
        if (bytes - first[1] >= MIN_GROWTH_BYTES) {
            warning = String.format(java.util.Locale.ROOT, "off-heap memory grew at every sample from iteration %d to %d"
                    + " (%d MB -> %d MB)", first[0], iteration, ProcessMemory.mb(first[1]), ProcessMemory.mb(bytes));
            LOG.warn("{}; a long run may reach the memory limit", warning);
        }
    }

    /** "ok", or the growth seen. */
    public String health() {
        return warning == null ? "ok" : warning;
    }
}
