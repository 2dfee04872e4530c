package org.dcgan4j.model;

import org.nd4j.linalg.factory.Nd4j;

/**
 * Sets how many threads OpenBLAS may use for ND4J's matrix products on the CPU backend.
 *
 * <p>One by default: in this model GEMM is a few percent of a step (the convolutions run in
 * oneDNN on OpenMP threads), but an idle OpenBLAS worker keeps spinning after every call and
 * takes a core from the OpenMP threads. On 2 cores one BLAS thread made the training step about
 * 25% faster at batch 64 and 15% at batch 256 ({@code scripts/bench.sh}). The system property
 * {@value #USER_SWITCH} sets another count.
 */
public final class BlasThreads {

    /** System property: BLAS threads (default 1). */
    public static final String USER_SWITCH = "dcgan4j.blasThreads";

    private BlasThreads() {
    }

    /**
     * Applies the count on the CPU backend (CUDA has no OpenBLAS); call after the backend loads.
     *
     * @return the count now set, or 0 when not on the CPU backend
     * @throws IllegalArgumentException when the property is not a positive integer
     */
    public static int configure() {
        String asked = System.getProperty(USER_SWITCH, "1");
        int threads;
        try {
            threads = Integer.parseInt(asked.trim());
        } catch (NumberFormatException e) {
            threads = 0;
        }
        if (threads < 1) {
            throw new IllegalArgumentException("-D" + USER_SWITCH + " must be a positive integer, got '" + asked + "'");
        }
        if (!CpuBackend.active()) {
            return 0;
        }
        Nd4j.factory().blas().setMaxThreads(threads);
        return threads;
    }
}
