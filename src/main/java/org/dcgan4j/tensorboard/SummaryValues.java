package org.dcgan4j.tensorboard;

import com.google.protobuf.ByteString;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import javax.imageio.ImageIO;
import org.dcgan4j.tensorboard.proto.DataType;
import org.dcgan4j.tensorboard.proto.Summary;
import org.dcgan4j.tensorboard.proto.SummaryMetadata;
import org.dcgan4j.tensorboard.proto.TensorProto;
import org.dcgan4j.tensorboard.proto.TensorShapeProto;

/** The three kinds of TensorBoard summary values a run writes: scalars, PNG images and text. */
final class SummaryValues {

    /** TensorBoard's text plugin reads string tensors tagged with this plugin name (as markdown). */
    static final String TEXT_PLUGIN = "text";
    /** Summary.Image colorspace of a one-channel image. */
    private static final int GRAYSCALE = 1;

    private SummaryValues() {
    }

    /** A scalar; TensorBoard stores it as a 32-bit float. */
    static Summary.Value scalar(String tag, double value) {
        return Summary.Value.newBuilder().setTag(tag).setSimpleValue((float) value).build();
    }

    /** A grayscale image, PNG-encoded. */
    static Summary.Value image(String tag, BufferedImage image) throws IOException {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        if (!ImageIO.write(image, "png", png)) {
            throw new IOException("no PNG writer available");
        }
        return Summary.Value.newBuilder().setTag(tag).setImage(Summary.Image.newBuilder()
                .setHeight(image.getHeight()).setWidth(image.getWidth()).setColorspace(GRAYSCALE)
                .setEncodedImageString(ByteString.copyFrom(png.toByteArray()))).build();
    }

    /** Markdown text: a scalar string tensor for the text plugin. */
    static Summary.Value text(String tag, String markdown) {
        return Summary.Value.newBuilder().setTag(tag)
                .setMetadata(SummaryMetadata.newBuilder().setPluginData(
                        SummaryMetadata.PluginData.newBuilder().setPluginName(TEXT_PLUGIN)))
                .setTensor(TensorProto.newBuilder().setDtype(DataType.DT_STRING)
                        .setTensorShape(TensorShapeProto.getDefaultInstance())
                        .addStringVal(ByteString.copyFrom(markdown, StandardCharsets.UTF_8)))
                .build();
    }
}
