package org.dcgan4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.dcgan4j.checkpoint.CheckpointState;
import org.dcgan4j.checkpoint.CheckpointStore;
import org.dcgan4j.checkpoint.CorruptCheckpointException;
import org.dcgan4j.sweep.PlanFile;
import org.dcgan4j.sweep.PlannedRun;
import org.dcgan4j.sweep.RunProgress;
import org.dcgan4j.sweep.SbatchScript;
import org.dcgan4j.sweep.SweepLayout;
import org.dcgan4j.sweep.SweepPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import sun.misc.Signal;

/**
 * {@code dcgan4j sweep-task DIR}: one run of a sweep, as a Slurm array task or the local runner
 * starts it. Reads its combination from {@code plan.json} by index; trains it, or resumes it when
 * its folder holds a checkpoint, or does nothing when it is finished. Exit code 0: the run is
 * finished; {@value SbatchScript#STOPPED_EARLY}: it stopped with a checkpoint before its end (the
 * batch script then requeues the job); anything else: it failed.
 */
@Command(name = "sweep-task", hidden = true, mixinStandardHelpOptions = true,
        description = "Train or resume one run of a sweep (used by sweep.sbatch and the local runner).")
final class SweepTaskCommand implements Callable<Integer> {

    /** Options of train that resume takes too; the others come from the run's checkpoint. */
    private static final List<String> RESUME_FLAGS = List.of("--no-tensorboard");
    private static final List<String> RESUME_OPTIONS = List.of("--backend", "--max-minutes");

    @Spec
    CommandSpec spec;

    /** The sweep folder. */
    @Parameters(index = "0", paramLabel = "DIR", description = "Sweep folder (holding plan.json).")
    Path sweep;

    /** The run's index in the plan. Default: SLURM_ARRAY_TASK_ID. */
    @Option(names = "--task", paramLabel = "I", description = "Index of the run in plan.json (default: $SLURM_ARRAY_TASK_ID).")
    Integer task;

    /** Stop gracefully (checkpoint) when the parent process disappears: the local runner's tasks. */
    @Option(names = "--stop-with-parent", description = "Stop with a checkpoint when the parent process ends.")
    boolean stopWithParent;

    @Override
    public Integer call() throws IOException {
        int index = task != null ? task : arrayTaskId();
        SweepLayout layout = new SweepLayout(sweep.toAbsolutePath().normalize());
        SweepPlan plan = PlanFile.read(layout.plan());
        PlannedRun run;
        try {
            run = plan.run(index);
        } catch (IllegalArgumentException e) {
            throw new UserError(layout.plan() + ": " + e.getMessage());
        }
        Path folder = layout.run(run);
        var out = spec.commandLine().getOut();
        GracefulStop.treatQuickRepeatsAsOne();
        if (stopWithParent) {
            watchParent();
        }
        if (RunProgress.of(folder).finished()) {
            out.printf("sweep task %d: %s is finished; nothing to do%n", index, run.folder());
            out.flush();
            return 0;
        }
        List<Path> checkpoints = new CheckpointStore(folder.resolve("checkpoints"), Integer.MAX_VALUE).list();
        int code;
        if (!checkpoints.isEmpty()) {
            if (atItsEnd(checkpoints.get(0))) {
                out.printf("sweep task %d: %s is at its last iteration%n", index, run.folder());
                out.flush();
                return 0;
            }
            out.printf("sweep task %d: resuming %s (%s)%n", index, run.folder(), run.label());
            out.flush();
            List<String> args = new ArrayList<>(List.of("resume", "--run", folder.toString()));
            args.addAll(resumeOptions(run.args()));
            code = Main.run(out, spec.commandLine().getErr(), args.toArray(String[]::new));
        } else {
            clearUnstartedRun(folder);
            out.printf("sweep task %d: training %s (%s)%n", index, run.folder(), run.label());
            out.flush();
            List<String> args = new ArrayList<>(List.of("train"));
            args.addAll(run.args());
            args.addAll(List.of("--run", folder.toString()));
            code = Main.run(out, spec.commandLine().getErr(), args.toArray(String[]::new));
        }
        if (code != 0) {
            return code;
        }
        return RunProgress.of(folder).finished() ? 0 : SbatchScript.STOPPED_EARLY;
    }

    private int arrayTaskId() {
        String id = System.getenv("SLURM_ARRAY_TASK_ID");
        if (id == null || !id.matches("\\d+")) {
            throw new UserError("sweep-task: no --task and no SLURM_ARRAY_TASK_ID (this runs inside a Slurm array task)");
        }
        return Integer.parseInt(id);
    }

    /** Whether the newest checkpoint holds the run's last iteration (a process ended before its status said so). */
    private static boolean atItsEnd(Path newest) {
        try {
            CheckpointState state = CheckpointStore.readState(newest);
            return state.iteration() >= state.config().iterations();
        } catch (CorruptCheckpointException e) {
            return false;
        }
    }

    /**
     * A run that never reached its first checkpoint has nothing worth keeping, and train refuses
     * a folder that holds part of a run: it starts again from scratch. A run in use is left alone
     * (train then says who holds it).
     */
    private static void clearUnstartedRun(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (RunLock lock = RunLock.acquire(folder)) {
            try (var entries = Files.list(folder)) {
                for (Path p : entries.filter(p -> !p.getFileName().toString().equals(RunLock.FILE)).toList()) {
                    CheckpointStore.deleteTree(p);
                }
            }
        } catch (UserError inUse) {
            // train reports it
        }
    }

    private static List<String> resumeOptions(List<String> trainArgs) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < trainArgs.size(); i++) {
            String arg = trainArgs.get(i);
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (RESUME_FLAGS.contains(arg)) {
                out.add(arg);
            } else if (RESUME_OPTIONS.contains(name)) {
                out.add(arg);
                if (!arg.contains("=") && i + 1 < trainArgs.size()) {
                    out.add(trainArgs.get(++i));
                }
            }
        }
        return out;
    }

    /** The local runner's tasks stop with a checkpoint when the runner is gone (kill -9 included). */
    private static void watchParent() {
        ProcessHandle.current().parent()
                .ifPresent(parent -> parent.onExit().thenRun(() -> Signal.raise(new Signal("TERM"))));
    }
}
