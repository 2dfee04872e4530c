package org.dcgan4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.dcgan4j.checkpoint.Checkpoint;
import org.dcgan4j.checkpoint.CheckpointStore;
import org.dcgan4j.data.DigitDataset;
import org.dcgan4j.data.DigitDatasetLoader;
import org.dcgan4j.train.TrainingConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code dcgan4j resume}: continues a run from its newest valid checkpoint, exactly as if it
 * had never stopped. Run-length and output options may change; the architecture, data and
 * seed come from the checkpoint, and asking for different ones is refused.
 */
@Command(name = "resume", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Continue a run from its newest valid checkpoint.")
final class ResumeCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(ResumeCommand.class);

    @Spec
    CommandSpec spec;

    @Mixin
    BackendOption backendOption;

    @Mixin
    TensorBoardOption tensorBoardOption;

    /** The run folder to continue. Required. */
    @Option(names = "--run", required = true, paramLabel = "DIR", description = "Run folder to continue.")
    Path run;

    /** New total number of iterations. Default: the run's own. */
    @Option(names = "--iterations", paramLabel = "TOTAL", description = "Total iterations (default: the run's).")
    Long iterations;

    /** Default: the run's own. */
    @Option(names = "--sample-every", paramLabel = "N", description = "Sample grid interval (default: the run's).")
    Long sampleEvery;

    /** Default: the run's own. */
    @Option(names = "--checkpoint-every", paramLabel = "N", description = "Checkpoint interval (default: the run's).")
    Long checkpointEvery;

    /** Default: the run's own. */
    @Option(names = "--keep-checkpoints", paramLabel = "K", description = "Checkpoints kept (default: the run's).")
    Integer keepCheckpoints;

    /** Default: the run's own. */
    @Option(names = "--keep-every", paramLabel = "M", description = "Also keep checkpoints at multiples of M (default: the run's).")
    Long keepEvery;

    /** Default: the run's own. */
    @Option(names = "--eval-every", paramLabel = "N",
            description = "Quick quality evaluation every N iterations, 0 for none (default: the run's).")
    Long evalEvery;

    /** Wall-clock budget of this resume. Default: 0 (none). */
    @Option(names = "--max-minutes", paramLabel = "MIN", defaultValue = "0",
            description = "Stop (with a checkpoint) after MIN minutes (default: ${DEFAULT-VALUE}, no limit).")
    double maxMinutes;

    // Accepted only to refuse a change with a clear message: these are fixed for a run's life.
    @Option(names = "--batch", hidden = true) Integer batch;
    @Option(names = "--seed", hidden = true) Long seed;
    @Option(names = "--latent-size", hidden = true) Integer latentSize;
    @Option(names = "--g-width", hidden = true) Integer generatorWidth;
    @Option(names = "--d-width", hidden = true) Integer discriminatorWidth;
    @Option(names = "--lr", hidden = true) Double learningRate;
    @Option(names = "--beta1", hidden = true) Double beta1;
    @Option(names = "--lr-g", hidden = true) Double generatorLearningRate;
    @Option(names = "--lr-d", hidden = true) Double discriminatorLearningRate;
    @Option(names = "--data", hidden = true) Path data;

    @Override
    public Integer call() throws IOException {
        backendOption.verify();
        RunLayout layout = new RunLayout(run);
        if (!Files.isDirectory(layout.checkpoints())) {
            throw new ParameterException(spec.commandLine(), "--run " + run + " has no checkpoints folder: not a run, or it never reached its first checkpoint");
        }
        try (RunLock lock = RunLock.acquire(run)) {
            return resume(layout);
        }
    }

    /** Loads the newest valid checkpoint and trains on, holding the run's lock. */
    private int resume(RunLayout layout) throws IOException {
        RunLog.attach(layout.log());
        Checkpoint checkpoint;
        try {
            checkpoint = new CheckpointStore(layout.checkpoints(), Integer.MAX_VALUE)
                    .loadNewestValid(LOG::warn);
        } catch (NoSuchFileException e) {
            throw new UserError(layout.checkpoints() + ": " + e.getReason() + "; cannot resume");
        }
        TrainingConfig before = checkpoint.state().config();
        refuseChanges(before);
        TrainingConfig schedule = before.withSchedule(
                positive("--iterations", iterations, before.iterations()),
                positive("--sample-every", sampleEvery, before.sampleEvery()),
                positive("--checkpoint-every", checkpointEvery, before.checkpointEvery()),
                (int) positive("--keep-checkpoints", keepCheckpoints == null ? null : keepCheckpoints.longValue(),
                        before.keepCheckpoints()),
                keepEvery == null ? before.keepEvery() : Math.max(0, keepEvery),
                evalEvery == null ? before.evalEvery() : Math.max(0, evalEvery));
        QualityData quality = schedule.evalEvery() > 0 ? QualityData.load(Path.of(before.data())) : null;
        if (maxMinutes < 0 || !Double.isFinite(maxMinutes)) {
            throw new ParameterException(spec.commandLine(), "--max-minutes must be 0 (no limit) or more, got " + maxMinutes);
        }
        long done = checkpoint.state().iteration();
        if (schedule.iterations() <= done) {
            throw new UserError(run + " is already at iteration " + done + " of " + schedule.iterations()
                    + "; pass --iterations with a larger total to train further");
        }
        DigitDataset dataset = DigitDatasetLoader.load(Path.of(before.data()), before.split());
        return new RunLauncher(layout, maxMinutes, quality).tensorBoard(tensorBoardOption.on())
                .resume(checkpoint, schedule, dataset);
    }

    private long positive(String option, Long value, long current) {
        if (value == null) {
            return current;
        }
        if (value < 1) {
            throw new ParameterException(spec.commandLine(), option + " must be at least 1, got " + value);
        }
        return value;
    }

    private void refuseChanges(TrainingConfig c) {
        List<String> changed = new ArrayList<>();
        differs(changed, "--batch", batch, c.batchSize());
        differs(changed, "--seed", seed, c.seed());
        differs(changed, "--latent-size", latentSize, c.architecture().latentSize());
        differs(changed, "--g-width", generatorWidth, c.architecture().generatorWidth());
        differs(changed, "--d-width", discriminatorWidth, c.architecture().discriminatorWidth());
        differs(changed, "--lr", learningRate, c.adam().learningRate());
        differs(changed, "--beta1", beta1, c.adam().beta1());
        differs(changed, "--lr-g", generatorLearningRate, c.generatorAdam().learningRate());
        differs(changed, "--lr-d", discriminatorLearningRate, c.discriminatorAdam().learningRate());
        if (data != null && !data.toAbsolutePath().normalize().toString().equals(c.data())) {
            changed.add("--data " + data + " (run: " + c.data() + ")");
        }
        if (!changed.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "cannot change " + String.join(", ", changed)
                    + " on resume: architecture, data and seed come from the checkpoint; start a new run with train instead");
        }
    }

    private static void differs(List<String> changed, String option, Object asked, Object actual) {
        if (asked != null && !String.valueOf(asked).equals(String.valueOf(actual))) {
            changed.add(option + " " + asked + " (run: " + actual + ")");
        }
    }
}
