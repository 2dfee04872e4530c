package org.dcgan4j.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.dcgan4j.train.GanModels;
import org.dcgan4j.train.PeriodicListener;
import org.dcgan4j.train.TrainingProgress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes {@code samples/iter-NNNNNN.png} every {@code every} iterations and at the end of a run,
 * from the moving average of G ({@link org.dcgan4j.train.GeneratorEma}).
 */
public final class SampleGridListener extends PeriodicListener {

    private static final Logger LOG = LoggerFactory.getLogger(SampleGridListener.class);

    private final Path samplesDir;
    private final FixedNoiseGrid grid;

    public SampleGridListener(Path samplesDir, FixedNoiseGrid grid, long every) {
        super(every);
        this.samplesDir = samplesDir;
        this.grid = grid;
    }

    public static Path fileFor(Path samplesDir, long iteration) {
        return samplesDir.resolve(String.format("iter-%06d.png", iteration));
    }

    @Override
    protected void act(GanModels models, TrainingProgress progress) {
        Path file = fileFor(samplesDir, progress.iteration());
        try {
            ImageGrid.writePng(grid.render(models.generatorEma()), file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write sample grid " + file + ": " + e.getMessage(), e);
        }
        LOG.info("sample grid {}", file);
    }
}
