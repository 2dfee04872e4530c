package org.nd4j.nativeblas;

/**
 * Compatibility shim for a DL4J 1.0.0-M2.1 bug: its oneDNN layer helpers
 * ({@code BaseMKLDNNHelper.mklDnnEnabled()}) look up this class name by reflection and call
 * {@code getInstance().isUseMKLDNN()}, but M2.1 moved the class to
 * {@code org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu.Environment} and renamed the method
 * {@code isUseONEDNN()}. Without this class every ConvolutionLayer and BatchNormalization
 * helper is null and convolutions run as Java-side im2col + GEMM even with the {@code -onednn}
 * natives. It answers with the real environment's flag, so helpers switch on only when the
 * loaded natives have oneDNN (the {@code -onednn*} classifiers of nd4j-native).
 */
@SuppressWarnings("checkstyle:TypeName")
public final class Nd4jCpu$Environment {

    private static final Nd4jCpu$Environment INSTANCE = new Nd4jCpu$Environment();

    private Nd4jCpu$Environment() {
    }

    public static Nd4jCpu$Environment getInstance() {
        return INSTANCE;
    }

    /** Whether the loaded libnd4j was built with oneDNN and allows it. */
    public boolean isUseMKLDNN() {
        try {
            Class<?> real = Class.forName("org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment");
            Object env = real.getMethod("getInstance").invoke(null);
            return (Boolean) real.getMethod("isUseONEDNN").invoke(env);
        } catch (ReflectiveOperationException | LinkageError e) {
            return false;
        }
    }
}
