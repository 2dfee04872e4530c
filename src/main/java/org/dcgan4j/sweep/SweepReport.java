package org.dcgan4j.sweep;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dcgan4j.plot.SweepCurves;

/**
 * The view of a whole sweep: one {@link RunSummary} per run, {@code summary.csv} and a chart of
 * every run's quality curve (the Fréchet distance, or loss G for runs without evaluations).
 */
public final class SweepReport {

    private final SweepLayout layout;
    private final SweepPlan plan;

    public SweepReport(SweepLayout layout, SweepPlan plan) {
        this.layout = layout;
        this.plan = plan;
    }

    public List<RunSummary> runs() throws IOException {
        List<RunSummary> runs = new ArrayList<>();
        for (PlannedRun run : plan.runs()) {
            runs.add(RunSummary.of(layout, run));
        }
        return runs;
    }

    /** Writes summary.csv and the chart; returns the chart file, or null when no run has rows yet. */
    public java.nio.file.Path write(List<RunSummary> runs) throws IOException {
        SummaryCsv.write(layout.summary(), plan, runs);
        Map<String, java.nio.file.Path> metrics = new LinkedHashMap<>();
        for (RunSummary r : runs) {
            java.nio.file.Path csv = layout.run(r.run()).resolve("metrics.csv");
            if (java.nio.file.Files.isRegularFile(csv)) {
                metrics.put(r.run().label(), csv);
            }
        }
        return SweepCurves.draw(metrics, layout.chart()) ? layout.chart() : null;
    }
}
