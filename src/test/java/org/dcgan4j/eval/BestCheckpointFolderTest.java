package org.dcgan4j.eval;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.dcgan4j.checkpoint.CheckpointListener;
import org.dcgan4j.checkpoint.CheckpointStore;
import org.dcgan4j.testing.SmallRun;
import org.dcgan4j.train.GanModels;
import org.dcgan4j.train.TrainingProgress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The run's best checkpoint: replaced by a lower Fréchet distance only, and read back by the next process. */
class BestCheckpointFolderTest {

    @TempDir
    Path run;

    private final GanModels models = SmallRun.models(2e-4);

    private CheckpointListener writer() {
        return new CheckpointListener(new CheckpointStore(run.resolve("checkpoints"), 3), SmallRun.config(10, 2),
                SmallRun.fixedNoise());
    }

    private static TrainingProgress at(long iteration) {
        return new TrainingProgress(iteration, 0, (int) iteration);
    }

    private Path best() {
        return run.resolve("best");
    }

    private double recordedDistance() throws Exception {
        var saved = new CheckpointStore(best(), 1).list();
        assertThat(saved).hasSize(1);
        return CheckpointStore.readState(saved.get(0)).metrics().get("fd");
    }

    @Test
    void aLowerDistanceReplacesTheBestCheckpointAndAHigherOneDoesNot() throws Exception {
        BestCheckpointFolder folder = new BestCheckpointFolder(best(), writer());
        assertThat(folder.isBeatenBy(1e9)).as("no best checkpoint yet: any evaluation is the best").isTrue();
        folder.save(models, at(2), Map.of("fd", 5.0, "inception_score", 1.5));

        assertThat(folder.isBeatenBy(6.0)).as("higher").isFalse();
        assertThat(folder.isBeatenBy(5.0)).as("equal").isFalse();
        assertThat(folder.isBeatenBy(4.0)).as("lower").isTrue();
        folder.save(models, at(4), Map.of("fd", 3.0, "inception_score", 1.6));

        assertThat(new CheckpointStore(best(), 1).list()).extracting(p -> p.getFileName().toString())
                .containsExactly(CheckpointStore.nameFor(4));
        assertThat(recordedDistance()).isEqualTo(3.0);
        assertThat(folder.isBeatenBy(4.0)).isFalse();
    }

    /** A resumed run (a new process, or a rollback's new listeners) compares against what is on disk. */
    @Test
    void theNextProcessReadsTheDistanceToBeatFromTheFolder() throws Exception {
        new BestCheckpointFolder(best(), writer()).save(models, at(2), Map.of("fd", 5.0));

        BestCheckpointFolder resumed = new BestCheckpointFolder(best(), writer());
        assertThat(resumed.isBeatenBy(6.0)).isFalse();
        assertThat(resumed.isBeatenBy(4.0)).isTrue();
    }

    @Test
    void anUnreadableBestCheckpointCountsAsInfinitelyBadWithAWarning() throws Exception {
        new BestCheckpointFolder(best(), writer()).save(models, at(2), Map.of("fd", 5.0));
        Files.writeString(best().resolve(CheckpointStore.nameFor(2)).resolve(CheckpointStore.STATE), "{ damaged");
        Logger logger = (Logger) LoggerFactory.getLogger(BestCheckpointFolder.class);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        logger.addAppender(log);
        try {
            BestCheckpointFolder resumed = new BestCheckpointFolder(best(), writer());
            assertThat(resumed.isBeatenBy(1e9)).isTrue();
            assertThat(log.list).extracting(ILoggingEvent::getFormattedMessage).singleElement().asString()
                    .startsWith("previous best checkpoint unreadable (")
                    .endsWith("the next evaluation replaces it");

            resumed.save(models, at(6), Map.of("fd", 7.0));
            assertThat(recordedDistance()).isEqualTo(7.0);
        } finally {
            logger.detachAppender(log);
        }
    }
}
