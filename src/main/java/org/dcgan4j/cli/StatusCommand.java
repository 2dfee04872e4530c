package org.dcgan4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.dcgan4j.train.ProgressListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code dcgan4j status}: one readable block from a run's {@code status.json}. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show where a (possibly detached) run stands, from its status.json.")
final class StatusCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** The run folder. Required. */
    @Option(names = "--run", required = true, paramLabel = "DIR", description = "Run folder.")
    Path run;

    @Override
    public Integer call() throws IOException {
        RunLayout layout = new RunLayout(run);
        if (!Files.isRegularFile(layout.status())) {
            throw new ParameterException(spec.commandLine(), "--run " + run + " has no status.json (not a run folder, or it has not started)");
        }
        StatusFile.Status s;
        try {
            s = StatusFile.JSON.readValue(layout.status().toFile(), StatusFile.Status.class);
        } catch (IOException e) {
            throw new UserError(layout.status() + ": unreadable (" + e.getMessage() + ")");
        }
        boolean alive = s.writerAlive();
        String state = s.state();
        if (state.equals("running") && !alive) {
            state = "not running: the process (pid " + s.pid() + ") is gone without a clean stop; resume with scripts/resume.sh " + run;
        } else if (state.equals("running")) {
            state = "running (pid " + s.pid() + ")";
        }
        var out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "run         %s%n", s.run());
        out.printf(Locale.ROOT, "state       %s%n", state);
        out.printf(Locale.ROOT, "iteration   %d / %d (epoch %d)%n", s.iteration(), s.totalIterations(), s.epoch());
        out.printf(Locale.ROOT, "speed       %.0f images/s%n", s.imagesPerSecond());
        out.printf(Locale.ROOT, "ETA         %s%n", s.etaSeconds() < 0 ? "unknown" : ProgressListener.formatDuration(s.etaSeconds()));
        out.printf(Locale.ROOT, "losses      D %.4f  G %.4f%n", s.lossD(), s.lossG());
        out.printf(Locale.ROOT, "D(x)        %.3f   D(G(z)) %.3f%n", s.dX(), s.dGz());
        out.printf(Locale.ROOT, "checkpoint  %s%n", s.lastCheckpoint() == null ? "none yet" : s.lastCheckpoint());
        out.printf(Locale.ROOT, "memory      %s%n", s.rssMb() == null ? "not recorded"
                : String.format(Locale.ROOT, "RSS %d MB, off-heap %d MB", s.rssMb(), s.offHeapMb()));
        out.printf(Locale.ROOT, "health      %s%n", s.health());
        out.printf(Locale.ROOT, "updated     %s (started %s)%n", s.updatedAt(), s.startedAt());
        out.flush();
        return 0;
    }
}
