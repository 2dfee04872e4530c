package org.dcgan4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.dcgan4j.sweep.PlanFile;
import org.dcgan4j.sweep.RunSummary;
import org.dcgan4j.sweep.SweepLayout;
import org.dcgan4j.sweep.SweepPlan;
import org.dcgan4j.sweep.SweepReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dcgan4j sweep-status DIR}: one line per run (grid values, state, iteration/total, last
 * losses and quality numbers), and {@code DIR/summary.csv} and {@code DIR/curves.png} rewritten.
 */
@Command(name = "sweep-status", mixinStandardHelpOptions = true,
        description = "Show every run of a sweep; writes summary.csv and curves.png in the sweep folder.")
final class SweepStatusCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** The sweep folder. */
    @Parameters(index = "0", paramLabel = "DIR", description = "Sweep folder (holding plan.json).")
    Path sweep;

    @Override
    public Integer call() throws IOException {
        SweepLayout layout = new SweepLayout(sweep.toAbsolutePath().normalize());
        SweepPlan plan = PlanFile.read(layout.plan());
        SweepReport report = new SweepReport(layout, plan);
        List<RunSummary> runs = report.runs();
        var out = spec.commandLine().getOut();
        for (RunSummary r : runs) {
            out.println(r.line());
        }
        long finished = runs.stream().filter(r -> r.progress().finished()).count();
        Path chart = report.write(runs);
        out.printf("%d of %d runs finished; %s%s%n", finished, runs.size(), layout.summary(),
                chart == null ? "" : ", " + chart);
        out.flush();
        return 0;
    }
}
