package org.dcgan4j.model;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.nd4j.linalg.api.buffer.DataType;

/** What G and D share before their layers: seed, data type, Adam, DCGAN init, workspaces. */
final class DcganNetworkDefaults {

    private DcganNetworkDefaults() {
    }

    static NeuralNetConfiguration.ListBuilder list(AdamSettings adam, long seed, DataType dataType) {
        return new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(dataType)
                .updater(adam.updater())
                // DCGAN paper: all weights from N(0, 0.02).
                .weightInit(new NormalDistribution(0, 0.02))
                .trainingWorkspaceMode(WorkspaceMode.ENABLED)
                .inferenceWorkspaceMode(WorkspaceMode.ENABLED)
                // Explicit padding everywhere; no "same" arithmetic.
                .convolutionMode(ConvolutionMode.Truncate)
                .list();
    }
}
