package org.dcgan4j.selftest;

import java.util.List;

/**
 * What one backend did in the self-test: the losses of every iteration, G's output on fixed
 * noise at the end, and its pace.
 *
 * @param backend   "cpu" or "cuda" (with the device, as the environment report names it)
 * @param lossD     D's loss per iteration
 * @param lossG     G's loss per iteration
 * @param samples   G's output on the fixed noise after the last iteration, flattened
 * @param msPerStep median wall time of a step after the first few (the JIT and the device warm up)
 */
public record SelfTestResult(String backend, List<Double> lossD, List<Double> lossG, float[] samples,
                             double msPerStep, int batch) {

    public double imagesPerSecond() {
        return batch * 1000 / msPerStep;
    }
}
