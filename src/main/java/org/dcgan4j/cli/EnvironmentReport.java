package org.dcgan4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.bytedeco.javacpp.Pointer;
import org.dcgan4j.model.LayerHelpers;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The lines logged at the start of every run: backend, device (GPU name and compute
 * capability, or CPU model and vector instruction sets), threads, data type, workspace mode and
 * memory limits, so that a log says on what a run's numbers were measured.
 */
final class EnvironmentReport {

    private EnvironmentReport() {
    }

    static List<String> lines() {
        List<String> out = new ArrayList<>();
        Properties env = Nd4j.getExecutioner().getEnvironmentInformation();
        String backend = String.valueOf(env.getOrDefault("backend", Nd4j.getBackend().getClass().getSimpleName()));
        out.add("backend: " + backend + " (" + Nd4j.getBackend().getClass().getSimpleName() + "), ND4J data type "
                + Nd4j.dataType() + ", workspaces ENABLED for training and inference");
        if (BackendChoice.cudaBuild()) {
            BackendChoice.Query q = BackendChoice.query(BackendChoice.nvidiaSmi());
            out.add("device: " + (q.gpus().isEmpty() ? "unknown (" + q.problem() + ")" : q.gpus().get(0).describe()));
        } else {
            out.add("device: " + cpuDescription());
        }
        out.add(String.format(Locale.ROOT, "threads: %s ND4J/OpenMP, %s BLAS, %d cores visible to the JVM",
                env.getOrDefault("omp.threads", "?"), env.getOrDefault("blas.threads", "?"),
                Runtime.getRuntime().availableProcessors()));
        out.add(String.format(Locale.ROOT, "memory: heap max %d MB; off-heap limit %d MB (maxbytes), %d MB process (maxphysicalbytes)",
                Runtime.getRuntime().maxMemory() >> 20, Pointer.maxBytes() >> 20, Pointer.maxPhysicalBytes() >> 20));
        out.add("natives: oneDNN " + (LayerHelpers.nativesHaveOneDnn() ? "built in" : "absent")
                + "; DL4J native layer helpers " + (LayerHelpers.enabled() ? "on" : "off"));
        return out;
    }

    /** "AMD EPYC (avx2, avx512f, fma)" from /proc/cpuinfo, or the OS architecture. */
    static String cpuDescription() {
        try {
            String model = null;
            String flags = "";
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (model == null && line.startsWith("model name")) {
                    model = line.substring(line.indexOf(':') + 1).trim();
                } else if (flags.isEmpty() && line.startsWith("flags")) {
                    flags = " " + line.substring(line.indexOf(':') + 1).trim() + " ";
                }
            }
            List<String> isa = new ArrayList<>();
            for (String f : new String[] {"avx", "avx2", "fma", "avx512f", "avx512bw", "avx512_vnni", "amx_tile"}) {
                if (flags.contains(" " + f + " ")) {
                    isa.add(f);
                }
            }
            return (model == null ? System.getProperty("os.arch") : model) + " (" + String.join(", ", isa) + ")";
        } catch (IOException e) {
            return System.getProperty("os.arch");
        }
    }
}
