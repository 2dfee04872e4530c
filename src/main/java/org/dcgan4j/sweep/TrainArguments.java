package org.dcgan4j.sweep;

import java.util.List;

/**
 * What the {@code train} command accepts, as the sweep needs to know it: the command line layer
 * implements it with picocli's model of {@code train}, so that a grid is checked against the real
 * options before anything is written or submitted.
 */
public interface TrainArguments {

    /** Whether {@code train} has the option {@code name} (e.g. {@code --lr}). */
    boolean hasOption(String name);

    /** Whether the option is a flag (takes no value; present means on). */
    boolean isFlag(String name);

    /**
     * The form that turns a flag off when leaving it out does not (e.g. {@code --no-conditional}:
     * a default run is conditional on labelled data), or null when leaving it out means off.
     */
    String negatedForm(String name);

    /** Whether the option's value is a file or folder (made absolute in the plan). */
    boolean isPath(String name);

    /**
     * Checks a full {@code train} argument list the way {@code train} would, without training.
     *
     * @throws IllegalArgumentException with a one-line message naming the option when {@code train} would refuse it
     */
    void check(List<String> args);
}
