package org.dcgan4j.sweep;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One combination of a sweep: the run folder it trains in and the {@code train} arguments
 * (shared options first, then this combination's) that start it. {@code --run} is not among
 * them: the task adds its folder.
 *
 * @param index  0-based; the Slurm array task id
 * @param folder the run folder, relative to the sweep folder ({@code runs/000-lr=0.001,seed=1})
 * @param params the grid values of this combination, by key
 * @param args   the full {@code train} argument list, without {@code --run}
 */
public record PlannedRun(int index, String folder, Map<String, String> params, List<String> args) {

    public PlannedRun {
        params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
        args = List.copyOf(args);
    }

    /** {@code lr=0.001,seed=1}: the grid values, as in the folder name. */
    public String label() {
        return label(params);
    }

    /** {@code lr=0.001,seed=1} for these grid values, in their order. */
    static String label(Map<String, String> params) {
        return String.join(",", params.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
    }
}
