package org.dcgan4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.dcgan4j.data.DataSplit;
import org.dcgan4j.data.DigitDataset;
import org.dcgan4j.data.DigitDatasetLoader;

/**
 * The real images quality is measured with: a labelled training set (the classifier learns
 * from it) and a distinct labelled held-out set (the reference), i.e. an IDX folder holding
 * train-* and t10k-* images and labels.
 *
 * @param location the folder they come from
 */
record QualityData(Path location, DigitDataset train, DigitDataset heldOut) {

    /** @param data the run's or the user's data: an IDX folder, or one of its files */
    static QualityData load(Path data) {
        Path folder = Files.isRegularFile(data) ? data.toAbsolutePath().getParent() : data;
        DigitDataset train = DigitDatasetLoader.load(folder, DataSplit.TRAIN);
        DigitDataset heldOut = DigitDatasetLoader.load(folder, DataSplit.TEST);
        if (!train.hasLabels() || !heldOut.hasLabels()) {
            throw new UserError(folder + ": quality evaluation needs labels for the training and held-out images");
        }
        if (train.contentHash().equals(heldOut.contentHash())) {
            throw new UserError(folder + ": quality evaluation needs a held-out set (t10k-* beside train-*) "
                    + "distinct from the training images");
        }
        return new QualityData(folder, train, heldOut);
    }
}
