package org.dcgan4j.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.dcgan4j.checkpoint.ProgramVersion;
import org.dcgan4j.data.BadDataException;
import org.dcgan4j.plot.TrainingCharts;
import org.dcgan4j.train.TrainingDivergedException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point. Errors reach the user as one line on stderr with a non-zero exit code
 * (2: bad option, 1: anything else); stack traces go only to the log file.
 */
@Command(name = "dcgan4j", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "DCGAN trainer for 28x28 digit images on Deeplearning4j / ND4J.",
        subcommands = {TrainCommand.class, ResumeCommand.class, StatusCommand.class, GenerateCommand.class, EvaluateCommand.class, BenchCommand.class,
                SelfTestCommand.class, PreflightCommand.class, SweepCommand.class, SweepTaskCommand.class,
                SweepStatusCommand.class})
public final class Main {

    static final int EXIT_FAILURE = 1;
    static final int EXIT_USAGE = 2;

    public static void main(String[] args) {
        // Before anything loads AWT (reading image data does): charts and grids need no display.
        TrainingCharts.useHeadlessAwt();
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (for tests and {@link #main}). */
    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** Runs the command line with the given streams for picocli's help and error messages. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((ex, rest) -> {
            PrintWriter errOut = ex.getCommandLine().getErr();
            errOut.println(ex.getCommandLine().getCommandName() + ": " + ex.getMessage());
            errOut.println("(see '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
            return EXIT_USAGE;
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter errOut = commandLine.getErr();
            if (ex instanceof CommandLine.ParameterException pe) {
                return commandLine.getParameterExceptionHandler().handleParseException(pe, new String[0]);
            }
            Path log = RunLog.trace("command failed", ex, Path.of("dcgan4j-error.log"));
            errOut.println("error: " + describe(ex) + (isExpected(ex) ? "" : " (details in " + log + ")"));
            return EXIT_FAILURE;
        });
        return cli.execute(args);
    }

    private static boolean isExpected(Throwable ex) {
        return ex instanceof UserError || ex instanceof BadDataException || ex instanceof TrainingDivergedException
                || ex instanceof UncheckedIOException || ex instanceof java.io.IOException;
    }

    private static String describe(Throwable ex) {
        if (ex instanceof java.nio.file.NoSuchFileException e) {
            return e.getFile() + ": " + (e.getReason() != null ? e.getReason() : "does not exist");
        }
        if (ex instanceof java.nio.file.FileSystemException e) {
            return e.getFile() + ": " + (e.getReason() != null ? e.getReason() : e.getClass().getSimpleName());
        }
        String message = ex.getMessage();
        if (message == null || message.isBlank()) {
            return ex.getClass().getSimpleName();
        }
        return isExpected(ex) ? message.lines().findFirst().orElse(message)
                : ex.getClass().getSimpleName() + ": " + message.lines().findFirst().orElse(message);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"dcgan4j " + ProgramVersion.current()};
        }
    }
}
