package org.dcgan4j.train;

/**
 * A full collection of the JVM heap every {@code every} iterations (the checkpoint interval).
 * In long runs G1 let the old generation fill with dead objects (DL4J's and ND4J's small
 * per-array bookkeeping, chart and checkpoint buffers) that its concurrent cycles did not
 * reclaim, and grew the heap for them; a full collection frees them and gives the heap back.
 * It takes a fraction of a second, once per checkpoint interval.
 */
public final class HeapCollection extends PeriodicListener {

    public HeapCollection(long every) {
        super(every);
    }

    @Override
    protected void act(GanModels models, TrainingProgress progress) {
        System.gc();
    }
}
