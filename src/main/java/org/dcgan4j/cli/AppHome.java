package org.dcgan4j.cli;

import java.nio.file.Path;

/**
 * The project folder that holds {@code data/} and {@code checkpoints/}: the launcher passes it
 * as {@code -Ddcgan4j.home}; without it, the working directory.
 */
final class AppHome {

    private AppHome() {
    }

    static Path get() {
        String home = System.getProperty("dcgan4j.home");
        return (home == null || home.isBlank() ? Path.of("") : Path.of(home)).toAbsolutePath().normalize();
    }

    /** The data set that ships with the project (real MNIST digits, see data/README.md). */
    static Path embeddedData() {
        return get().resolve("data").resolve("mnist-embedded");
    }

    static Path runsRoot() {
        return get().resolve("checkpoints");
    }
}
