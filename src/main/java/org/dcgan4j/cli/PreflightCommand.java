package org.dcgan4j.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dcgan4j preflight --backend auto|cpu|cuda}: the launcher's question, answered before
 * ND4J loads. Prints {@code cpu} or {@code cuda} on stdout and one line on stderr saying why;
 * exits 3 when a forced backend cannot run here.
 */
@Command(name = "preflight", hidden = true, description = "Choose the backend (for the launcher).")
final class PreflightCommand implements Callable<Integer> {

    static final int EXIT_UNSUPPORTED = 3;

    @Option(names = "--backend", defaultValue = "auto")
    String backend;

    @Override
    public Integer call() {
        BackendChoice.Decision d = BackendChoice.decide(backend, "cpu".equalsIgnoreCase(backend)
                ? BackendChoice.Query.failed("not asked") : BackendChoice.query(BackendChoice.nvidiaSmi()));
        System.err.println(d.message());
        if (d.refused()) {
            return EXIT_UNSUPPORTED;
        }
        System.out.println(d.backend().name().toLowerCase(java.util.Locale.ROOT));
        return 0;
    }
}
