package org.dcgan4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.dcgan4j.testing.EmbeddedDigits;
import org.junit.jupiter.api.Test;

class ValidationSplitTest {

    @Test
    void theSeedFixesTheImagesAndAnotherSeedDrawsOthers() {
        int[] a = ValidationSplit.indices(9000, 900, 3);
        assertThat(ValidationSplit.indices(9000, 900, 3)).containsExactly(a);
        int[] b = ValidationSplit.indices(9000, 900, 4);
        assertThat(b).isNotEqualTo(a);
        // Two independent draws of 10% share about 10% of their images, not most of them.
        long shared = Arrays.stream(a).filter(i -> Arrays.binarySearch(b, i) >= 0).count();
        assertThat(shared).isBetween(30L, 180L);
    }

    @Test
    void indicesAreDistinctAscendingAndInRange() {
        int[] chosen = ValidationSplit.indices(9000, 900, 7);
        assertThat(chosen).hasSize(900).isSorted().doesNotHaveDuplicates();
        assertThat(chosen[0]).isGreaterThanOrEqualTo(0);
        assertThat(chosen[899]).isLessThan(9000);
        // Spread over the whole set, not its first images.
        assertThat(chosen[899]).isGreaterThan(8000);
        assertThat(ValidationSplit.indices(5, 5, 1)).containsExactly(0, 1, 2, 3, 4);
    }

    @Test
    void theSplitHoldsTheTrainingImagesAndLabelsAtThoseIndices() {
        DigitDataset train = EmbeddedDigits.train();
        DigitDataset validation = ValidationSplit.of(train, 100, 3);
        int[] chosen = ValidationSplit.indices(train.size(), 100, 3);
        assertThat(validation.size()).isEqualTo(100);
        assertThat(validation.source()).startsWith("validation: 100 images of ").endsWith("seed 3");
        int pixels = train.height() * train.width();
        for (int i : List.of(0, 37, 99)) {
            assertThat(validation.label(i)).isEqualTo(train.label(chosen[i]));
            for (int p = 0; p < pixels; p += 29) {
                assertThat(validation.pixel(i, p)).isEqualTo(train.pixel(chosen[i], p));
            }
        }
    }

    @Test
    void sizeIsATenthOfSmallSetsAndAtMostAThousand() {
        assertThat(ValidationSplit.sizeFor(60_000)).isEqualTo(1000);
        assertThat(ValidationSplit.sizeFor(9_000)).isEqualTo(900);
        assertThatThrownBy(() -> ValidationSplit.indices(10, 11, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("11 images from 10");
    }
}
