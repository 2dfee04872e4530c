package org.dcgan4j.train;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/** Whether a network's parameters are all finite: one reduction, NaN or Inf anywhere makes the sum non-finite. */
public final class ParameterCheck {

    private ParameterCheck() {
    }

    public static boolean allFinite(MultiLayerNetwork net) {
        return Double.isFinite(net.params().sumNumber().doubleValue());
    }
}
