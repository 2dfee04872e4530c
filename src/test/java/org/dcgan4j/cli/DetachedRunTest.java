package org.dcgan4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.dcgan4j.data.IdxTestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's detached workflow end to end, through the real scripts: {@code train.sh --detach}
 * prints the run folder and pid and returns, {@code status.sh} reports the run as running,
 * {@code stop.sh} stops it with a checkpoint, and {@code status.sh} then says so.
 *
 * <p>The scripts run in a copy of the project whose jar is a manifest naming this test's class
 * path (the shaded jar is made only after the tests), so nothing is built.
 */
class DetachedRunTest {

    @TempDir
    Path home;

    private void project() throws IOException {
        Path scripts = Files.createDirectories(home.resolve("scripts"));
        for (String name : List.of("dcgan4j", "train.sh", "status.sh", "stop.sh")) {
            Files.copy(Path.of("scripts", name), scripts.resolve(name));
            Files.setPosixFilePermissions(scripts.resolve(name), PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Path sources = Files.createDirectories(home.resolve("src/main/java"));
        Files.writeString(home.resolve("pom.xml"), "<project/>");
        Files.setLastModifiedTime(home.resolve("pom.xml"), FileTime.from(Instant.now().minusSeconds(60)));
        Files.setLastModifiedTime(sources, FileTime.from(Instant.now().minusSeconds(60)));
        Path jar = Files.createDirectories(home.resolve("target")).resolve("dcgan4j-cpu.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, Main.class.getName());
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH,
                Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                        .map(entry -> Path.of(entry).toUri().toString()).collect(Collectors.joining(" ")));
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream unused = new JarOutputStream(out, manifest)) {
            // The manifest is all the jar holds.
        }
        Files.writeString(home.resolve("target/dcgan4j-cpu.jar.profiles"), "\n");
    }

    private record Outcome(int code, String output) {
    }

    private Outcome script(String name, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(home.resolve("scripts").resolve(name).toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("DCGAN4J_JAVA_OPTS", "-Xmx512m");
        pb.environment().put("STOP_TIMEOUT", "60");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).as(name + " ended").isTrue();
        return new Outcome(p.exitValue(), out);
    }

    private static String line(String output, String label) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(label) + "\\s+(.*)$").matcher(output);
        assertThat(m.find()).as("'%s' in:%n%s", label, output).isTrue();
        return m.group(1).trim();
    }

    @Test
    void detachedRunIsReportedByStatusAndStoppedByStopWithACheckpoint(@TempDir Path tmp) throws Exception {
        project();
        Path data = IdxTestFiles.mnistFolder(tmp.resolve("data"), 40, 10);
        Path run = tmp.resolve("run; 'quoted' and spaced");

        Outcome started = script("train.sh", "--detach", "--backend", "cpu", "--data", data.toString(),
                "--run", run.toString(), "--iterations", "1000000", "--checkpoint-every", "5", "--batch", "16",
                "--latent-size", "8", "--g-width", "4", "--d-width", "4", "--grid-size", "4",
                "--sample-every", "1000");
        assertThat(started.code()).as(started.output()).isZero();
        assertThat(line(started.output(), "run folder:")).isEqualTo(run.toString());
        long pid = Long.parseLong(line(started.output(), "pid:"));
        ProcessHandle process = ProcessHandle.of(pid).orElseThrow();
        try {
            // The detached process outlives the script that started it, and writes its status.
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!Files.exists(run.resolve("checkpoints/latest"))) {
                assertThat(process.isAlive()).as("detached process alive").isTrue();
                assertThat(System.nanoTime()).as("waiting for the first checkpoint").isLessThan(end);
                Thread.sleep(100);
            }
            Outcome running = script("status.sh", run.toString());
            assertThat(running.code()).as(running.output()).isZero();
            assertThat(line(running.output(), "state")).isEqualTo("running (pid " + pid + ")");

            Outcome stopped = script("stop.sh", run.toString());
            assertThat(stopped.code()).as(stopped.output()).isZero();
            assertThat(process.isAlive()).isFalse();
            String latest = Files.readString(run.resolve("checkpoints/latest")).trim();
            assertThat(stopped.output()).contains("stopped; newest checkpoint: " + latest);

            Outcome after = script("status.sh", run.toString());
            assertThat(line(after.output(), "state")).isEqualTo("stopped");
            assertThat(line(after.output(), "checkpoint")).contains(latest);
        } finally {
            process.destroyForcibly();
        }
    }
}
