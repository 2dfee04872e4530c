package org.dcgan4j.sweep;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A sweep: the grid, the {@code train} options shared by every run, and one {@link PlannedRun}
 * per combination (the first axis varies slowest). Stored as {@code plan.json} in the sweep
 * folder; tasks read their combination from it by index, so that no grid value ever passes
 * through a shell.
 *
 * @param format  version of the file layout
 * @param grid    the axes, in the order given
 * @param shared  the options after {@code --}, with path values made absolute
 * @param runs    one entry per combination
 */
public record SweepPlan(int format, List<GridAxis> grid, List<String> shared, List<PlannedRun> runs) {

    public static final int FORMAT = 1;

    /** Options the sweep sets itself or that would not train. */
    private static final Set<String> RESERVED = Set.of("--run", "-h", "--help", "-V", "--version");

    /** Longest run folder name, in characters (file systems allow 255 bytes). */
    private static final int MAX_NAME = 120;

    public SweepPlan {
        grid = List.copyOf(grid);
        shared = List.copyOf(shared);
        runs = List.copyOf(runs);
    }

    /**
     * Expands a grid into runs and checks every run's arguments with {@code train}'s own rules.
     *
     * @throws IllegalArgumentException with one line naming the option or value at fault
     */
    public static SweepPlan expand(List<GridAxis> grid, List<String> shared, TrainArguments train) {
        if (grid.isEmpty()) {
            throw new IllegalArgumentException("--grid: no grid given; a sweep needs at least one --grid KEY=V1,V2,...");
        }
        Set<String> keys = new LinkedHashSet<>();
        for (GridAxis axis : grid) {
            String option = axis.option();
            if (!keys.add(axis.key())) {
                throw new IllegalArgumentException("--grid " + axis.key() + ": given twice; list all its values in one --grid");
            }
            if (RESERVED.contains(option)) {
                throw new IllegalArgumentException("--grid " + axis.key() + ": cannot be swept (the sweep chooses each run's folder)");
            }
            if (!train.hasOption(option)) {
                throw new IllegalArgumentException("--grid " + axis.key() + ": train has no option " + option
                        + " (see 'dcgan4j train --help')");
            }
            if (train.isFlag(option)) {
                for (String v : axis.values()) {
                    if (!v.equals("true") && !v.equals("false")) {
                        throw new IllegalArgumentException("--grid " + axis.key() + ": " + option
                                + " is a flag; its values are true and false, got '" + v + "'");
                    }
                }
            }
        }
        for (String arg : shared) {
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (RESERVED.contains(name)) {
                throw new IllegalArgumentException(name + " cannot be a shared train option of a sweep"
                        + (name.equals("--run") ? " (the sweep chooses each run's folder)" : ""));
            }
            if (name.startsWith("--") && keys.contains(name.substring(2))) {
                throw new IllegalArgumentException(name + " is both in --grid and in the shared options; give it once");
            }
        }
        List<String> absoluteShared = absolutePaths(shared, train);

        List<Map<String, String>> combinations = new ArrayList<>();
        combinations.add(new LinkedHashMap<>());
        for (GridAxis axis : grid) {
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> partial : combinations) {
                for (String value : axis.values()) {
                    Map<String, String> c = new LinkedHashMap<>(partial);
                    c.put(axis.key(), train.isPath(axis.option()) ? absolute(value) : value);
                    next.add(c);
                }
            }
            combinations = next;
        }
        int digits = Math.max(3, String.valueOf(combinations.size() - 1).length());
        List<PlannedRun> runs = new ArrayList<>();
        for (Map<String, String> params : combinations) {
            int index = runs.size();
            List<String> args = new ArrayList<>(absoluteShared);
            params.forEach((key, value) -> {
                String option = "--" + key;
                if (!train.isFlag(option)) {
                    args.add(option);
                    args.add(value);
                } else if (value.equals("true")) {
                    args.add(option);
                } else {
                    String off = train.negatedForm(option);
                    if (off != null) {
                        args.add(off);
                    }
                }
            });
            try {
                train.check(args);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("run " + index + " (" + PlannedRun.label(params) + "): " + e.getMessage(), e);
            }
            runs.add(new PlannedRun(index, "runs/" + folderName(index, digits, params), params, args));
        }
        return new SweepPlan(FORMAT, grid, absoluteShared, runs);
    }

    /** Whether {@code other} is the same sweep: the same grid and shared options. */
    public boolean samePlanAs(SweepPlan other) {
        return grid.equals(other.grid) && shared.equals(other.shared);
    }

    /** The run of array task {@code index}. */
    public PlannedRun run(int index) {
        if (index < 0 || index >= runs.size()) {
            throw new IllegalArgumentException("task " + index + " is not in the plan (it has runs 0 to " + (runs.size() - 1) + ")");
        }
        return runs.get(index);
    }

    /**
     * {@code 007-lr=0.001,seed=1}. Values keep their characters except those a file name cannot
     * hold or that would hide it ({@code /}, control characters, a leading dot); long names are cut.
     */
    static String folderName(int index, int digits, Map<String, String> params) {
        String label = PlannedRun.label(params).replaceAll("[/\\\\\\p{Cntrl}]", "_");
        if (label.length() > MAX_NAME) {
            label = label.substring(0, MAX_NAME);
        }
        return String.format(java.util.Locale.ROOT, "%0" + digits + "d-%s", index, label);
    }

    private static List<String> absolutePaths(List<String> args, TrainArguments train) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0 && train.isPath(arg.substring(0, eq))) {
                out.add(arg.substring(0, eq) + "=" + absolute(arg.substring(eq + 1)));
            } else if (train.isPath(arg) && i + 1 < args.size()) {
                out.add(arg);
                out.add(absolute(args.get(++i)));
            } else {
                out.add(arg);
            }
        }
        return out;
    }

    private static String absolute(String path) {
        return Path.of(path).toAbsolutePath().normalize().toString();
    }
}
