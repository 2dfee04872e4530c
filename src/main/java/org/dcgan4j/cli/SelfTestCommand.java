package org.dcgan4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.dcgan4j.data.DataSplit;
import org.dcgan4j.data.DigitDataset;
import org.dcgan4j.data.DigitDatasetLoader;
import org.dcgan4j.selftest.BackendAgreement;
import org.dcgan4j.selftest.SelfTestResult;
import org.dcgan4j.selftest.SelfTestRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code dcgan4j selftest}: the same short training from the same seed on every backend this
 * machine can run (the CPU always, CUDA when the preflight allows), compared loss by loss and
 * pixel by pixel, with each backend's pace, and one verdict line. Exit 0 when the backends agree
 * (or the CPU ran alone), 1 when they do not.
 *
 * <p>A JVM holds one ND4J backend, so the other backend runs in a child JVM from its own jar
 * ({@code --part}), which writes its result as JSON.
 */
@Command(name = "selftest", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train a few iterations from one seed on the CPU and (when usable) CUDA; compare them and print ms/step.")
final class SelfTestCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Mixin
    BackendOption backendOption;

    /** Iterations per backend. Default: 20. */
    @Option(names = "--iterations", paramLabel = "N", defaultValue = "20",
            description = "Iterations per backend (default: ${DEFAULT-VALUE}).")
    int iterations;

    /** Batch size. Default: 64. */
    @Option(names = "--batch", paramLabel = "N", defaultValue = "64", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batch;

    /** For the parent selftest: run this JVM's backend only and write the result to --out. */
    @Option(names = "--part", hidden = true)
    boolean part;

    @Option(names = "--out", hidden = true)
    Path out;

    @Override
    public Integer call() throws Exception {
        if (iterations < 2) {
            throw new ParameterException(spec.commandLine(), "--iterations must be at least 2, got " + iterations);
        }
        if (batch < 1) {
            throw new ParameterException(spec.commandLine(), "--batch must be at least 1, got " + batch);
        }
        if (part && out == null) {
            throw new ParameterException(spec.commandLine(), "--part needs --out FILE");
        }
        backendOption.verify();
        boolean cuda = BackendChoice.cudaBuild();
        DigitDataset data = DigitDatasetLoader.load(AppHome.embeddedData(), DataSplit.TRAIN);
        SelfTestResult mine = SelfTestRun.run(cuda ? "cuda" : "cpu", data, iterations, batch);
        if (part) {
            JSON.writeValue(out.toFile(), mine);
            return 0;
        }
        PrintWriter o = spec.commandLine().getOut();
        o.println(line(mine, cuda ? EnvironmentReport.lines().get(1) : "device: " + EnvironmentReport.cpuDescription()));
        SelfTestResult other;
        if (cuda) {
            other = runPart("cpu", AppHome.get().resolve("target/dcgan4j-cpu.jar"));
        } else {
            BackendChoice.Decision d = BackendChoice.decide(backendOption.backend,
                    BackendChoice.query(BackendChoice.nvidiaSmi()));
            String why = d.backend() == BackendChoice.Backend.CUDA
                    ? "--backend cpu was asked for" : d.message().replaceFirst(": using the CPU backend$", "");
            o.println("selftest cuda: not tried: " + why);
            o.println("selftest: PASS on the CPU alone (CUDA not tried)");
            o.flush();
            return 0;
        }
        o.println(line(other, "the CPU build"));
        o.println(verdict(mine, other));
        o.flush();
        return BackendAgreement.compare(mine, other).agree() ? 0 : Main.EXIT_FAILURE;
    }

    /** "selftest cpu: 20 iterations at batch 64, 190.2 ms/step, 336 images/s (device: ...)". */
    static String line(SelfTestResult r, String where) {
        return String.format(Locale.ROOT, "selftest %s: %d iterations at batch %d, %.1f ms/step, %.0f images/s (%s)",
                r.backend(), r.lossD().size(), r.batch(), r.msPerStep(), r.imagesPerSecond(), where);
    }

    /** The last line: PASS or FAIL, with how far apart the two backends ended. */
    static String verdict(SelfTestResult a, SelfTestResult b) {
        BackendAgreement agreement = BackendAgreement.compare(a, b);
        return String.format(Locale.ROOT, "selftest: %s: %s and %s %s: %s; %s is %.1fx as fast", agreement.agree() ? "PASS" : "FAIL",
                a.backend(), b.backend(), agreement.agree() ? "agree" : "DISAGREE", agreement.describe(),
                a.backend(), b.msPerStep() / a.msPerStep());
    }

    /** Runs the self-test of another build in a child JVM and reads its result. */
    private SelfTestResult runPart(String backend, Path jar) throws IOException, InterruptedException {
        if (!Files.isRegularFile(jar)) {
            throw new UserError(jar + " does not exist: build it with mvn -DskipTests package (scripts/dcgan4j does)");
        }
        Path result = Files.createTempFile("dcgan4j-selftest-", ".json");
        Path log = Files.createTempFile("dcgan4j-selftest-", ".log");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx2g"));
        for (String p : new String[] {"org.bytedeco.javacpp.maxbytes", "org.bytedeco.javacpp.maxphysicalbytes", "dcgan4j.home"}) {
            if (System.getProperty(p) != null) {
                cmd.add("-D" + p + "=" + System.getProperty(p));
            }
        }
        cmd.addAll(List.of("-cp", jar.toString(), Main.class.getName(), "selftest", "--part", "--backend", backend,
                "--out", result.toString(), "--iterations", String.valueOf(iterations), "--batch", String.valueOf(batch)));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new UserError("the " + backend + " part of the selftest failed; its output is in " + log);
        }
        try {
            return JSON.readValue(result.toFile(), SelfTestResult.class);
        } finally {
            Files.deleteIfExists(result);
            Files.deleteIfExists(log);
        }
    }
}
