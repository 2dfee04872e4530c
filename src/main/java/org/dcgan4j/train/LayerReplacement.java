package org.dcgan4j.train;

import java.util.function.Function;
import java.util.function.Predicate;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Puts another implementation of a layer into a live network, in the place of DL4J's, sharing the
 * original's parameter and gradient memory; the configuration (and so every checkpoint) stays as
 * it was. Used for layers whose backward pass skips work that DL4J's would waste.
 */
final class LayerReplacement {

    private LayerReplacement() {
    }

    /** Replaces every layer of {@code net} that {@code eligible} accepts with {@code replacement}'s. */
    static void replaceIn(MultiLayerNetwork net, Predicate<Layer> eligible, Function<Layer, Layer> replacement) {
        Layer[] layers = net.getLayers();
        for (int i = 0; i < layers.length; i++) {
            if (eligible.test(layers[i])) {
                layers[i] = replacement.apply(layers[i]);
            }
        }
    }

    /**
     * Gives {@code replacement} the listeners, index, parameters and gradient views of
     * {@code original}. DL4J creates the gradient views on the first backward pass: a layer
     * replaced before it gets them from the network then, like any other.
     */
    static void shareState(Layer original, Layer replacement) {
        replacement.setListeners(original.getListeners());
        replacement.setIndex(original.getIndex());
        replacement.setParamsViewArray(original.params());
        replacement.setParamTable(original.paramTable());
        if (original.getGradientsViewArray() != null) {
            replacement.setBackpropGradientsViewArray(original.getGradientsViewArray());
        }
    }
}
