package org.dcgan4j.cli;

import org.dcgan4j.model.BlasThreads;
import org.dcgan4j.model.LayerHelpers;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --backend auto|cpu|cuda} on every command that computes. The launcher picks the jar
 * (CPU or CUDA build) from it; inside the program it is checked against the build that runs,
 * before ND4J touches a device, so a wrong pairing is a one-line error, not a native crash.
 */
final class BackendOption {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    /** Backend: auto (CUDA when a supported GPU is found, else CPU), cpu or cuda. Default: auto. */
    @Option(names = "--backend", paramLabel = "auto|cpu|cuda", defaultValue = "auto",
            description = "ND4J backend: auto, cpu or cuda (default: ${DEFAULT-VALUE}; chosen by scripts/dcgan4j).")
    String backend;

    /**
     * Throws a usage error when this build cannot serve the asked backend; otherwise loads the
     * backend, switches DL4J's native layer helpers on where they pay off and sets the BLAS
     * thread count.
     */
    void verify() {
        check();
        LayerHelpers.configure();
        try {
            BlasThreads.configure();
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
    }

    private void check() {
        String b = backend.toLowerCase(java.util.Locale.ROOT);
        if (!b.equals("auto") && !b.equals("cpu") && !b.equals("cuda")) {
            throw new ParameterException(spec.commandLine(), "--backend must be auto, cpu or cuda, got '" + backend + "'");
        }
        boolean cudaBuild = BackendChoice.cudaBuild();
        if (!cudaBuild && b.equals("cuda")) {
            throw new ParameterException(spec.commandLine(), "--backend cuda: this is the CPU build; run through "
                    + "scripts/dcgan4j, which builds and starts the CUDA one (mvn -Pcuda package)");
        }
        if (cudaBuild) {
            if (b.equals("cpu")) {
                throw new ParameterException(spec.commandLine(), "--backend cpu: this is the CUDA build; run through "
                        + "scripts/dcgan4j, which starts the CPU one");
            }
            BackendChoice.Decision d = BackendChoice.decide("cuda", BackendChoice.query(BackendChoice.nvidiaSmi()));
            if (d.refused()) {
                throw new UserError(d.message() + "; use the CPU build (scripts/dcgan4j --backend auto does)");
            }
        }
    }
}
