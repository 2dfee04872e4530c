package org.dcgan4j.train;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.BaseBroadcastOp;
import org.nd4j.linalg.api.ops.BaseScalarOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastCopyOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastSubOp;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarAdd;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMultiplication;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarSubtraction;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A c-ordered NCHW activation {@code [N, C, H, W]} (or a dense {@code [N, C]} one, which DL4J hands
 * to BatchNormalization as {@code [N, C, 1, 1]}) seen so that per-channel sums and per-channel
 * scalars run over contiguous memory.
 *
 * <p>Why: ND4J's reductions over dimensions {@code (0, 2, 3)} and broadcasts along dimension 1 walk
 * strided "tensors along a dimension" and run several times slower on these shapes than the same
 * work over contiguous rows. With {@code S = H W > 1} the activation is seen as {@code [N C, S]}:
 * a per-channel sum is a sum of each contiguous row, then of the {@code [N, C]} row sums over
 * {@code N}; a per-channel scalar is repeated {@code N} times and applied to each row (ND4J's
 * scalar op along dimension 1). A dense activation ({@code S = 1}) is seen as {@code [N, C]},
 * whose broadcasts along dimension 1 are already contiguous.
 */
final class PerChannelView {

    private final long n;
    private final long c;
    private final boolean dense;
    private final long[] viewShape;

    /** @param shape the activation's NCHW shape, or a dense {@code [N, C]} one */
    PerChannelView(long[] shape) {
        this.n = shape[0];
        this.c = shape[1];
        long spatial = 1;
        for (int i = 2; i < shape.length; i++) {
            spatial *= shape[i];
        }
        this.dense = spatial == 1;
        this.viewShape = dense ? new long[] {n, c} : new long[] {n * c, spatial};
    }

    /** Values per channel, N H W. */
    long valuesPerChannel() {
        return viewShape[0] * viewShape[1] / c;
    }

    /** {@code a}, of this view's activation shape, reshaped to the view (no copy when {@code a} is c-ordered and contiguous). */
    INDArray view(INDArray a) {
        return a.reshape('c', viewShape);
    }

    /** The per-channel sums of {@code a} (a view), shape {@code [C]}. */
    INDArray sum(INDArray a) {
        if (dense) {
            return a.sum(0);
        }
        try (INDArray rows = a.sum(1)) {
            return rows.reshape(n, c).sum(0);
        }
    }

    /** The per-channel sums of {@code a} (a view), written into {@code out}, shape {@code [C]}. */
    void sum(INDArray a, INDArray out) {
        if (dense) {
            a.sum(out, 0);
            return;
        }
        try (INDArray rows = a.sum(1)) {
            rows.reshape(n, c).sum(out, 0);
        }
    }

    /** The per-channel sums of squares of {@code a} (a view), written into {@code out}, shape {@code [C]}: no temporary of {@code a}'s size. */
    void sumOfSquares(INDArray a, INDArray out) {
        try (INDArray norms = a.norm2(dense ? 0 : 1)) {
            norms.muli(norms);
            if (dense) {
                out.assign(norms);
            } else {
                norms.reshape(n, c).sum(out, 0);
            }
        }
    }

    /** {@code out = a - perChannel}. */
    void sub(INDArray a, INDArray perChannel, INDArray out) {
        apply(a, perChannel, out, Kind.SUB);
    }

    /** {@code out = a * perChannel}. */
    void mul(INDArray a, INDArray perChannel, INDArray out) {
        apply(a, perChannel, out, Kind.MUL);
    }

    /** {@code out = a + perChannel}. */
    void add(INDArray a, INDArray perChannel, INDArray out) {
        apply(a, perChannel, out, Kind.ADD);
    }

    private enum Kind { SUB, MUL, ADD }

    private void apply(INDArray a, INDArray perChannel, INDArray out, Kind kind) {
        INDArray v = perChannel.reshape(c);
        if (dense) {
            BaseBroadcastOp op = switch (kind) {
                case SUB -> new BroadcastSubOp(a, v, out, 1);
                case MUL -> new BroadcastMulOp(a, v, out, 1);
                case ADD -> new BroadcastAddOp(a, v, out, 1);
            };
            Nd4j.exec(op);
            return;
        }
        // One scalar per row of [N C, S]: the channel's value, repeated for every sample.
        try (INDArray perRow = Nd4j.createUninitialized(v.dataType(), n, c)) {
            Nd4j.exec(new BroadcastCopyOp(perRow, v, perRow, 1));
            INDArray scalars = perRow.reshape(n * c);
            BaseScalarOp op = switch (kind) {
                case SUB -> new ScalarSubtraction(a, scalars, out, 0);
                case MUL -> new ScalarMultiplication(a, scalars, out, 0);
                case ADD -> new ScalarAdd(a, scalars, out, 0);
            };
            op.setDimension(1);
            Nd4j.exec(op);
        }
    }
}
