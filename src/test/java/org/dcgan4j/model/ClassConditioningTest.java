package org.dcgan4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ClassConditioningTest {

    private final Architecture arch = new Architecture(6, 4, 4, 10);
    private final ClassConditioning conditioning = new ClassConditioning(arch);

    @Test
    void generatorInputIsNoiseThenOneHot() {
        INDArray noise = Nd4j.rand(3, 6);
        INDArray input = conditioning.generatorInput(noise, new int[] {7, 0, 9});
        assertThat(input.shape()).containsExactly(3, 16);
        assertThat(input.getColumns(0, 1, 2, 3, 4, 5)).isEqualTo(noise);
        assertThat(input.getDouble(0, 6 + 7)).isEqualTo(1.0);
        assertThat(input.getDouble(1, 6)).isEqualTo(1.0);
        assertThat(input.getDouble(2, 6 + 9)).isEqualTo(1.0);
        assertThat(input.sumNumber().doubleValue()).isCloseTo(noise.sumNumber().doubleValue() + 3, org.assertj.core.data.Offset.offset(1e-4));
    }

    @Test
    void discriminatorSeesTheImageThenOnePlanePerClass() {
        INDArray images = Nd4j.rand(2, 1, 28, 28);
        INDArray input = conditioning.discriminatorInput(images, conditioning.oneHot(new int[] {3, 5}));
        assertThat(input.shape()).containsExactly(2, 11, 28, 28);
        assertThat(conditioning.imageGradient(input)).isEqualTo(images);
        // Image 0 is class 3: channel 1 + 3 is all ones, the other label planes all zeros.
        assertThat(input.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0),
                org.nd4j.linalg.indexing.NDArrayIndex.point(4)).minNumber().doubleValue()).isEqualTo(1.0);
        assertThat(input.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(1, 11)).sumNumber().doubleValue()).isEqualTo(784.0);
        assertThat(input.get(org.nd4j.linalg.indexing.NDArrayIndex.point(1),
                org.nd4j.linalg.indexing.NDArrayIndex.point(6)).minNumber().doubleValue()).isEqualTo(1.0);
    }

    @Test
    void everyValueOfTheDiscriminatorInputIsThePixelOrTheLabel() {
        int n = 5;
        INDArray images = Nd4j.rand(n, 1, 7, 6).subi(0.5);
        int[] labels = {9, 0, 4, 4, 7};
        INDArray input = conditioning.discriminatorInput(images, conditioning.oneHot(labels));
        assertThat(input.shape()).containsExactly(n, 11, 7, 6);
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < 11; c++) {
                for (int y = 0; y < 7; y++) {
                    for (int x = 0; x < 6; x++) {
                        double expected = c == 0 ? images.getDouble(i, 0, y, x) : (c - 1 == labels[i] ? 1.0 : 0.0);
                        assertThat(input.getDouble(i, c, y, x)).as("sample %d plane %d (%d, %d)", i, c, y, x).isEqualTo(expected);
                    }
                }
            }
        }
    }

    @Test
    void networksTakeTheConditionedShapes() {
        MultiLayerNetwork g = GeneratorFactory.create(arch, AdamSettings.DCGAN, 1);
        MultiLayerNetwork d = DiscriminatorFactory.create(arch, AdamSettings.DCGAN, 2);
        int[] labels = conditioning.everyClassInTurn(4);
        assertThat(labels).containsExactly(0, 1, 2, 3);
        INDArray images = g.output(conditioning.generatorInput(Nd4j.randn(4, 6), labels), false);
        assertThat(images.shape()).containsExactly(4, 1, 28, 28);
        INDArray logits = d.output(conditioning.discriminatorInput(images, conditioning.oneHot(labels)), false);
        assertThat(logits.shape()).containsExactly(4, 1);
    }

    @Test
    void unconditionalLeavesInputsAloneAndRejectsBadClasses() {
        ClassConditioning none = new ClassConditioning(new Architecture(6, 4, 4));
        INDArray noise = Nd4j.rand(2, 6);
        assertThat(none.generatorInput(noise, (int[]) null)).isSameAs(noise);
        assertThat(none.everyClassInTurn(5)).isNull();
        assertThatThrownBy(() -> conditioning.oneHot(new int[] {10})).hasMessageContaining("class 10 is not in [0, 10)");
        assertThatThrownBy(() -> new Architecture(6, 4, 4, 1)).hasMessageContaining("at least 2");
    }

    @Test
    void architecturesWrittenBeforeConditionalRunsReadAsUnconditional() throws Exception {
        Architecture old = new ObjectMapper().readValue(
                "{\"latentSize\":100,\"generatorWidth\":64,\"discriminatorWidth\":64}", Architecture.class);
        assertThat(old).isEqualTo(Architecture.DEFAULT);
        assertThat(old.conditional()).isFalse();
        String json = new ObjectMapper().writeValueAsString(arch);
        assertThat(new ObjectMapper().readValue(json, Architecture.class)).isEqualTo(arch);
    }
}
