package org.dcgan4j.cli;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Numbered run folders: {@code checkpoints/00001-mnist}, {@code 00002-mnist}, ... */
final class RunFolders {

    private static final Pattern NUMBERED = Pattern.compile("(\\d{5})-.*");

    private RunFolders() {
    }

    /** Creates the next numbered folder under {@code root}; never reuses an existing one. */
    static Path createNext(Path root, String label) throws IOException {
        Files.createDirectories(root);
        String safeLabel = label.replaceAll("[^A-Za-z0-9._-]", "_");
        while (true) {
            int next = highestNumber(root) + 1;
            Path candidate = root.resolve(String.format("%05d-%s", next, safeLabel));
            try {
                return Files.createDirectory(candidate);
            } catch (FileAlreadyExistsException raced) {
                // Another run took this number between our scan and mkdir: scan again.
            }
        }
    }

    private static int highestNumber(Path root) throws IOException {
        try (Stream<Path> entries = Files.list(root)) {
            return entries.map(p -> NUMBERED.matcher(p.getFileName().toString()))
                    .filter(Matcher::matches)
                    .mapToInt(m -> Integer.parseInt(m.group(1)))
                    .max().orElse(0);
        }
    }
}
