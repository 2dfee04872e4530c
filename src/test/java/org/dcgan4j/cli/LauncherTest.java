package org.dcgan4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/dcgan4j}, the launcher, in a copy of the project with stand-ins for Maven and
 * Java on the PATH: the stand-in Maven records its arguments and writes the jar slowly; the
 * stand-in Java prints what it was asked to run and answers the backend preflight as told.
 */
class LauncherTest {

    @TempDir
    Path home;
    Path bin;
    Path calls;

    @BeforeEach
    void project() throws IOException {
        Files.createDirectories(home.resolve("scripts"));
        Files.copy(Path.of("scripts/dcgan4j"), home.resolve("scripts/dcgan4j"));
        executable(home.resolve("scripts/dcgan4j"));
        Files.writeString(home.resolve("pom.xml"), "<project/>");
        Files.createDirectories(home.resolve("src/main/java"));
        Files.writeString(home.resolve("src/main/java/A.java"), "class A {}");
        Files.createDirectories(home.resolve("target"));
        bin = Files.createDirectories(home.resolve("fakebin"));
        calls = home.resolve("mvn-calls.txt");
        // Maven: one line per call with its arguments; the jar named by -Dshaded.name after a second.
        script(bin.resolve("mvn"), """
                #!/usr/bin/env bash
                echo "$*" >> "$FAKE_CALLS"
                name=""
                for a in "$@"; do case "$a" in -Dshaded.name=*) name="${a#-Dshaded.name=}" ;; esac; done
                sleep 1
                echo "jar built by $$" > "$FAKE_HOME/target/$name.jar"
                """);
        // Java: the preflight answers FAKE_CHOICE with exit FAKE_PREFLIGHT_EXIT; anything else is echoed.
        script(bin.resolve("java"), """
                #!/usr/bin/env bash
                if [[ " $* " == *" preflight "* ]]; then
                  [[ "${FAKE_PREFLIGHT_EXIT:-0}" == 0 ]] && echo "${FAKE_CHOICE:-cpu}"
                  exit "${FAKE_PREFLIGHT_EXIT:-0}"
                fi
                echo "java $*"
                """);
    }

    private static void script(Path file, String text) throws IOException {
        Files.writeString(file, text);
        executable(file);
    }

    private static void executable(Path file) throws IOException {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private Process launch(Map<String, String> env, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(home.resolve("scripts/dcgan4j").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        pb.environment().put("FAKE_CALLS", calls.toString());
        pb.environment().put("FAKE_HOME", home.toString());
        pb.environment().putAll(env);
        return pb.start();
    }

    private record Outcome(int code, String output) {
    }

    private Outcome run(Map<String, String> env, String... args) throws Exception {
        Process p = launch(env, args);
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Outcome(p.exitValue(), out);
    }

    private List<String> mavenCalls() throws IOException {
        return Files.exists(calls) ? Files.readAllLines(calls) : List.of();
    }

    private Path staleJar(String name) throws IOException {
        Path jar = home.resolve("target").resolve(name);
        Files.writeString(jar, "old jar");
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().minusSeconds(3600)));
        return jar;
    }

    @Test
    void readOnlyCommandsNeverRebuildAJarThatExists() throws Exception {
        Path jar = staleJar("dcgan4j-cpu.jar");
        for (String[] args : new String[][] {{"status", "--run", "x"}, {"--version"}, {"train", "--help"}}) {
            Outcome o = run(Map.of(), args);
            assertThat(o.code()).as(o.output()).isZero();
            assertThat(o.output()).contains("-jar " + jar);
        }
        assertThat(mavenCalls()).isEmpty();
        assertThat(Files.readString(jar)).isEqualTo("old jar");
    }

    /** What train.sh --detach runs in the foreground before detaching: it must rebuild a stale jar. */
    @Test
    void buildOnlyRebuildsAStaleJarAndRunsNothing() throws Exception {
        staleJar("dcgan4j-cpu.jar");
        Outcome o = run(Map.of("DCGAN4J_BUILD_ONLY", "1"), "train", "--iterations", "5");
        assertThat(o.code()).as(o.output()).isZero();
        assertThat(mavenCalls()).hasSize(1);
        assertThat(Files.readString(home.resolve("target/dcgan4j-cpu.jar"))).startsWith("jar built by");
        assertThat(o.output()).doesNotContain("java ");
    }

    @Test
    void twoLaunchersBuildOnceIntoATemporaryNameRenamedIntoPlace() throws Exception {
        Process first = launch(Map.of(), "bench");
        Process second = launch(Map.of(), "bench");
        String a = new String(first.getInputStream().readAllBytes());
        String b = new String(second.getInputStream().readAllBytes());
        assertThat(first.waitFor(60, TimeUnit.SECONDS) && second.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(first.exitValue()).as(a).isZero();
        assertThat(second.exitValue()).as(b).isZero();

        List<String> built = mavenCalls();
        assertThat(built).hasSize(1);
        assertThat(built.get(0)).matches(".*-Dshaded\\.name=dcgan4j-cpu\\.building-\\d+ .*package");
        assertThat(Files.readString(home.resolve("target/dcgan4j-cpu.jar"))).startsWith("jar built by");
        try (var files = Files.list(home.resolve("target"))) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(n -> n.contains(".building-"));
        }
    }

    @Test
    void anotherSetOfCudaProfilesRebuildsTheCudaJar() throws Exception {
        run(Map.of(), "--version"); // the CPU jar
        Path cuda = home.resolve("target/dcgan4j-cuda.jar");
        Files.writeString(cuda, "cuda jar");
        Files.writeString(home.resolve("target/dcgan4j-cuda.jar.profiles"), "cuda\n");
        Map<String, String> gpu = Map.of("FAKE_CHOICE", "cuda");

        Outcome same = run(gpu, "bench");
        assertThat(same.code()).as(same.output()).isZero();
        assertThat(mavenCalls()).hasSize(1);

        Outcome redist = run(Map.of("FAKE_CHOICE", "cuda", "DCGAN4J_CUDA_PROFILES", "cuda,cuda-redist"), "bench");
        assertThat(redist.code()).as(redist.output()).isZero();
        assertThat(mavenCalls()).hasSize(2);
        assertThat(mavenCalls().get(1)).contains("-Pcuda,cuda-redist");
        assertThat(redist.output()).contains("-jar " + cuda);
        assertThat(Files.readString(cuda)).startsWith("jar built by");
    }

    @Test
    void anUnsupportedBackendAndAFailedPreflightExitWithDifferentCodes() throws Exception {
        run(Map.of(), "--version");
        Outcome unsupported = run(Map.of("FAKE_PREFLIGHT_EXIT", "3"), "bench", "--backend", "cuda");
        assertThat(unsupported.code()).isEqualTo(3);

        Outcome broken = run(Map.of("FAKE_PREFLIGHT_EXIT", "1"), "bench");
        assertThat(broken.code()).isEqualTo(4);
        assertThat(broken.output()).contains("dcgan4j: the backend check").contains("failed with exit code 1");
    }
}
