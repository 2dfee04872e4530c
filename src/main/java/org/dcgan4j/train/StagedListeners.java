package org.dcgan4j.train;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The listeners of a training loop, each registered under its {@link ListenerStage}. The loop
 * runs them in stage order, so the order is a property of what each listener is rather than of
 * where a line stands in the code that builds them.
 */
public final class StagedListeners {

    private record Entry(ListenerStage stage, TrainingListener listener) {
    }

    private final List<Entry> entries = new ArrayList<>();

    /** Registers {@code listener} to run in {@code stage}; returns this for chaining. */
    public StagedListeners add(ListenerStage stage, TrainingListener listener) {
        entries.add(new Entry(stage, listener));
        return this;
    }

    /** Every listener in stage order; within a stage, in the order registered. */
    public List<TrainingListener> inOrder() {
        // List.sort is stable: listeners of one stage keep their registration order.
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparing(Entry::stage));
        return sorted.stream().map(Entry::listener).toList();
    }
}
