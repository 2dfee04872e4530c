package org.dcgan4j.train;

import java.time.Duration;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows progress with an ETA: a live progress bar when the console is a terminal, a log line
 * every {@code logEverySeconds} otherwise (a log file or a detached run has no use for
 * carriage returns).
 */
public final class ProgressListener implements TrainingListener {

    private static final Logger LOG = LoggerFactory.getLogger(ProgressListener.class);

    private final boolean terminal;
    private final long logEveryNanos;
    private ProgressBar bar;
    private long startNanos;
    private long startIteration;
    private long lastLogNanos;

    public ProgressListener(boolean terminal, int logEverySeconds) {
        this.terminal = terminal;
        this.logEveryNanos = logEverySeconds * 1_000_000_000L;
    }

    @Override
    public void onStart(GanModels models, TrainingProgress progress) {
        startNanos = System.nanoTime();
        lastLogNanos = startNanos;
        startIteration = progress.iteration();
    }

    @Override
    public void onIteration(GanModels models, IterationReport r) {
        long done = r.progress().iteration();
        AdversarialStep.StepResult s = r.step();
        String extra = String.format(Locale.ROOT, "D %.3f G %.3f D(x) %.2f D(G(z)) %.2f %.0f img/s",
                s.lossD(), s.lossG(), s.realProbability(), s.fakeProbability(), r.imagesPerSecond());
        if (r.progress().augmentationProbability() > 0) {
            extra += String.format(Locale.ROOT, " | augment p %.3f", r.progress().augmentationProbability());
        }
        if (terminal) {
            if (bar == null) {
                bar = new ProgressBarBuilder().setTaskName("train").setInitialMax(r.totalIterations())
                        .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500)
                        .startsFrom(startIteration, Duration.ZERO).showSpeed().build();
            }
            bar.stepTo(done);
            bar.setExtraMessage(extra);
            return;
        }
        long now = System.nanoTime();
        if (now - lastLogNanos >= logEveryNanos || done == r.totalIterations()) {
            lastLogNanos = now;
            double perIteration = (now - startNanos) / 1e9 / Math.max(1, done - startIteration);
            long etaSeconds = Math.round(perIteration * (r.totalIterations() - done));
            LOG.info(String.format(Locale.ROOT, "iter %d/%d epoch %d | %s | ETA %s", done,
                    r.totalIterations(), r.progress().epoch(), extra, formatDuration(etaSeconds)));
        }
    }

    @Override
    public void onFinish(GanModels models, TrainingProgress progress, boolean completed) {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }

    /** Seconds as h:mm:ss. */
    public static String formatDuration(long seconds) {
        return String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
    }
}
