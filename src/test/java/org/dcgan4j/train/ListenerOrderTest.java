package org.dcgan4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.dcgan4j.data.ShuffledBatchIterator;
import org.dcgan4j.testing.SmallRun;
import org.junit.jupiter.api.Test;

/** The loop calls its listeners in the order of their stages, whatever order they were registered in. */
class ListenerOrderTest {

    /** Records, per hook, the stage of each listener it reached. */
    private static final class Recorder implements TrainingListener {
        private final String name;
        private final List<String> calls;

        Recorder(String name, List<String> calls) {
            this.name = name;
            this.calls = calls;
        }

        @Override
        public void onStart(GanModels models, TrainingProgress progress) {
            calls.add("start " + name);
        }

        @Override
        public void onIteration(GanModels models, IterationReport report) {
            calls.add("iteration " + name);
        }

        @Override
        public void onFinish(GanModels models, TrainingProgress progress, boolean completed) {
            calls.add("finish " + name);
        }
    }

    @Test
    void listenersRegisteredInShuffledOrderRunInStageOrder() {
        List<String> calls = new ArrayList<>();
        List<ListenerStage> shuffled = new ArrayList<>(Arrays.asList(ListenerStage.values()));
        Collections.shuffle(shuffled, new Random(7));
        Collections.reverse(shuffled);
        assertThat(shuffled).as("the registration order differs from the stage order")
                .isNotEqualTo(Arrays.asList(ListenerStage.values()));
        StagedListeners listeners = new StagedListeners();
        for (ListenerStage stage : shuffled) {
            listeners.add(stage, new Recorder(stage.name(), calls));
            if (stage == ListenerStage.HEALTH) {
                // A second listener of one stage runs after the first one registered there.
                listeners.add(stage, new Recorder("HEALTH second", calls));
            }
        }

        ShuffledBatchIterator batches = new ShuffledBatchIterator(SmallRun.data(), SmallRun.BATCH, SmallRun.SEED);
        new TrainingLoop(SmallRun.models(2e-4), batches.endless(), batches.batchesPerEpoch(), SmallRun.SEED,
                SmallRun.ARCHITECTURE, listeners).run(TrainingProgress.START, 1);

        List<String> expected = new ArrayList<>();
        for (String hook : List.of("start", "iteration", "finish")) {
            for (ListenerStage stage : ListenerStage.values()) {
                expected.add(hook + " " + stage.name());
                if (stage == ListenerStage.HEALTH) {
                    expected.add(hook + " HEALTH second");
                }
            }
        }
        assertThat(calls).containsExactlyElementsOf(expected);
    }
}
