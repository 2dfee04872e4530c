package org.dcgan4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.dcgan4j.sweep.GridAxis;
import org.dcgan4j.sweep.LocalRunner;
import org.dcgan4j.sweep.PlanFile;
import org.dcgan4j.sweep.SbatchScript;
import org.dcgan4j.sweep.ShellWords;
import org.dcgan4j.sweep.SlurmSubmission;
import org.dcgan4j.sweep.SweepLayout;
import org.dcgan4j.sweep.SweepPlan;
import org.dcgan4j.sweep.TaskCommandFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dcgan4j sweep}: a grid of {@code train} options as one run per combination, on Slurm (one
 * job array whose tasks resume themselves after a preemption) or on this machine. Every check
 * runs before anything is written or submitted.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train one run per combination of a grid of train options, on Slurm or locally.",
        footer = "%nExample: dcgan4j sweep --out sweeps/lr --local 2 --grid lr=0.0002,0.001 --grid seed=1,2 -- --iterations 3000")
final class SweepCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** The sweep folder: plan.json, one run folder per combination under runs/, logs. Required. */
    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Sweep folder (new, or one holding this same plan to continue it).")
    Path out;

    /** Submit the sweep as a Slurm job array (sbatch must be on the PATH). */
    @Option(names = "--slurm", description = "Submit as one Slurm job array; tasks requeue themselves when stopped.")
    boolean slurm;

    /** Extra sbatch options for every task (partition, GPUs, time...), split like shell words. Default: none. */
    @Option(names = "--sbatch", paramLabel = "\"ARGS\"",
            description = "Extra sbatch options, e.g. \"--partition=gpu --gres=gpu:1 --time=4:00:00\" (default: none, no --gres).")
    String sbatchArgs;

    /** Seconds before the time limit at which Slurm sends SIGTERM (the task checkpoints and requeues). Default: 120. */
    @Option(names = "--grace", paramLabel = "S", defaultValue = "120",
            description = "With --slurm: SIGTERM S seconds before the time limit (--signal=B:TERM@S; default: ${DEFAULT-VALUE}).")
    int graceSeconds;

    /** Run on this machine, N runs at a time; run it again to continue after an interruption. */
    @Option(names = "--local", paramLabel = "N",
            description = "Run here, N runs at a time; the same command again resumes unfinished runs and skips finished ones.")
    Integer local;

    /** One axis of the grid: a train option without its dashes and its values. Repeatable; at least one. */
    @Option(names = "--grid", paramLabel = "KEY=V1,V2,...",
            description = "A train option and its values, e.g. lr=0.0002,0.001 or conditional=true,false (repeatable).")
    List<String> grid = new ArrayList<>();

    /** train options shared by every run, after "--". */
    @Parameters(paramLabel = "TRAIN-OPTIONS", arity = "0..*",
            description = "After --: train options shared by all runs, e.g. -- --iterations 3000 --eval-every 500.")
    List<String> shared = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        if (slurm == (local != null)) {
            throw new UserError("choose one of --slurm and --local N");
        }
        if (local != null && local < 1) {
            throw new UserError("--local must be at least 1, got " + local);
        }
        if (sbatchArgs != null && !slurm) {
            throw new UserError("--sbatch goes with --slurm");
        }
        if (graceSeconds < 0) {
            throw new UserError("--grace must be 0 or more seconds, got " + graceSeconds);
        }
        Path sbatch = null;
        List<String> extra = List.of();
        if (slurm) {
            sbatch = SlurmSubmission.findSbatch().orElseThrow(() -> new UserError(
                    "--slurm: sbatch is not on the PATH (not a Slurm node? try --local N, or scripts/slurm-local.sh start)"));
            try {
                extra = sbatchArgs == null ? List.of() : ShellWords.split(sbatchArgs);
            } catch (IllegalArgumentException e) {
                throw new UserError("--sbatch: " + e.getMessage());
            }
            if (extra.stream().anyMatch(a -> a.startsWith("--array") || a.startsWith("-a"))) {
                throw new UserError("--sbatch: --array is set by the sweep (one task per run)");
            }
        }
        SweepPlan plan;
        try {
            List<GridAxis> axes = grid.stream().map(GridAxis::parse).toList();
            plan = SweepPlan.expand(axes, shared, new TrainOptionModel());
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        SweepLayout layout = new SweepLayout(out.toAbsolutePath().normalize());
        boolean continuing = checkFolder(layout, plan);

        var console = spec.commandLine().getOut();
        if (!continuing) {
            Files.createDirectories(layout.root());
            PlanFile.write(layout.plan(), plan);
        }
        Files.createDirectories(layout.logs());
        List<String> taskCommand = TaskLauncher.command();
        TaskCommandFile.write(layout.taskCommand(), taskCommand);
        console.printf("sweep %s: %d runs (%s)%s%n", layout.root(), plan.runs().size(),
                String.join(" x ", plan.grid().stream().map(a -> a.key() + " " + a.values().size()).toList()),
                continuing ? ", continuing" : "");
        console.flush();
        if (slurm) {
            SbatchScript.write(layout.sbatchScript());
            SlurmSubmission submission = new SlurmSubmission(sbatch, layout, plan.runs().size(), graceSeconds, extra);
            String job = submission.submit();
            console.printf("submitted job array %s (tasks 0-%d); watch it with: scripts/sweep-status.sh %s%n",
                    job, plan.runs().size() - 1, layout.root());
            console.flush();
            return 0;
        }
        return new LocalRunner(layout, plan, taskCommand, local, console).run();
    }

    /**
     * @return true when the folder holds this same plan (the sweep continues)
     * @throws UserError when it holds another plan, or other files
     */
    private boolean checkFolder(SweepLayout layout, SweepPlan plan) throws IOException {
        Path root = layout.root();
        if (Files.exists(root) && !Files.isDirectory(root)) {
            throw new UserError("--out " + out + " is a file, not a folder");
        }
        if (Files.isRegularFile(layout.plan())) {
            SweepPlan existing;
            try {
                existing = PlanFile.read(layout.plan());
            } catch (IOException e) {
                throw new UserError("--out " + out + ": " + e.getMessage());
            }
            if (!existing.samePlanAs(plan)) {
                throw new UserError("--out " + out + " holds a different plan (its plan.json: grid "
                        + describe(existing) + "); choose a new folder for this one");
            }
            return true;
        }
        if (Files.isDirectory(root)) {
            try (Stream<Path> entries = Files.list(root)) {
                if (entries.findAny().isPresent()) {
                    throw new UserError("--out " + out + " is not empty and holds no plan.json; choose a new folder");
                }
            }
        }
        return false;
    }

    private static String describe(SweepPlan plan) {
        return String.join(" ", plan.grid().stream().map(a -> a.key() + "=" + String.join(",", a.values())).toList())
                + (plan.shared().isEmpty() ? "" : ", shared " + String.join(" ", plan.shared()));
    }
}
