package org.dcgan4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dcgan4j.checkpoint.CheckpointStore;
import org.dcgan4j.checkpoint.CorruptCheckpointException;
import org.dcgan4j.model.Architecture;
import org.dcgan4j.model.ClassConditioning;
import org.dcgan4j.train.TrainingConfig;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A generator found from what the user points at: a run folder (its newest valid checkpoint),
 * a folder of checkpoints (a run's best/), a checkpoint folder, or a generator zip.
 *
 * @param generator  the network, for inference
 * @param checkpoint the checkpoint folder it came from, or null for a bare zip
 * @param config     the run's config, or null for a bare zip
 */
record GeneratorSource(MultiLayerNetwork generator, Path checkpoint, TrainingConfig config) {

    private static final Logger LOG = LoggerFactory.getLogger(GeneratorSource.class);

    /** @param preferAverage use G's moving average when the checkpoint has one (the default of the commands) */
    static GeneratorSource load(Path from, boolean preferAverage) throws IOException {
        if (Files.isRegularFile(from)) {
            try {
                return new GeneratorSource(ModelSerializer.restoreMultiLayerNetwork(from.toFile(), false), null, null);
            } catch (IOException | RuntimeException e) {
                throw new UserError(from + ": not a readable DL4J model zip (" + e.getMessage() + ")");
            }
        }
        if (Files.isRegularFile(from.resolve(CheckpointStore.MANIFEST))) {
            try {
                return of(from, CheckpointStore.loadGenerator(from, preferAverage));
            } catch (CorruptCheckpointException e) {
                throw new UserError(e.getMessage());
            }
        }
        RunLayout run = new RunLayout(from);
        // A run folder, or a folder of checkpoints such as a run's best/.
        Path store = Files.isDirectory(run.checkpoints()) ? run.checkpoints()
                : Files.isRegularFile(from.resolve(CheckpointStore.LATEST)) ? from : null;
        if (store != null) {
            for (Path checkpoint : new CheckpointStore(store, 1).list()) {
                try {
                    return of(checkpoint, CheckpointStore.loadGenerator(checkpoint, preferAverage));
                } catch (CorruptCheckpointException e) {
                    LOG.warn("skipping checkpoint {}", e.getMessage());
                }
            }
            throw new UserError(from + ": no valid checkpoint in " + store);
        }
        if (!Files.exists(from)) {
            throw new UserError(from + ": does not exist");
        }
        throw new UserError(from + ": not a run folder, a checkpoint folder or a generator zip");
    }

    private static GeneratorSource of(Path checkpoint, CheckpointStore.GeneratorOnly g) {
        LOG.info("{} from {}", g.averaged() ? "moving average of G" : "generator (raw G)", checkpoint);
        return new GeneratorSource(g.generator(), checkpoint, g.state().config());
    }

    /** Length of the noise vector the generator takes. */
    int latentSize() {
        return (int) ((FeedForwardLayer) generator.getLayer(0).conf().getLayer()).getNIn() - conditioning().classes();
    }

    /**
     * How the generator's input is built. A bare zip carries no run config and is taken as
     * unconditional; a conditional generator is used through its checkpoint.
     */
    ClassConditioning conditioning() {
        return new ClassConditioning(config == null ? Architecture.DEFAULT : config.architecture());
    }
}
