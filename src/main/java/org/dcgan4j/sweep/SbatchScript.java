package org.dcgan4j.sweep;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.dcgan4j.files.AtomicFiles;

/**
 * {@code sweep.sbatch}: the batch script of every array task. Its text is fixed; it takes the
 * sweep folder as its one argument and reads everything else as data: the command that starts
 * this program from {@code task-command}, the task's options from {@code plan.json} (through
 * {@code sweep-task}). It runs the task in the background and forwards SIGTERM to it (the
 * {@code --signal=B:TERM@grace} warning before a time limit reaches only this script), and when
 * the run stopped before its end (exit code {@link #STOPPED_EARLY}) it requeues its own job so
 * that the run continues from its checkpoint.
 */
public final class SbatchScript {

    /** Exit code of {@code sweep-task} for a run that stopped gracefully before its last iteration (EX_TEMPFAIL). */
    public static final int STOPPED_EARLY = 75;

    static final String TEXT = """
            #!/bin/bash
            # One task of a dcgan4j sweep, written by 'dcgan4j sweep --slurm' and submitted as
            #   sbatch [options] --array=0-(N-1) sweep.sbatch SWEEP_DIR
            # It holds no user input: the task's options come from SWEEP_DIR/plan.json (read by
            # 'dcgan4j sweep-task'), the program's command line from SWEEP_DIR/task-command.
            set -uo pipefail
            sweep="$1"
            mapfile -d '' -t command < "$sweep/task-command"
            # The jar was built before the sweep was submitted: a task never rebuilds it.
            export DCGAN4J_NO_BUILD=1
            # As many compute threads as CPUs Slurm gave the task (more would fight over them).
            export OMP_NUM_THREADS="${OMP_NUM_THREADS:-${SLURM_CPUS_PER_TASK:-${SLURM_CPUS_ON_NODE:-1}}}"
            echo "sweep task ${SLURM_ARRAY_TASK_ID} (job ${SLURM_JOB_ID}, restart ${SLURM_RESTART_COUNT:-0}) on $(hostname) at $(date -Is)"

            signals=0
            "${command[@]}" sweep-task --task "$SLURM_ARRAY_TASK_ID" "$sweep" &
            child=$!
            # SIGTERM (the time-limit warning, a preemption, scancel, scontrol requeue): the JVM
            # finishes its iteration, writes a checkpoint and exits.
            trap 'signals=$((signals + 1)); kill -TERM "$child" 2>/dev/null' TERM
            while :; do
              before=$signals
              wait "$child"
              code=$?
              # wait returns early when the trap ran; the child's own exit code comes later.
              [[ $signals -eq $before ]] && break
            done

            if [[ $code -eq %d ]]; then
              echo "the run stopped before its last iteration: requeueing job ${SLURM_JOB_ID} to continue from its checkpoint"
              scontrol requeue "$SLURM_JOB_ID" || echo "scontrol requeue ${SLURM_JOB_ID} failed (Slurm may be requeueing it already)"
              exit 0
            fi
            exit $code
            """.formatted(STOPPED_EARLY);

    private SbatchScript() {
    }

    public static void write(Path file) throws IOException {
        byte[] bytes = TEXT.getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, out -> out.write(bytes));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
