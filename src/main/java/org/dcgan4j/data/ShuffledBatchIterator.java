package org.dcgan4j.data;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Batches of a {@link DigitDataset} in a shuffled order that depends only on (seed, epoch):
 * features [batch, 1, H, W] scaled to [-1, 1] (the generator's tanh range), labels one-hot
 * when the data has them. Only full batches are served; the images left over at the end of an
 * epoch are skipped (a different set each epoch).
 *
 * <p>{@link #reset()} moves to the <em>next</em> epoch (a new order), so a training loop calls
 * it whenever {@link #hasNext()} turns false. {@link #seek} jumps to any position, which is all
 * a resumed run needs to see the same batches as an uninterrupted one.
 */
public final class ShuffledBatchIterator implements DataSetIterator {

    private final DigitDataset data;
    private final int batchSize;
    private final long seed;
    private final int[] order;
    private long epoch;
    private int batchInEpoch;
    private DataSetPreProcessor preProcessor;

    public ShuffledBatchIterator(DigitDataset data, int batchSize, long seed) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        if (data.size() < batchSize) {
            throw new IllegalArgumentException("batch size " + batchSize + " is larger than the data set ("
                    + data.size() + " images from " + data.source() + ")");
        }
        this.data = data;
        this.batchSize = batchSize;
        this.seed = seed;
        this.order = new int[data.size()];
        seek(0, 0);
    }

    /** Positions the iterator so that the next batch is batch {@code batchInEpoch} of {@code epoch}. */
    public void seek(long epoch, int batchInEpoch) {
        if (epoch < 0 || batchInEpoch < 0 || batchInEpoch > batchesPerEpoch()) {
            throw new IllegalArgumentException("no batch " + batchInEpoch + " in epoch " + epoch
                    + " (" + batchesPerEpoch() + " batches per epoch)");
        }
        this.epoch = epoch;
        this.batchInEpoch = batchInEpoch;
        shuffle(epoch);
    }

    public long epoch() {
        return epoch;
    }

    public int batchInEpoch() {
        return batchInEpoch;
    }

    public int batchesPerEpoch() {
        return data.size() / batchSize;
    }

    private void shuffle(long e) {
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Random random = new Random(seed * 1_000_003L + e);
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }

    @Override
    public boolean hasNext() {
        return batchInEpoch < batchesPerEpoch();
    }

    @Override
    public DataSet next() {
        if (!hasNext()) {
            throw new NoSuchElementException("epoch " + epoch + " is over; call reset() for the next one");
        }
        int pixels = data.height() * data.width();
        float[] features = new float[batchSize * pixels];
        float[] labels = data.hasLabels() ? new float[batchSize * data.numClasses()] : null;
        int first = batchInEpoch * batchSize;
        for (int b = 0; b < batchSize; b++) {
            int image = order[first + b];
            data.copyScaled(image, features, b * pixels);
            if (labels != null) {
                labels[b * data.numClasses() + data.label(image)] = 1f;
            }
        }
        batchInEpoch++;
        DataSet ds = new DataSet(Nd4j.create(features, new long[] {batchSize, 1, data.height(), data.width()}),
                labels == null ? null : Nd4j.create(labels, new long[] {batchSize, data.numClasses()}));
        if (preProcessor != null) {
            preProcessor.preProcess(ds);
        }
        return ds;
    }

    @Override
    public DataSet next(int num) {
        throw new UnsupportedOperationException("batch size is fixed at " + batchSize);
    }

    /**
     * A view that never ends: after the last batch of an epoch comes the first of the next.
     * This is what a prefetching wrapper should see in a training loop.
     */
    public DataSetIterator endless() {
        ShuffledBatchIterator self = this;
        return new DataSetIterator() {
            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public DataSet next() {
                if (!self.hasNext()) {
                    self.reset();
                }
                return self.next();
            }

            @Override
            public DataSet next(int num) {
                return self.next(num);
            }

            @Override
            public int inputColumns() {
                return self.inputColumns();
            }

            @Override
            public int totalOutcomes() {
                return self.totalOutcomes();
            }

            @Override
            public boolean resetSupported() {
                return false;
            }

            @Override
            public boolean asyncSupported() {
                return true;
            }

            @Override
            public void reset() {
                throw new UnsupportedOperationException("an endless iterator has no start to go back to");
            }

            @Override
            public int batch() {
                return self.batch();
            }

            @Override
            public void setPreProcessor(DataSetPreProcessor p) {
                self.setPreProcessor(p);
            }

            @Override
            public DataSetPreProcessor getPreProcessor() {
                return self.getPreProcessor();
            }

            @Override
            public List<String> getLabels() {
                return self.getLabels();
            }
        };
    }

    /** Starts the next epoch, in a new order. */
    @Override
    public void reset() {
        seek(epoch + 1, 0);
    }

    @Override
    public int inputColumns() {
        return data.height() * data.width();
    }

    @Override
    public int totalOutcomes() {
        return data.numClasses();
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    @Override
    public boolean asyncSupported() {
        return true;
    }

    @Override
    public int batch() {
        return batchSize;
    }

    @Override
    public void setPreProcessor(DataSetPreProcessor preProcessor) {
        this.preProcessor = preProcessor;
    }

    @Override
    public DataSetPreProcessor getPreProcessor() {
        return preProcessor;
    }

    @Override
    public List<String> getLabels() {
        return data.labelNames();
    }
}
