package org.dcgan4j.plot;

import java.awt.AWTError;
import java.nio.file.Path;
import java.util.List;
import org.dcgan4j.train.GanModels;
import org.dcgan4j.train.PeriodicListener;
import org.dcgan4j.train.TrainingProgress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Redraws the run's charts ({@link TrainingCharts}) from {@code metrics.csv} every {@code every}
 * iterations and at the end of the loop. Charts are a convenience: a failure to draw is logged
 * as a warning and training goes on.
 *
 * <p>Registered at {@link org.dcgan4j.train.ListenerStage#CHARTS}, after
 * {@link org.dcgan4j.train.MetricsCsvListener}'s stage: that one flushes each row in
 * {@code onIteration} (and closes the file in {@code onFinish}) before this one reads the file,
 * so the charts include the current iteration.
 */
public final class ChartListener extends PeriodicListener {

    private static final Logger LOG = LoggerFactory.getLogger(ChartListener.class);
    /** Stack traces go only to the run's log file (see the logback configuration). */
    private static final Logger TRACE = LoggerFactory.getLogger("dcgan4j.trace");

    private final Path chartsDir;
    private final Path metricsCsv;

    public ChartListener(Path chartsDir, Path metricsCsv, long every) {
        super(every);
        this.chartsDir = chartsDir;
        this.metricsCsv = metricsCsv;
        // Before any image is drawn in this JVM (sample grids included).
        TrainingCharts.useHeadlessAwt();
    }

    @Override
    protected void act(GanModels models, TrainingProgress progress) {
        long began = System.nanoTime();
        try {
            List<Path> files = TrainingCharts.draw(metricsCsv, chartsDir);
            LOG.debug("charts at iteration {} in {} ms: {}", progress.iteration(),
                    (System.nanoTime() - began) / 1_000_000, files);
        } catch (Exception | LinkageError | AWTError | InternalError e) {
            // LinkageError / AWTError / InternalError: a JVM without working AWT (no font
            // libraries, an unreachable X display with headless mode turned off).
            LOG.warn("cannot draw the charts in {} at iteration {} (training goes on): {}",
                    chartsDir, progress.iteration(), e.toString());
            TRACE.warn("charts at iteration " + progress.iteration(), e);
        }
    }
}
