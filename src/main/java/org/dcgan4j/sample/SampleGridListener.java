package org.dcgan4j.sample;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dcgan4j.train.GanModels;
import org.dcgan4j.train.PeriodicListener;
import org.dcgan4j.train.TrainingProgress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes {@code samples/iter-NNNNNN.png} every {@code every} iterations and at the end of a run,
 * from the moving average of G ({@link org.dcgan4j.train.GanModels#sampler()}), and hands each grid to
 * its observers (the TensorBoard image of that step), so G renders it once.
 */
public final class SampleGridListener extends PeriodicListener {

    private static final Logger LOG = LoggerFactory.getLogger(SampleGridListener.class);

    private final Path samplesDir;
    private final FixedNoiseGrid grid;
    private final List<GridObserver> observers = new ArrayList<>();

    /** Sees each grid after its PNG is written. */
    public interface GridObserver {
        void grid(long iteration, BufferedImage grid);
    }

    public SampleGridListener(Path samplesDir, FixedNoiseGrid grid, long every) {
        super(every);
        this.samplesDir = samplesDir;
        this.grid = grid;
    }

    /** Adds an observer of every grid from now on. */
    public SampleGridListener observedBy(GridObserver observer) {
        observers.add(observer);
        return this;
    }

    public static Path fileFor(Path samplesDir, long iteration) {
        return samplesDir.resolve(String.format("iter-%06d.png", iteration));
    }

    @Override
    protected void act(GanModels models, TrainingProgress progress) {
        Path file = fileFor(samplesDir, progress.iteration());
        BufferedImage image = grid.render(models.sampler());
        try {
            ImageGrid.writePng(image, file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write sample grid " + file + ": " + e.getMessage(), e);
        }
        LOG.info("sample grid {}", file);
        for (GridObserver observer : observers) {
            observer.grid(progress.iteration(), image);
        }
    }
}
