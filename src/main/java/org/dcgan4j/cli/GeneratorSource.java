package org.dcgan4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dcgan4j.checkpoint.CheckpointStore;
import org.dcgan4j.checkpoint.CorruptCheckpointException;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Finds a generator from what the user points at: a run folder, a checkpoint folder or a zip. */
final class GeneratorSource {

    private static final Logger LOG = LoggerFactory.getLogger(GeneratorSource.class);

    private GeneratorSource() {
    }

    static MultiLayerNetwork load(Path from) throws IOException {
        if (Files.isRegularFile(from)) {
            try {
                return ModelSerializer.restoreMultiLayerNetwork(from.toFile(), false);
            } catch (IOException | RuntimeException e) {
                throw new UserError(from + ": not a readable DL4J model zip (" + e.getMessage() + ")");
            }
        }
        if (Files.isRegularFile(from.resolve(CheckpointStore.MANIFEST))) {
            try {
                return CheckpointStore.loadGenerator(from);
            } catch (CorruptCheckpointException e) {
                throw new UserError(e.getMessage());
            }
        }
        RunLayout run = new RunLayout(from);
        if (Files.isDirectory(run.checkpoints())) {
            for (Path checkpoint : new CheckpointStore(run.checkpoints(), 1).list()) {
                try {
                    MultiLayerNetwork g = CheckpointStore.loadGenerator(checkpoint);
                    LOG.info("generator from {}", checkpoint);
                    return g;
                } catch (CorruptCheckpointException e) {
                    LOG.warn("skipping checkpoint {}", e.getMessage());
                }
            }
            throw new UserError(from + ": no valid checkpoint in " + run.checkpoints());
        }
        if (!Files.exists(from)) {
            throw new UserError(from + ": does not exist");
        }
        throw new UserError(from + ": not a run folder, a checkpoint folder or a generator zip");
    }

    /** Length of the noise vector the generator takes. */
    static int latentSize(MultiLayerNetwork generator) {
        return (int) ((FeedForwardLayer) generator.getLayer(0).conf().getLayer()).getNIn();
    }
}
