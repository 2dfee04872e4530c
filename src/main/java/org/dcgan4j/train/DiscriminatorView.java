package org.dcgan4j.train;

import java.util.function.UnaryOperator;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What D sees of a batch of images (instance noise added, an augmentation applied), and how an
 * error at what D saw flows back to the images: G learns through D's view of its fakes.
 */
public interface DiscriminatorView {

    /** D sees the fakes themselves. */
    DiscriminatorView IDENTITY = of(fakes -> fakes, error -> error);

    /** D's view of {@code fakes} [N, C, H, W]: a new array, or {@code fakes} itself. */
    INDArray seen(INDArray fakes);

    /** The error at the fakes for {@code errorAtSeen}, the error at what {@link #seen} returned: a new array, or the argument itself. */
    INDArray errorAtFakes(INDArray errorAtSeen);

    /** Noise added to what D sees; the error passes through a sum unchanged. */
    static DiscriminatorView adding(INDArray noise) {
        return of(fakes -> fakes.add(noise), error -> error);
    }

    /** The view that {@code seen} computes, with {@code errorAtFakes} carrying the error back. */
    static DiscriminatorView of(UnaryOperator<INDArray> seen, UnaryOperator<INDArray> errorAtFakes) {
        return new DiscriminatorView() {
            @Override
            public INDArray seen(INDArray fakes) {
                return seen.apply(fakes);
            }

            @Override
            public INDArray errorAtFakes(INDArray errorAtSeen) {
                return errorAtFakes.apply(errorAtSeen);
            }
        };
    }

    /** This view, then {@code next} on its result; the error flows back through both in reverse. */
    default DiscriminatorView then(DiscriminatorView next) {
        DiscriminatorView first = this;
        return of(fakes -> {
            INDArray middle = first.seen(fakes);
            INDArray last = next.seen(middle);
            if (middle != fakes && middle != last) {
                StepArrays.free(new java.util.ArrayList<>(java.util.List.of(middle)));
            }
            return last;
        }, errorAtSeen -> {
            INDArray middle = next.errorAtFakes(errorAtSeen);
            INDArray last = first.errorAtFakes(middle);
            if (middle != errorAtSeen && middle != last) {
                StepArrays.free(new java.util.ArrayList<>(java.util.List.of(middle)));
            }
            return last;
        });
    }
}
