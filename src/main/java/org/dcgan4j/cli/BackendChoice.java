package org.dcgan4j.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Chooses the ND4J backend before ND4J loads: the GPU's compute capability is read with
 * {@code nvidia-smi}, because the released nd4j-cuda-11.6 binaries hold GPU code for compute
 * capability 3.7 to 8.6 (running on 3.7 up to 8.9, Ada) and none for 9.0+ (Hopper, Blackwell),
 * where CUDA initialisation would fail deep inside ND4J.
 *
 * <p>Decision table ({@code requested} is {@code --backend}):
 * <pre>
 *   requested  GPU found                       result
 *   cpu        any                             CPU
 *   auto       none / no driver / unreadable   CPU, one line saying why
 *   auto       GPU 0 with 3.7 <= cc < 9.0      CUDA
 *   auto       GPU 0 with cc outside that      CPU, one line: which GPU, why
 *   cuda       GPU 0 with 3.7 <= cc < 9.0      CUDA
 *   cuda       anything else                   refused (non-zero exit), one line
 * </pre>
 */
final class BackendChoice {

    static final double MIN_COMPUTE_CAPABILITY = 3.7;
    /** First compute capability the released binaries cannot run on (Hopper). */
    static final double UNSUPPORTED_FROM = 9.0;
    static final String QUERY = "--query-gpu=name,compute_cap";

    enum Backend { CPU, CUDA }

    /** One line of {@code nvidia-smi --query-gpu=name,compute_cap --format=csv,noheader}. */
    record Gpu(int index, String name, double computeCapability) {
        String describe() {
            return String.format(Locale.ROOT, "GPU %d: %s (compute capability %.1f)", index, name, computeCapability);
        }
    }

    /**
     * @param backend what to use (meaningless when refused)
     * @param message the one line for the user
     * @param refused true when the user forced a backend that cannot run here
     */
    record Decision(Backend backend, String message, boolean refused) {
    }

    /** What asking the driver gave: the GPUs, or why there are none. */
    record Query(List<Gpu> gpus, String problem) {
        static Query of(List<Gpu> gpus) {
            return new Query(gpus, gpus.isEmpty() ? "nvidia-smi lists no GPU" : null);
        }

        static Query failed(String problem) {
            return new Query(List.of(), problem);
        }
    }

    private BackendChoice() {
    }

    static Decision decide(String requested, Query query) {
        String want = requested.toLowerCase(Locale.ROOT);
        switch (want) {
            case "cpu":
                return new Decision(Backend.CPU, "backend: cpu (asked with --backend cpu)", false);
            case "auto":
            case "cuda":
                break;
            default:
                return new Decision(Backend.CPU, "--backend must be auto, cpu or cuda, got '" + requested + "'", true);
        }
        boolean forced = want.equals("cuda");
        if (query.gpus().isEmpty()) {
            String why = "no usable NVIDIA GPU (" + query.problem() + ")";
            return forced
                    ? new Decision(Backend.CPU, "--backend cuda: " + why, true)
                    : new Decision(Backend.CPU, why + ": using the CPU backend", false);
        }
        Gpu gpu = query.gpus().get(0);
        double cc = gpu.computeCapability();
        if (cc >= MIN_COMPUTE_CAPABILITY && cc < UNSUPPORTED_FROM) {
            return new Decision(Backend.CUDA, gpu.describe() + ": using the CUDA backend", false);
        }
        String why = gpu.describe() + " is not supported by the ND4J CUDA binaries, which hold GPU code for "
                + "compute capability 3.7 to 8.6 (they run up to 8.9)";
        return forced
                ? new Decision(Backend.CPU, "--backend cuda: " + why, true)
                : new Decision(Backend.CPU, why + ": using the CPU backend", false);
    }

    /** Parses {@code name, compute_cap} lines; a line that does not parse makes the query fail. */
    static Query parse(String output) {
        List<Gpu> gpus = new ArrayList<>();
        for (String line : output.strip().split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            int comma = line.lastIndexOf(',');
            try {
                if (comma < 0) {
                    throw new NumberFormatException(line);
                }
                double cc = Double.parseDouble(line.substring(comma + 1).trim());
                gpus.add(new Gpu(gpus.size(), line.substring(0, comma).trim(), cc));
            } catch (NumberFormatException e) {
                return Query.failed("cannot read nvidia-smi's answer '" + line.trim() + "'");
            }
        }
        return Query.of(gpus);
    }

    /** Runs {@code nvidia-smi} (or the given stand-in) and parses its answer. */
    static Query query(String nvidiaSmi) {
        Process p;
        try {
            p = new ProcessBuilder(nvidiaSmi, QUERY, "--format=csv,noheader").redirectErrorStream(true).start();
        } catch (IOException e) {
            return Query.failed("no nvidia-smi: no NVIDIA driver installed");
        }
        try {
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Query.failed("nvidia-smi did not answer within 20 s");
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                String first = out.lines().findFirst().orElse("").trim();
                return Query.failed("nvidia-smi failed: " + (first.isEmpty() ? "exit code " + p.exitValue() : first));
            }
            return parse(out);
        } catch (IOException e) {
            return Query.failed("nvidia-smi: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Query.failed("interrupted while asking nvidia-smi");
        }
    }

    /** The nvidia-smi to run: {@code DCGAN4J_NVIDIA_SMI} when set (tests, odd installs). */
    static String nvidiaSmi() {
        String custom = System.getenv("DCGAN4J_NVIDIA_SMI");
        return custom == null || custom.isBlank() ? "nvidia-smi" : custom;
    }

    /** True when this build carries the CUDA backend (the -Pcuda jar). */
    static boolean cudaBuild() {
        try {
            Class.forName("org.nd4j.linalg.jcublas.JCublasBackend", false, BackendChoice.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
