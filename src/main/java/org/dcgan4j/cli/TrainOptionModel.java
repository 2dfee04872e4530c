package org.dcgan4j.cli;

import java.nio.file.Path;
import java.util.List;
import org.dcgan4j.sweep.TrainArguments;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The sweep's view of {@code train}, from picocli's model of {@link TrainCommand}: which options
 * exist, which are flags or paths, and a full check of an argument list (parsing plus
 * {@link TrainCommand#resolve()}, the same rules a real {@code train} applies before it writes
 * anything).
 */
final class TrainOptionModel implements TrainArguments {

    private final CommandLine.Model.CommandSpec spec = new CommandLine(new TrainCommand()).getCommandSpec();

    @Override
    public boolean hasOption(String name) {
        return option(name) != null;
    }

    @Override
    public boolean isFlag(String name) {
        OptionSpec o = option(name);
        return o != null && o.arity().max() == 0;
    }

    @Override
    public String negatedForm(String name) {
        OptionSpec o = option(name);
        return o != null && o.negatable() ? spec.negatableOptionTransformer().makeNegative(name, spec) : null;
    }

    @Override
    public boolean isPath(String name) {
        OptionSpec o = option(name);
        return o != null && o.type() == Path.class;
    }

    @Override
    public void check(List<String> args) {
        CommandLine cli = new CommandLine(new TrainCommand());
        try {
            CommandLine.ParseResult parsed = cli.parseArgs(args.toArray(String[]::new));
            if (parsed.isUsageHelpRequested() || parsed.isVersionHelpRequested()) {
                throw new IllegalArgumentException("--help and --version do not train");
            }
            TrainCommand train = cli.getCommand();
            train.resolve();
        } catch (CommandLine.ParameterException e) {
            throw new IllegalArgumentException(e.getMessage().lines().findFirst().orElse(e.getMessage()), e);
        }
    }

    private OptionSpec option(String name) {
        return name.startsWith("-") ? spec.findOption(name) : null;
    }
}
