package org.dcgan4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DigitDatasetLoaderTest {

    @TempDir
    Path dir;

    @Test
    void folderWithTrainAndTestPicksTheAskedSplit() throws Exception {
        IdxTestFiles.mnistFolder(dir, 30, 12);
        DigitDataset train = DigitDatasetLoader.load(dir, DataSplit.TRAIN);
        DigitDataset test = DigitDatasetLoader.load(dir, DataSplit.TEST);
        assertThat(train.size()).isEqualTo(30);
        assertThat(test.size()).isEqualTo(12);
        assertThat(train.hasLabels()).isTrue();
        assertThat(train.label(13)).isEqualTo(3);
        assertThat(train.numClasses()).isEqualTo(10);
        assertThat(train.pixel(7, 5)).isEqualTo(IdxTestFiles.expectedPixel(7, 5));
        assertThat(train.source()).contains("train-images-idx3-ubyte.gz").contains("train-labels-idx1-ubyte.gz");
    }

    @Test
    void singleImagesFileFindsItsLabelsBeside() throws Exception {
        IdxTestFiles.mnistFolder(dir, 20, 10);
        DigitDataset data = DigitDatasetLoader.load(dir.resolve("t10k-images-idx3-ubyte.gz"), DataSplit.TRAIN);
        assertThat(data.size()).isEqualTo(10);
        assertThat(data.hasLabels()).isTrue();
    }

    @Test
    void testSplitWithoutTestSetIsAnError() throws Exception {
        IdxTestFiles.write(dir.resolve("train-images-idx3-ubyte"), IdxTestFiles.images(5, 28, 28));
        assertThatThrownBy(() -> DigitDatasetLoader.load(dir, DataSplit.TEST))
                .isInstanceOf(BadDataException.class).hasMessageContaining("has no test set");
    }

    @Test
    void missingPathAndEmptyFolderAreNamed() throws Exception {
        Path missing = dir.resolve("nope");
        assertThatThrownBy(() -> DigitDatasetLoader.load(missing, DataSplit.TRAIN))
                .isInstanceOf(BadDataException.class).hasMessage(missing + ": does not exist");
        Path empty = Files.createDirectory(dir.resolve("empty"));
        assertThatThrownBy(() -> DigitDatasetLoader.load(empty, DataSplit.TRAIN))
                .isInstanceOf(BadDataException.class).hasMessage(empty
                        + ": no IDX images file (*-images-idx3-ubyte[.gz]) and no PNG/JPEG images found");
    }

    @Test
    void imagesWithOtherSizesThanTheModelTakesAreRefused() throws Exception {
        Path f = IdxTestFiles.write(dir.resolve("big-images-idx3-ubyte"), IdxTestFiles.images(2, 32, 32));
        assertThatThrownBy(() -> DigitDatasetLoader.load(f, DataSplit.TRAIN))
                .isInstanceOf(BadDataException.class).hasMessage(f + ": images are 32x32, the model takes 28x28");
    }

    @Test
    void imageFolderUsesSubFoldersAsLabelsAndConvertsColourAndSize() throws Exception {
        writeGray(dir.resolve("3/a.png"), 200);
        writeGray(dir.resolve("3/b.png"), 100);
        BufferedImage rgb = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 32; x++) {
                rgb.setRGB(x, y, new Color(255, 255, 255).getRGB());
            }
        }
        Files.createDirectories(dir.resolve("7"));
        ImageIO.write(rgb, "png", dir.resolve("7/c.png").toFile());

        DigitDataset data = DigitDatasetLoader.load(dir, DataSplit.TRAIN);

        assertThat(data.size()).isEqualTo(3);
        assertThat(data.labelNames()).containsExactly("3", "7");
        assertThat(data.label(0)).isZero();
        assertThat(data.label(2)).isEqualTo(1);
        assertThat(data.pixel(0, 10)).isEqualTo(200);
        assertThat(data.pixel(1, 10)).isEqualTo(100);
        assertThat(data.pixel(2, 400)).isEqualTo(255); // white RGB stays full ink after conversion
        assertThat(data.notes()).contains("1 colour images were converted to grayscale")
                .anyMatch(n -> n.startsWith("1 images were resized to 28x28 (original sizes {32x32=1})"));
    }

    @Test
    void imagesInTheRootFolderHaveNoLabels() throws Exception {
        writeGray(dir.resolve("a.png"), 50);
        DigitDataset data = DigitDatasetLoader.load(dir, DataSplit.TRAIN);
        assertThat(data.hasLabels()).isFalse();
        assertThat(data.pixel(0, 0)).isEqualTo(50);
    }

    @Test
    void unreadableImageIsNamed() throws Exception {
        writeGray(dir.resolve("1/good.png"), 10);
        Path bad = IdxTestFiles.write(dir.resolve("1/broken.png"), new byte[] {1, 2, 3, 4});
        assertThatThrownBy(() -> DigitDatasetLoader.load(dir, DataSplit.TRAIN))
                .isInstanceOf(BadDataException.class).hasMessageStartingWith(bad + ": unreadable image");
    }

    @Test
    void embeddedDataHasNineThousandTrainingAndOneThousandTestDigitsOfAllClasses() {
        Path embedded = Path.of("data/mnist-embedded");
        DigitDataset train = DigitDatasetLoader.load(embedded, DataSplit.TRAIN);
        DigitDataset test = DigitDatasetLoader.load(embedded, DataSplit.TEST);
        assertThat(train.size()).isEqualTo(9000);
        assertThat(test.size()).isEqualTo(1000);
        int[] perClass = new int[10];
        for (int i = 0; i < test.size(); i++) {
            perClass[test.label(i)]++;
        }
        assertThat(perClass).containsOnly(100);
        assertThat(java.util.stream.IntStream.range(0, train.size()).map(train::label).distinct().count()).isEqualTo(10);
    }

    private static void writeGray(Path file, int value) throws Exception {
        BufferedImage img = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                img.getRaster().setSample(x, y, 0, value);
            }
        }
        Files.createDirectories(file.getParent());
        ImageIO.write(img, "png", file.toFile());
    }
}
