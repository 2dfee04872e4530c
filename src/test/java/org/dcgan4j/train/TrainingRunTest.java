package org.dcgan4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.dcgan4j.model.AdamSettings;
import org.dcgan4j.model.DiscriminatorFactory;
import org.dcgan4j.model.GeneratorFactory;
import org.dcgan4j.testing.SmallRun;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A run's lifecycle without the command line: rollback with halved learning rates, the errors
 * when that cannot help, and the time budget. The checkpoints, listeners and config file are
 * in-memory stand-ins; a divergence is a NaN written into D's parameters, which the loop's own
 * check catches on the next iteration.
 */
class TrainingRunTest {

    private static final double RATE = 2e-4;

    /** Checkpoints kept in memory: a copy of the models every {@code every} iterations. */
    private static final class InMemoryCheckpoints implements RollbackSource {
        private final long every;
        private RollbackSource.Point newest;

        InMemoryCheckpoints(long every) {
            this.every = every;
        }

        /** The listener that takes the copies, at the checkpoint stage as the real one. */
        TrainingListener writer(INDArray fixedNoise) {
            return new TrainingListener() {
                @Override
                public void onIteration(GanModels models, IterationReport report) {
                    if (report.progress().iteration() % every == 0) {
                        newest = new RollbackSource.Point("memory-" + report.progress().iteration(),
                                copy(models), report.progress(), fixedNoise.dup());
                    }
                }
            };
        }

        @Override
        public Optional<Point> newestValid(Consumer<String> skipped) {
            return Optional.ofNullable(newest).map(p -> new Point(p.name(), copy(p.models()), p.progress(),
                    p.fixedNoise().dup()));
        }

        private static GanModels copy(GanModels m) {
            return new GanModels(m.generator().clone(), m.discriminator().clone(), m.generatorEma().clone());
        }
    }

    /** What the run told its listener factory, and what each attempt's listeners saw. */
    private static final class RecordingListeners implements RunListenerFactory {
        final List<TrainingConfig> configs = new ArrayList<>();
        final List<String> notes = new ArrayList<>();
        final List<TrainingProgress> starts = new ArrayList<>();
        final List<double[]> startRates = new ArrayList<>();
        final List<Long> iterations = new ArrayList<>();
        final List<Boolean> finishes = new ArrayList<>();
        final List<String> failures = new ArrayList<>();
        private final InMemoryCheckpoints checkpoints;
        /** Per attempt, the iteration after which D's parameters turn NaN (0: never). */
        private final long[] poisonAfter;

        RecordingListeners(InMemoryCheckpoints checkpoints, long... poisonAfter) {
            this.checkpoints = checkpoints;
            this.poisonAfter = poisonAfter;
        }

        @Override
        public StagedListeners build(TrainingConfig config, INDArray fixedNoise, String startNote) {
            int attempt = configs.size();
            configs.add(config);
            notes.add(startNote);
            long poison = attempt < poisonAfter.length ? poisonAfter[attempt] : 0;
            return new StagedListeners()
                    .add(ListenerStage.CHECKPOINT, checkpoints.writer(fixedNoise))
                    .add(ListenerStage.EXTRA, new TrainingListener() {
                        @Override
                        public void onStart(GanModels models, TrainingProgress progress) {
                            starts.add(progress);
                            startRates.add(new double[] {models.generator().getLearningRate(0),
                                    models.discriminator().getLearningRate(0)});
                        }

                        @Override
                        public void onIteration(GanModels models, IterationReport report) {
                            iterations.add(report.progress().iteration());
                            if (report.progress().iteration() == poison) {
                                models.discriminator().params().putScalar(0, Double.NaN);
                            }
                        }

                        @Override
                        public void onFinish(GanModels models, TrainingProgress progress, boolean completed) {
                            finishes.add(completed);
                        }

                        @Override
                        public void onFailure(String error) {
                            failures.add(error);
                        }
                    });
        }
    }

    private final List<TrainingConfig> written = new ArrayList<>();
    private final AtomicLong connectedLoops = new AtomicLong();

    private TrainingRun run(RecordingListeners listeners, InMemoryCheckpoints checkpoints, TimeBudget budget) {
        return new TrainingRun(SmallRun.data(), listeners, checkpoints, written::add, budget,
                loop -> connectedLoops.incrementAndGet());
    }

    private static TrainingProgress start(TrainingRun run, TrainingConfig config) throws Exception {
        return run.run(config, SmallRun.models(RATE), SmallRun.fixedNoise(), TrainingProgress.START, "new run");
    }

    @Test
    void aDivergenceRollsBackToTheNewestCheckpointWithBothRatesHalvedAndFinishes() throws Exception {
        InMemoryCheckpoints checkpoints = new InMemoryCheckpoints(2);
        RecordingListeners listeners = new RecordingListeners(checkpoints, 4);

        TrainingProgress end = start(run(listeners, checkpoints, TimeBudget.NONE), SmallRun.config(8, 2));

        assertThat(end.iteration()).isEqualTo(8);
        assertThat(listeners.iterations).as("iterations reported: 1-4, then 5-8 after the rollback")
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
        assertThat(listeners.starts).extracting(TrainingProgress::iteration).containsExactly(0L, 4L);
        assertThat(listeners.startRates.get(0)).containsExactly(RATE, RATE);
        assertThat(listeners.startRates.get(1)).as("G's and D's rates after the rollback").containsExactly(1e-4, 1e-4);
        assertThat(listeners.configs).extracting(c -> c.adam().learningRate()).containsExactly(RATE, 1e-4);
        assertThat(written).as("the config record").singleElement()
                .isEqualTo(SmallRun.config(8, 2).withLearningRate(1e-4));
        assertThat(listeners.notes.get(1))
                .startsWith("rolled back to checkpoint memory-4 at iteration 4 with the learning rate halved to G 1.0E-4"
                        + " / D 1.0E-4, after: training diverged at iteration 5: loss D = NaN");
        assertThat(listeners.finishes).containsExactly(true);
        assertThat(listeners.failures).as("the first attempt's listeners heard of the divergence").hasSize(1);
        assertThat(connectedLoops).as("stop requests reach each attempt's loop").hasValue(2);
    }

    @Test
    void aDivergenceHalvesGsAndDsOwnRatesWhenTheyDiffer() throws Exception {
        InMemoryCheckpoints checkpoints = new InMemoryCheckpoints(2);
        RecordingListeners listeners = new RecordingListeners(checkpoints, 4);
        TrainingConfig ttur = SmallRun.config(8, 2).withLearningRates(1e-4, 4e-4);
        AdamSettings g = ttur.generatorAdam();
        AdamSettings d = ttur.discriminatorAdam();
        GanModels models = new GanModels(GeneratorFactory.create(SmallRun.ARCHITECTURE, g, SmallRun.SEED),
                DiscriminatorFactory.create(SmallRun.ARCHITECTURE, d, SmallRun.SEED + 1));

        TrainingProgress end = run(listeners, checkpoints, TimeBudget.NONE)
                .run(ttur, models, SmallRun.fixedNoise(), TrainingProgress.START, "new run");

        assertThat(end.iteration()).isEqualTo(8);
        assertThat(listeners.startRates.get(0)).containsExactly(1e-4, 4e-4);
        assertThat(listeners.startRates.get(1)).as("G's and D's rates after the rollback").containsExactly(5e-5, 2e-4);
        assertThat(written).as("the config record").singleElement()
                .isEqualTo(SmallRun.config(8, 2).withLearningRates(5e-5, 2e-4));
        assertThat(written.get(0).generatorAdam().learningRate()).isEqualTo(5e-5);
        assertThat(written.get(0).discriminatorAdam().learningRate()).isEqualTo(2e-4);
    }

    @Test
    void aSecondDivergenceEndsTheRun() throws Exception {
        InMemoryCheckpoints checkpoints = new InMemoryCheckpoints(2);
        RecordingListeners listeners = new RecordingListeners(checkpoints, 4, 6);

        assertThatThrownBy(() -> start(run(listeners, checkpoints, TimeBudget.NONE), SmallRun.config(8, 2)))
                .isInstanceOf(TrainingDivergedException.class)
                .hasMessageStartingWith("training diverged at iteration 7: loss D = NaN")
                .hasMessageEndingWith(" again after rolling back to iteration 4 with a halved learning rate; stopping"
                        + " (the last checkpoints hold no NaN)");
        assertThat(listeners.configs).hasSize(2);
    }

    @Test
    void aDivergenceBeforeTheFirstCheckpointHasNothingToRollBackTo() throws Exception {
        InMemoryCheckpoints checkpoints = new InMemoryCheckpoints(4);
        RecordingListeners listeners = new RecordingListeners(checkpoints, 2);

        assertThatThrownBy(() -> start(run(listeners, checkpoints, TimeBudget.NONE), SmallRun.config(8, 4)))
                .isInstanceOf(TrainingDivergedException.class)
                .hasMessageStartingWith("training diverged at iteration 3: loss D = NaN")
                .hasMessageEndingWith(" before the first checkpoint; nothing to roll back to (try a lower --lr)");
        assertThat(written).isEmpty();
        assertThat(listeners.configs).hasSize(1);
        assertThat(listeners.failures).as("the listeners hear why the loop ended, instead of onFinish")
                .singleElement().asString().startsWith("training diverged at iteration 3: loss D = NaN");
        assertThat(listeners.finishes).isEmpty();
    }

    @Test
    void aSpentTimeBudgetStopsTheLoopBeforeItsFirstIteration() throws Exception {
        InMemoryCheckpoints checkpoints = new InMemoryCheckpoints(2);
        RecordingListeners listeners = new RecordingListeners(checkpoints);

        TrainingProgress end = start(run(listeners, checkpoints, new TimeBudget(Duration.ZERO, System::nanoTime)),
                SmallRun.config(8, 2));

        assertThat(end).isEqualTo(TrainingProgress.START);
        assertThat(listeners.iterations).isEmpty();
        assertThat(listeners.finishes).as("stopped, not completed").containsExactly(false);
    }

    /** The budget counts from the start of the run: time spent before the loop (building listeners) counts. */
    @Test
    void theBudgetCountsFromTheStartOfTheRun() throws Exception {
        InMemoryCheckpoints checkpoints = new InMemoryCheckpoints(2);
        RecordingListeners listeners = new RecordingListeners(checkpoints);
        long[] readings = {0, Duration.ofMinutes(10).toNanos()};
        AtomicLong reads = new AtomicLong();
        TimeBudget tenMinutes = new TimeBudget(Duration.ofMinutes(10),
                () -> readings[(int) Math.min(reads.getAndIncrement(), readings.length - 1)]);

        TrainingProgress end = start(run(listeners, checkpoints, tenMinutes), SmallRun.config(8, 2));

        assertThat(end).isEqualTo(TrainingProgress.START);
        assertThat(listeners.finishes).containsExactly(false);
    }
}
