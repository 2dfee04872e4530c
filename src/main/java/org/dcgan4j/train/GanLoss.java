package org.dcgan4j.train;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Which adversarial objective a run trains with: the three terms of one iteration (D on a real
 * batch, D on a fake batch, G through D), each computed by {@link AdversarialLoss}.
 */
public enum GanLoss {

    /** Binary cross-entropy for D, the non-saturating BCE for G (the reference DCGAN; the default). */
    BCE {
        @Override
        public AdversarialLoss.Evaluation discriminatorOnReal(INDArray logits) {
            return AdversarialLoss.binaryCrossEntropy(logits, AdversarialLoss.REAL);
        }

        @Override
        public AdversarialLoss.Evaluation discriminatorOnFake(INDArray logits) {
            return AdversarialLoss.binaryCrossEntropy(logits, AdversarialLoss.FAKE);
        }

        @Override
        public AdversarialLoss.Evaluation generator(INDArray logits) {
            return AdversarialLoss.binaryCrossEntropy(logits, AdversarialLoss.REAL);
        }
    },

    /** Hinge loss (Lim and Ye; Miyato et al.'s SN-GAN): D relu(1 - l) on real, relu(1 + l) on fake; G -l. */
    HINGE {
        @Override
        public AdversarialLoss.Evaluation discriminatorOnReal(INDArray logits) {
            return AdversarialLoss.hinge(logits, AdversarialLoss.REAL);
        }

        @Override
        public AdversarialLoss.Evaluation discriminatorOnFake(INDArray logits) {
            return AdversarialLoss.hinge(logits, AdversarialLoss.FAKE);
        }

        @Override
        public AdversarialLoss.Evaluation generator(INDArray logits) {
            return AdversarialLoss.negatedLogit(logits);
        }
    };

    /** D's loss on a batch of training images. */
    public abstract AdversarialLoss.Evaluation discriminatorOnReal(INDArray logits);

    /** D's loss on a batch of generated images. */
    public abstract AdversarialLoss.Evaluation discriminatorOnFake(INDArray logits);

    /** G's loss on D's logits of its images (D is only read). */
    public abstract AdversarialLoss.Evaluation generator(INDArray logits);
}
