package org.dcgan4j.model;

import java.util.Arrays;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Switches DL4J's native layer helpers (oneDNN on the CPU: convolution, batch normalization)
 * on or off for networks built afterwards. DL4J 1.0.0-M2.1 ships them disabled (the system
 * property {@value #DISABLE_PROPERTY} defaults to true) and, even when allowed, never finds
 * them without the {@code org.nd4j.nativeblas.Nd4jCpu$Environment} shim in this project.
 */
public final class LayerHelpers {

    public static final String DISABLE_PROPERTY = "org.eclipse.deeplearning4j.helpers.disable";
    /** Set to false to keep DL4J's Java implementation of every layer. */
    public static final String USER_SWITCH = "dcgan4j.layerHelpers";

    private LayerHelpers() {
    }

    /** Affects networks created after the call. */
    public static void enable(boolean on) {
        System.setProperty(DISABLE_PROPERTY, String.valueOf(!on));
        Nd4j.getEnvironment().allowHelpers(on);
    }

    /**
     * Turns the helpers on when they pay off: on the CPU backend with natives built with oneDNN
     * (the {@code linux-x86_64-onednn} classifier this project uses); there they make a training
     * step about 2.5x faster. Without oneDNN they are slower than DL4J's Java path, and on CUDA
     * M2.1 has no DL4J layer helpers (cuDNN is used inside the native ops). The system
     * property {@value #USER_SWITCH}=false turns them off regardless.
     *
     * @return whether helpers are now on
     */
    public static boolean configure() {
        boolean on = preferred();
        enable(on);
        return on;
    }

    /** What {@link #configure} chooses here, without switching anything. */
    public static boolean preferred() {
        boolean wanted = Boolean.parseBoolean(System.getProperty(USER_SWITCH, "true"));
        // The backend first: it loads the natives; NativeOpsHolder alone cannot.
        return wanted && CpuBackend.active() && nativesHaveOneDnn();
    }

    /** Whether the loaded libnd4j was built with oneDNN. */
    public static boolean nativesHaveOneDnn() {
        try {
            return org.nd4j.nativeblas.NativeOpsHolder.getInstance().getDeviceNativeOps().buildInfo().contains("HAVE_ONEDNN");
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /**
     * Runs {@code work} with helpers switched {@code on} or off (networks it creates get them or
     * DL4J's Java implementation of every layer, whatever the switch said before) and puts the
     * switch back as it was afterwards. For networks whose numbers must not depend on the switch.
     * Whatever {@code work} throws passes through unchanged.
     */
    public static <T, E extends Exception> T with(boolean on, Work<T, E> work) throws E {
        String property = System.getProperty(DISABLE_PROPERTY);
        boolean allowed = Nd4j.getEnvironment().helpersAllowed();
        enable(on);
        try {
            return work.get();
        } finally {
            if (property == null) {
                System.clearProperty(DISABLE_PROPERTY);
            } else {
                System.setProperty(DISABLE_PROPERTY, property);
            }
            Nd4j.getEnvironment().allowHelpers(allowed);
        }
    }

    /** What {@link #with} runs: a result, or a checked exception such as an IOException. */
    @FunctionalInterface
    public interface Work<T, E extends Exception> {
        T get() throws E;
    }

    /** Whether any layer of {@code net} runs on a native helper. */
    public static boolean inUse(MultiLayerNetwork net) {
        return Arrays.stream(net.getLayers()).anyMatch(layer -> layer.getHelper() != null);
    }

    /**
     * One line for the log and the bench: whether the helpers were asked for when {@code net} was
     * built, and whether its layers really run on them. "Asked for but not loaded" is the case to
     * shout about: DL4J's helper lookup failed (as it did in M2.1 before the shim) and every
     * convolution runs on DL4J's Java path, 2-3x slower, with no error.
     */
    public static String status(MultiLayerNetwork net, boolean asked) {
        if (inUse(net)) {
            return "DL4J native layer helpers: in use (" + Arrays.stream(net.getLayers())
                    .filter(l -> l.getHelper() != null).map(l -> l.getHelper().getClass().getSimpleName())
                    .distinct().sorted().collect(java.util.stream.Collectors.joining(", ")) + ")";
        }
        if (asked) {
            return "DL4J native layer helpers: asked for but NOT loaded (DL4J's lookup through "
                    + "org.nd4j.nativeblas.Nd4jCpu$Environment answered that oneDNN is "
                    + (org.nd4j.nativeblas.Nd4jCpu$Environment.getInstance().isUseMKLDNN() ? "on" : "off")
                    + "); every layer runs on DL4J's Java path, 2-3x slower";
        }
        return "DL4J native layer helpers: off" + (CpuBackend.active() ? (nativesHaveOneDnn()
                ? " (switched off with -D" + USER_SWITCH + "=false)" : " (these natives have no oneDNN)")
                : " (none on this backend; cuDNN runs inside ND4J's ops)");
    }

    /** Whether networks created now get helpers. */
    public static boolean enabled() {
        return !Boolean.parseBoolean(System.getProperty(DISABLE_PROPERTY, "true")) && Nd4j.getEnvironment().helpersAllowed();
    }
}
