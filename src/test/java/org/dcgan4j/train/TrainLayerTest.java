package org.dcgan4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Nothing below reaches up: {@code train} (run lifecycle included) sees the layers above it
 * only through the interfaces it declares, so its sources name none of their packages.
 */
class TrainLayerTest {

    private static final Pattern ABOVE = Pattern.compile(
            "org\\.dcgan4j\\.(checkpoint|eval|sample|plot|tensorboard|selftest|cli)\\b");

    @Test
    void trainNamesNoPackageAboveIt() throws Exception {
        List<String> offending;
        try (Stream<Path> files = Files.list(Path.of("src/main/java/org/dcgan4j/train"))) {
            offending = files.filter(f -> f.toString().endsWith(".java"))
                    .flatMap(f -> {
                        try {
                            return Files.readAllLines(f).stream().filter(l -> ABOVE.matcher(l).find())
                                    .map(l -> f.getFileName() + ": " + l.strip());
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    })
                    .toList();
        }
        assertThat(offending).isEmpty();
    }
}
