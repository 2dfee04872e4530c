package org.dcgan4j.cli;

/** A problem the user can fix (a bad path, a run folder in the way): reported in one line. */
final class UserError extends RuntimeException {

    UserError(String message) {
        super(message);
    }
}
