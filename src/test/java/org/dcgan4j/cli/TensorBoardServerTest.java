package org.dcgan4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.dcgan4j.data.IdxTestFiles;
import org.dcgan4j.tensorboard.TensorBoardListener;
import org.dcgan4j.testing.TensorBoardPython;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/tensorboard.sh starts a real TensorBoard on a short run in a sweep folder whose name
 * holds a semicolon, quotes, spaces and a command substitution; its scalars endpoint answers
 * with our tags and values. Without TensorBoard the script says in one line how to install it.
 */
class TensorBoardServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SCRIPT = Path.of("scripts", "tensorboard.sh");
    /** How long TensorBoard may take to start and load the run. */
    private static final Duration READY_WITHIN = Duration.ofMinutes(2);

    @Test
    void theScriptServesTheRunsScalarsOnLoopback(@TempDir Path tmp) throws Exception {
        Path data = IdxTestFiles.mnistFolder(tmp.resolve("data"), 40, 10);
        Path sweep = tmp.resolve("sweep; touch PWNED 'a' \"b\" $(touch PWNED2)");
        Path run = sweep.resolve("00001-tiny");
        CliRunner.Result r = CliRunner.run("train", "--data", data.toString(), "--run", run.toString(), "--iterations", "4",
                "--batch", "16", "--latent-size", "8", "--g-width", "4", "--d-width", "4", "--grid-size", "4",
                "--sample-every", "2");
        assertThat(r.exitCode()).as(r.err()).isZero();
        int port = freePort();
        Path console = tmp.resolve("console.txt");
        ProcessBuilder pb = new ProcessBuilder("bash", SCRIPT.toString(), sweep.toString())
                .redirectErrorStream(true).redirectOutput(console.toFile());
        pb.environment().put("TENSORBOARD", TensorBoardPython.tensorboardCommand().toString());
        pb.environment().put("TENSORBOARD_PORT", Integer.toString(port));
        Process server = pb.start();
        try {
            String runName = "00001-tiny/tensorboard";
            JsonNode tags = pollUntil(server, console, "http://127.0.0.1:" + port + "/data/plugin/scalars/tags",
                    json -> json.has(runName) && json.get(runName).has(TensorBoardListener.LOSS_D));
            List<String> names = new ArrayList<>();
            tags.get(runName).fieldNames().forEachRemaining(names::add);
            assertThat(names).contains(TensorBoardListener.LOSS_D, TensorBoardListener.LOSS_G, TensorBoardListener.D_REAL,
                    TensorBoardListener.D_FAKE, TensorBoardListener.IMAGES_PER_S, TensorBoardListener.LEARNING_RATE_G,
                    TensorBoardListener.LEARNING_RATE_D);

            JsonNode lossD = get("http://127.0.0.1:" + port + "/data/plugin/scalars/scalars?run="
                    + URLEncoder.encode(runName, StandardCharsets.UTF_8) + "&tag="
                    + URLEncoder.encode(TensorBoardListener.LOSS_D, StandardCharsets.UTF_8));
            List<Long> steps = new ArrayList<>();
            lossD.forEach(point -> steps.add(point.get(1).asLong())); // [wall_time, step, value]
            assertThat(steps).containsExactly(1L, 2L, 3L, 4L);

            // The sample grids at 2 and 4, all kept (the script's --samples_per_plugin).
            JsonNode grids = get("http://127.0.0.1:" + port + "/data/plugin/images/images?run="
                    + URLEncoder.encode(runName, StandardCharsets.UTF_8) + "&tag="
                    + URLEncoder.encode(TensorBoardListener.SAMPLES, StandardCharsets.UTF_8) + "&sample=0");
            List<Long> gridSteps = new ArrayList<>();
            grids.forEach(g -> gridSteps.add(g.get("step").asLong()));
            assertThat(gridSteps).containsExactly(2L, 4L);

            String printed = Files.readString(console);
            assertThat(printed).contains("ssh -L " + port + ":127.0.0.1:" + port + " ");
            assertThat(printed).contains("http://127.0.0.1:" + port + "/");
        } finally {
            server.descendants().forEach(ProcessHandle::destroy);
            server.destroy();
            if (!server.waitFor(30, TimeUnit.SECONDS)) {
                server.descendants().forEach(ProcessHandle::destroyForcibly);
                server.destroyForcibly();
            }
        }
        assertThat(Path.of("PWNED")).doesNotExist();
        assertThat(Path.of("PWNED2")).doesNotExist();
        assertThat(tmp.resolve("PWNED")).doesNotExist();
        assertThat(tmp.resolve("PWNED2")).doesNotExist();
    }

    @Test
    void withoutTensorBoardTheScriptSaysInOneLineHowToInstallIt(@TempDir Path tmp) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", SCRIPT.toString(), tmp.toString()).redirectErrorStream(true);
        pb.environment().put("TENSORBOARD", tmp.resolve("no-such-tensorboard").toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isNotZero();
        assertThat(out.strip().lines()).hasSize(1);
        assertThat(out).contains("pip install tensorboard").contains("venv");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Polls {@code url} until its JSON satisfies {@code ready}; fails if the server ends or the time runs out. */
    private static JsonNode pollUntil(Process server, Path console, String url,
                                      java.util.function.Predicate<JsonNode> ready) throws Exception {
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            assertThat(server.isAlive()).as("TensorBoard ended early: %s", Files.readString(console)).isTrue();
            try {
                last = get(url);
                if (ready.test(last)) {
                    return last;
                }
            } catch (IOException notYet) {
                // Not listening yet.
            }
            Thread.sleep(200);
        }
        throw new AssertionError("TensorBoard did not list the run within " + READY_WITHIN + "; last answer " + last
                + "; console: " + Files.readString(console));
    }

    private static JsonNode get(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(url + ": HTTP " + response.statusCode());
        }
        return JSON.readTree(response.body());
    }
}
