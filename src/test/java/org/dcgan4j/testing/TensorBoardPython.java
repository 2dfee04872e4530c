package org.dcgan4j.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * TensorBoard's own Python reader (EventAccumulator), run as a child process: a reader nobody
 * here wrote. Its python is taken from the environment variable {@value #ENV}, else the system
 * property {@value #PROPERTY}, else {@code .venv-tensorboard/bin/python} in the project folder
 * (as {@code .ci/run} makes it). When none has TensorBoard, the test fails saying how to get it.
 */
public final class TensorBoardPython {

    public static final String ENV = "DCGAN4J_TENSORBOARD_PYTHON";
    public static final String PROPERTY = "dcgan4j.tensorboard.python";
    static final Path PROJECT_VENV = Path.of(".venv-tensorboard", "bin", "python");
    private static final String HOW_TO_INSTALL = "python3 -m venv .venv-tensorboard && "
            + ".venv-tensorboard/bin/pip install tensorboard (in the project folder; .ci/run does this), or set "
            + ENV + " to a python that has tensorboard";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Path python;

    private TensorBoardPython() {
    }

    /** The python that has the tensorboard package; fails the test, saying how to install it, when there is none. */
    public static synchronized Path python() {
        if (python != null) {
            return python;
        }
        String env = System.getenv(ENV);
        String property = System.getProperty(PROPERTY);
        Path candidate = env != null && !env.isBlank() ? Path.of(env)
                : property != null && !property.isBlank() ? Path.of(property) : PROJECT_VENV.toAbsolutePath();
        assertThat(Files.isExecutable(candidate))
                .as("TensorBoard's Python reader is needed and %s does not exist; install it: %s", candidate, HOW_TO_INSTALL)
                .isTrue();
        Result r = run(candidate, "-c", "import tensorboard.backend.event_processing.event_accumulator");
        assertThat(r.exitCode()).as("%s cannot import tensorboard (%s); install it: %s", candidate, r.err().strip(),
                HOW_TO_INSTALL).isZero();
        python = candidate;
        return python;
    }

    /** The {@code tensorboard} command of the same environment. */
    public static Path tensorboardCommand() {
        return python().resolveSibling("tensorboard");
    }

    /**
     * What EventAccumulator finds in a folder of event files: {"scalars": {tag: [[step, value]]},
     * "images": {tag: [[step, width, height, base64 PNG]]}, "texts": {tag: [[step, text]]}}.
     */
    public static JsonNode read(Path folder) throws IOException {
        Result r = run(python(), script("read_events.py").toString(), folder.toString());
        assertThat(r.exitCode()).as("read_events.py failed: %s", r.err()).isZero();
        return JSON.readTree(r.out());
    }

    /** A script of src/test/resources/tensorboard. */
    public static Path script(String name) {
        try {
            return Path.of(TensorBoardPython.class.getResource("/tensorboard/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    record Result(int exitCode, String out, String err) {
    }

    private static Result run(Path python, String... args) {
        try {
            Path out = Files.createTempFile("tensorboard-python-", ".out");
            Path err = Files.createTempFile("tensorboard-python-", ".err");
            try {
                String[] cmd = new String[args.length + 1];
                cmd[0] = python.toString();
                System.arraycopy(args, 0, cmd, 1, args.length);
                Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                if (!p.waitFor(5, TimeUnit.MINUTES)) {
                    p.destroyForcibly();
                    throw new AssertionError(String.join(" ", cmd) + " did not end within 5 minutes");
                }
                return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new AssertionError("cannot run " + python + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
