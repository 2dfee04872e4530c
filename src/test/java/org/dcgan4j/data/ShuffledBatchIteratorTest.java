package org.dcgan4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.deeplearning4j.datasets.iterator.AsyncDataSetIterator;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

class ShuffledBatchIteratorTest {

    /** 20 images of 28x28; image i is filled with the value i*13 (distinct per image), label i % 10. */
    private static DigitDataset data() {
        int n = 20;
        byte[] px = new byte[n * 784];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            java.util.Arrays.fill(px, i * 784, (i + 1) * 784, (byte) (i * 13));
            labels[i] = i % 10;
        }
        return new DigitDataset(px, labels, n, 28, 28,
                List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), "test", List.of());
    }

    /** Image index recovered from the scaled pixel value. */
    private static int imageOf(INDArray features, int row) {
        float v = features.getFloat(row, 0, 0, 0);
        return Math.round((v + 1f) * 127.5f) / 13;
    }

    private static List<Integer> epochOrder(DataSetIterator it) {
        List<Integer> seen = new ArrayList<>();
        while (it.hasNext()) {
            DataSet ds = it.next();
            for (int r = 0; r < ds.getFeatures().size(0); r++) {
                seen.add(imageOf(ds.getFeatures(), r));
            }
        }
        return seen;
    }

    @Test
    void batchesHaveImageShapeScaledPixelsAndOneHotLabels() {
        ShuffledBatchIterator it = new ShuffledBatchIterator(data(), 4, 7);
        DataSet ds = it.next();
        assertThat(ds.getFeatures().shape()).containsExactly(4, 1, 28, 28);
        assertThat(ds.getLabels().shape()).containsExactly(4, 10);
        for (int r = 0; r < 4; r++) {
            int image = imageOf(ds.getFeatures(), r);
            assertThat(ds.getFeatures().getFloat(r, 0, 27, 27)).isEqualTo(image * 13 / 127.5f - 1f);
            assertThat(ds.getLabels().getRow(r).argMax().getInt(0)).isEqualTo(image % 10);
            assertThat(ds.getLabels().getRow(r).sumNumber().floatValue()).isEqualTo(1f);
        }
    }

    @Test
    void pixelScalingMapsZeroToMinusOneAndFullInkToOne() {
        byte[] px = new byte[2 * 784];
        java.util.Arrays.fill(px, 784, 2 * 784, (byte) 255);
        DigitDataset d = new DigitDataset(px, null, 2, 28, 28, List.of(), "t", List.of());
        INDArray f = new ShuffledBatchIterator(d, 2, 1).next().getFeatures();
        assertThat(f.minNumber().floatValue()).isEqualTo(-1f);
        assertThat(f.maxNumber().floatValue()).isEqualTo(1f);
    }

    @Test
    void eachEpochIsAPermutationInItsOwnOrderAndTheSeedRepeatsIt() {
        ShuffledBatchIterator it = new ShuffledBatchIterator(data(), 5, 7);
        List<Integer> first = epochOrder(it);
        it.reset();
        List<Integer> second = epochOrder(it);
        assertThat(new HashSet<>(first)).hasSize(20);
        assertThat(new HashSet<>(second)).isEqualTo(new HashSet<>(first));
        assertThat(second).isNotEqualTo(first);
        assertThat(it.epoch()).isEqualTo(1);
        assertThat(epochOrder(new ShuffledBatchIterator(data(), 5, 7))).isEqualTo(first);
        assertThat(epochOrder(new ShuffledBatchIterator(data(), 5, 8))).isNotEqualTo(first);
    }

    @Test
    void partialBatchAtTheEndIsDropped() {
        ShuffledBatchIterator it = new ShuffledBatchIterator(data(), 6, 1);
        assertThat(it.batchesPerEpoch()).isEqualTo(3);
        assertThat(epochOrder(it)).hasSize(18);
    }

    @Test
    void seekGivesTheSameBatchAsIteratingThere() {
        ShuffledBatchIterator walk = new ShuffledBatchIterator(data(), 4, 3);
        epochOrder(walk);
        walk.reset();
        walk.next();
        INDArray expected = walk.next().getFeatures();
        ShuffledBatchIterator jump = new ShuffledBatchIterator(data(), 4, 3);
        jump.seek(1, 1);
        assertThat(jump.next().getFeatures()).isEqualTo(expected);
    }

    @Test
    void endlessAsyncPrefetchYieldsTheSameBatchesAcrossEpochs() {
        ShuffledBatchIterator plain = new ShuffledBatchIterator(data(), 4, 9);
        List<Integer> expected = new ArrayList<>(epochOrder(plain));
        plain.reset();
        expected.addAll(epochOrder(plain));
        plain.reset();
        expected.addAll(epochOrder(plain));

        AsyncDataSetIterator async = new AsyncDataSetIterator(new ShuffledBatchIterator(data(), 4, 9).endless(), 2);
        try {
            List<Integer> seen = new ArrayList<>();
            for (int b = 0; b < 15; b++) {
                assertThat(async.hasNext()).isTrue();
                DataSet ds = async.next();
                assertThat(ds).as("batch %d", b).isNotNull();
                for (int r = 0; r < 4; r++) {
                    seen.add(imageOf(ds.getFeatures(), r));
                }
            }
            assertThat(seen).isEqualTo(expected);
        } finally {
            async.shutdown();
        }
    }

    @Test
    void batchLargerThanTheDataIsRefused() {
        assertThatThrownBy(() -> new ShuffledBatchIterator(data(), 21, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("larger than the data set (20 images");
    }
}
