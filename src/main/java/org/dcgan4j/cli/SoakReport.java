package org.dcgan4j.cli;

import java.io.PrintStream;
import java.util.Locale;
import org.dcgan4j.memory.ProcessMemory;
import org.dcgan4j.train.GanModels;
import org.dcgan4j.train.IterationReport;
import org.dcgan4j.train.TrainingListener;
import org.dcgan4j.train.TrainingProgress;

/**
 * The soak's output: every {@code every} iterations one line with the iteration, the process's
 * memory and the mean wall time per iteration since the previous line (listeners included).
 */
final class SoakReport implements TrainingListener {

    private final PrintStream out;
    private final long every;
    private long since;
    private long sinceIteration;

    SoakReport(PrintStream out, long every) {
        this.out = out;
        this.every = every;
    }

    @Override
    public void onStart(GanModels models, TrainingProgress progress) {
        since = System.nanoTime();
        sinceIteration = progress.iteration();
        out.println("soak: iteration rss_mb offheap_mb nd4j_mb javacpp_mb heap_used_mb ms_per_iteration");
    }

    @Override
    public void onIteration(GanModels models, IterationReport report) {
        long it = report.progress().iteration();
        if (it % every != 0) {
            return;
        }
        long now = System.nanoTime();
        ProcessMemory m = ProcessMemory.now();
        out.printf(Locale.ROOT, "soak iteration=%d rss_mb=%d offheap_mb=%d nd4j_mb=%d javacpp_mb=%d heap_used_mb=%d ms_per_iteration=%.1f%n",
                it, ProcessMemory.mb(m.rssBytes()), ProcessMemory.mb(m.offHeapBytes()), ProcessMemory.mb(m.nd4jBytes()),
                ProcessMemory.mb(m.javacppBytes()), ProcessMemory.mb(m.heapUsedBytes()),
                (now - since) / 1e6 / Math.max(1, it - sinceIteration));
        out.flush();
        since = now;
        sinceIteration = it;
    }
}
