package org.dcgan4j.sweep;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Submits a sweep as one Slurm job array: {@code sbatch --array=0-(N-1)} with {@code --requeue},
 * {@code --signal=B:TERM@grace} and append-mode logs in {@code DIR/logs/}. The user's extra
 * sbatch options come after the defaults (so they win, sbatch taking the last value of an
 * option) and before {@code --array}; each is its own argument, never shell text. No {@code --gres}
 * is added: GPUs only when the user asks for them.
 */
public final class SlurmSubmission {

    private final Path sbatch;
    private final SweepLayout layout;
    private final int tasks;
    private final int graceSeconds;
    private final List<String> extra;

    /**
     * @param sbatch       the sbatch executable
     * @param graceSeconds how long before the time limit Slurm warns the task (it then checkpoints and requeues)
     * @param extra        the user's sbatch options, already split into words
     */
    public SlurmSubmission(Path sbatch, SweepLayout layout, int tasks, int graceSeconds, List<String> extra) {
        this.sbatch = sbatch;
        this.layout = layout;
        this.tasks = tasks;
        this.graceSeconds = graceSeconds;
        this.extra = List.copyOf(extra);
    }

    /** sbatch on the PATH, if any. */
    public static Optional<Path> findSbatch() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, "sbatch");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The full sbatch command line. */
    public List<String> command() {
        Path root = layout.root().toAbsolutePath().normalize();
        List<String> cmd = new ArrayList<>(List.of(sbatch.toString(), "--parsable", "--job-name=dcgan4j-sweep",
                "--requeue", "--signal=B:TERM@" + graceSeconds, "--open-mode=append",
                "--chdir=" + root, "--output=logs/task-%a.out"));
        cmd.addAll(extra);
        cmd.add("--array=0-" + (tasks - 1));
        cmd.add(layout.sbatchScript().toAbsolutePath().normalize().toString());
        cmd.add(root.toString());
        return cmd;
    }

    /**
     * Runs sbatch and returns the job id it printed.
     *
     * @throws IOException with sbatch's own message when it refuses the job
     */
    public String submit() throws IOException, InterruptedException {
        Files.createDirectories(layout.logs());
        Process p = new ProcessBuilder(command()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        int code = p.waitFor();
        if (code != 0) {
            throw new IOException("sbatch failed (exit code " + code + "): " + output.lines().reduce((a, b) -> b).orElse(""));
        }
        String last = output.lines().reduce((a, b) -> b).orElse("");
        String id = last.contains(";") ? last.substring(0, last.indexOf(';')) : last;
        if (!id.matches("\\d+")) {
            throw new IOException("sbatch printed no job id: " + output);
        }
        return id;
    }
}
