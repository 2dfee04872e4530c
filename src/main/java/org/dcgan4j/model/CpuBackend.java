package org.dcgan4j.model;

import org.nd4j.linalg.factory.Nd4j;

/** Whether ND4J runs on its CPU backend (loading the backend if it has not loaded yet). */
final class CpuBackend {

    private CpuBackend() {
    }

    static boolean active() {
        return "CPU".equalsIgnoreCase(Nd4j.getExecutioner().getEnvironmentInformation().getProperty("backend"));
    }
}
