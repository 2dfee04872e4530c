package org.dcgan4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.dcgan4j.memory.ProcessMemory;
import org.dcgan4j.files.AtomicFiles;
import org.dcgan4j.checkpoint.CheckpointStore;
import org.dcgan4j.train.GanModels;
import org.dcgan4j.train.IterationReport;
import org.dcgan4j.train.TrainingListener;
import org.dcgan4j.train.TrainingProgress;

/**
 * Keeps {@code status.json} of a run current: rewritten atomically every few seconds, at
 * every checkpoint and when the run ends, so {@code scripts/status.sh} can show a detached
 * run's state without touching the process.
 */
final class StatusFile implements TrainingListener {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * What {@code status.json} holds.
     *
     * @param state          running, finished, stopped (asked to, with a checkpoint) or failed
     * @param pid            the training process
     * @param etaSeconds     estimated seconds to the end, from this process's average pace
     * @param lastCheckpoint name of the newest checkpoint folder, or null
     * @param health         "ok", the monitors' warnings (saturated D, growing memory), or the
     *                       error that ended the run
     * @param rssMb          the process's resident memory when written (null in files of older versions)
     * @param offHeapMb      its off-heap arrays: ND4J's buffers plus JavaCPP's (likewise)
     * @param processStartMs when the training process started (epoch ms), so that a pid reused by
     *                       another process is not taken for the run's (null in older files)
     */
    record Status(String state, long pid, String run, long iteration, long totalIterations, long epoch,
                  double imagesPerSecond, long etaSeconds, double lossD, double lossG, double dX, double dGz,
                  String lastCheckpoint, String health, String startedAt, String updatedAt,
                  Long rssMb, Long offHeapMb, Long processStartMs) {

        /** Whether the process that wrote this status is alive (its pid, with the same start time). */
        boolean writerAlive() {
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(p -> processStartMs == null || p.info().startInstant()
                            .map(start -> Math.abs(start.toEpochMilli() - processStartMs) <= START_TOLERANCE_MS)
                            .orElse(false))
                    .isPresent();
        }
    }

    /** The process start time is known to 1/100 s (clock ticks); both sides read it the same way. */
    static final long START_TOLERANCE_MS = 1500;
    private static final Long PROCESS_START = ProcessHandle.current().info().startInstant()
            .map(Instant::toEpochMilli).orElse(null);

    private final RunLayout layout;
    private final List<Supplier<String>> monitors;
    private final long checkpointEvery;
    private final long everyNanos;
    private final String startedAt = Instant.now().toString();
    private long lastWrite;
    private long startNanos;
    private long startIteration;
    private Status last;
    private IterationReport lastReport;

    /** @param monitors health checks, each "ok" or a warning (the saturation and memory monitors) */
    StatusFile(RunLayout layout, List<Supplier<String>> monitors, long checkpointEvery, int everySeconds) {
        this.layout = layout;
        this.monitors = List.copyOf(monitors);
        this.checkpointEvery = checkpointEvery;
        this.everyNanos = everySeconds * 1_000_000_000L;
    }

    @Override
    public void onStart(GanModels models, TrainingProgress progress) {
        startNanos = System.nanoTime();
        startIteration = progress.iteration();
        lastReport = null;
        ProcessMemory memory = ProcessMemory.now();
        write(new Status("running", ProcessHandle.current().pid(), layout.root().toString(), progress.iteration(), 0,
                progress.epoch(), 0, -1, Double.NaN, Double.NaN, Double.NaN, Double.NaN, latestCheckpoint(),
                health(), startedAt, Instant.now().toString(), ProcessMemory.mb(memory.rssBytes()),
                ProcessMemory.mb(memory.offHeapBytes()), PROCESS_START));
    }

    @Override
    public void onIteration(GanModels models, IterationReport r) {
        long now = System.nanoTime();
        long done = r.progress().iteration();
        // Build the status (which reads the checkpoint pointer) only when it is written.
        if (now - lastWrite >= everyNanos || done % checkpointEvery == 0) {
            double perIteration = (now - startNanos) / 1e9 / Math.max(1, done - startIteration);
            write(running(r, Math.round(perIteration * (r.totalIterations() - done))));
        }
        lastReport = r;
    }

    private Status running(IterationReport r, long etaSeconds) {
        ProcessMemory memory = ProcessMemory.now();
        return new Status("running", ProcessHandle.current().pid(), layout.root().toString(), r.progress().iteration(),
                r.totalIterations(), r.progress().epoch(), r.imagesPerSecond(), etaSeconds, r.step().lossD(),
                r.step().lossG(), r.step().realProbability(), r.step().fakeProbability(), latestCheckpoint(),
                health(), startedAt, Instant.now().toString(), ProcessMemory.mb(memory.rssBytes()),
                ProcessMemory.mb(memory.offHeapBytes()), PROCESS_START);
    }

    @Override
    public void onFinish(GanModels models, TrainingProgress progress, boolean completed) {
        write(withState(completed ? "finished" : "stopped", health()));
    }

    /** Records that the loop ended with an error. */
    @Override
    public void onFailure(String error) {
        if (last != null || lastReport != null) {
            write(withState("failed", error));
        }
    }

    private Status withState(String state, String health) {
        Status s = lastReport == null ? last : running(lastReport, 0);
        return new Status(state, s.pid(), s.run(), s.iteration(), s.totalIterations(), s.epoch(), s.imagesPerSecond(),
                0, s.lossD(), s.lossG(), s.dX(), s.dGz(),
                latestCheckpoint(), health, s.startedAt(), Instant.now().toString(), s.rssMb(), s.offHeapMb(),
                s.processStartMs());
    }

    /** "ok", or every monitor's warning. */
    private String health() {
        List<String> warnings = monitors.stream().map(Supplier::get).filter(h -> !"ok".equals(h)).toList();
        return warnings.isEmpty() ? "ok" : String.join("; ", warnings);
    }

    private String latestCheckpoint() {
        Path pointer = layout.checkpoints().resolve(CheckpointStore.LATEST);
        try {
            return Files.isRegularFile(pointer) ? Files.readString(pointer, StandardCharsets.UTF_8).trim() : null;
        } catch (IOException e) {
            return null;
        }
    }

    private void write(Status status) {
        last = status;
        lastWrite = System.nanoTime();
        try {
            AtomicFiles.write(layout.status(), out -> JSON.writeValue(out, status));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + layout.status() + ": " + e.getMessage(), e);
        }
    }
}
