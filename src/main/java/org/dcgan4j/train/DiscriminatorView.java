package org.dcgan4j.train;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What D sees of a batch of images (instance noise added, an augmentation applied), and how an
 * error at what D saw flows back to the images: G learns through D's view of its fakes.
 */
public interface DiscriminatorView {

    /** D sees the fakes themselves. */
    DiscriminatorView IDENTITY = new DiscriminatorView() {
        @Override
        public INDArray seen(INDArray fakes) {
            return fakes;
        }

        @Override
        public INDArray errorAtFakes(INDArray errorAtSeen) {
            return errorAtSeen;
        }
    };

    /** D's view of {@code fakes} [N, C, H, W]: a new array, or {@code fakes} itself. */
    INDArray seen(INDArray fakes);

    /** The error at the fakes for {@code errorAtSeen}, the error at what {@link #seen} returned: a new array, or the argument itself. */
    INDArray errorAtFakes(INDArray errorAtSeen);

    /** Noise added to what D sees; the error passes through a sum unchanged. */
    static DiscriminatorView adding(INDArray noise) {
        return new DiscriminatorView() {
            @Override
            public INDArray seen(INDArray fakes) {
                return fakes.add(noise);
            }

            @Override
            public INDArray errorAtFakes(INDArray errorAtSeen) {
                return errorAtSeen;
            }
        };
    }

    /** This view, then {@code next} on its result; the error flows back through both in reverse. */
    default DiscriminatorView then(DiscriminatorView next) {
        DiscriminatorView first = this;
        return new DiscriminatorView() {
            @Override
            public INDArray seen(INDArray fakes) {
                INDArray middle = first.seen(fakes);
                INDArray last = next.seen(middle);
                if (middle != fakes && middle != last) {
                    StepArrays.free(new java.util.ArrayList<>(java.util.List.of(middle)));
                }
                return last;
            }

            @Override
            public INDArray errorAtFakes(INDArray errorAtSeen) {
                INDArray middle = next.errorAtFakes(errorAtSeen);
                INDArray last = first.errorAtFakes(middle);
                if (middle != errorAtSeen && middle != last) {
                    StepArrays.free(new java.util.ArrayList<>(java.util.List.of(middle)));
                }
                return last;
            }
        };
    }
}
