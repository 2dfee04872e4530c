package org.dcgan4j.data;

import java.nio.file.Path;

/** Input data that cannot be used; the message names the file and what is wrong with it. */
public final class BadDataException extends RuntimeException {

    private final transient Path file;
    private final String problem;

    public BadDataException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
        this.problem = problem;
    }

    public Path file() {
        return file;
    }

    public String problem() {
        return problem;
    }
}
