package org.dcgan4j.sweep;

import java.util.Arrays;
import java.util.List;

/**
 * One dimension of a sweep: a {@code train} option and the values it takes, from
 * {@code --grid KEY=V1,V2,...}. The key is the option's name without its dashes ({@code lr} for
 * {@code --lr}); values are plain text (no value may hold a comma, which separates them).
 *
 * @param key    the option's name without leading dashes
 * @param values its values, in the order given
 */
public record GridAxis(String key, List<String> values) {

    public GridAxis {
        values = List.copyOf(values);
    }

    /** The option as {@code train} spells it: {@code --lr}. */
    public String option() {
        return "--" + key;
    }

    /**
     * Parses {@code KEY=V1,V2,...} ({@code --KEY=...} is accepted too).
     *
     * @throws IllegalArgumentException naming the {@code --grid} argument when it has no key or no value
     */
    public static GridAxis parse(String spec) {
        int eq = spec.indexOf('=');
        if (eq < 0) {
            throw new IllegalArgumentException("--grid " + spec + ": expected KEY=V1,V2,... (e.g. --grid lr=0.0002,0.001)");
        }
        String key = spec.substring(0, eq).trim().replaceFirst("^-{1,2}", "");
        if (key.isEmpty()) {
            throw new IllegalArgumentException("--grid " + spec + ": no option name before '='");
        }
        List<String> values = Arrays.asList(spec.substring(eq + 1).split(",", -1));
        if (values.stream().anyMatch(String::isEmpty)) {
            throw new IllegalArgumentException("--grid " + spec + ": empty value (values are separated by commas)");
        }
        return new GridAxis(key, values);
    }
}
