package org.dcgan4j.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.dcgan4j.train.GanModels;
import org.dcgan4j.train.IterationReport;
import org.dcgan4j.train.TrainingListener;
import org.dcgan4j.train.TrainingProgress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes {@code samples/iter-NNNNNN.png} every {@code every} iterations and at the end of a run. */
public final class SampleGridListener implements TrainingListener {

    private static final Logger LOG = LoggerFactory.getLogger(SampleGridListener.class);

    private final Path samplesDir;
    private final FixedNoiseGrid grid;
    private final long every;
    private long lastWritten = -1;

    public SampleGridListener(Path samplesDir, FixedNoiseGrid grid, long every) {
        this.samplesDir = samplesDir;
        this.grid = grid;
        this.every = every;
    }

    public static Path fileFor(Path samplesDir, long iteration) {
        return samplesDir.resolve(String.format("iter-%06d.png", iteration));
    }

    @Override
    public void onIteration(GanModels models, IterationReport report) {
        long it = report.progress().iteration();
        if (it % every == 0) {
            write(models, it);
        }
    }

    @Override
    public void onFinish(GanModels models, TrainingProgress progress, boolean completed) {
        if (progress.iteration() > 0 && progress.iteration() != lastWritten) {
            write(models, progress.iteration());
        }
    }

    private void write(GanModels models, long iteration) {
        Path file = fileFor(samplesDir, iteration);
        try {
            ImageGrid.writePng(grid.render(models.generator()), file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write sample grid " + file + ": " + e.getMessage(), e);
        }
        lastWritten = iteration;
        LOG.info("sample grid {}", file);
    }
}
