package org.dcgan4j.model;

/**
 * The shape of the two networks: everything that must match between a checkpoint and the code
 * that loads it. Images are always 28x28x1 (MNIST format).
 *
 * @param latentSize         length of the noise vector z fed to the generator ({@link #DEFAULT_LATENT_SIZE})
 * @param generatorWidth     channels of the generator's 14x14 layer; its 7x7 layer has twice
 *                           as many ({@link #DEFAULT_WIDTH})
 * @param discriminatorWidth channels of the discriminator's 14x14 layer; its 7x7 layer has
 *                           twice as many ({@link #DEFAULT_WIDTH})
 * @param classes            0 for an unconditional GAN (default); otherwise the number of
 *                           classes of a class-conditional one, whose G takes [z, one-hot label]
 *                           and whose D sees the label as extra constant image planes. Missing in
 *                           checkpoints written before conditional runs existed, which reads as 0.
 */
public record Architecture(int latentSize, int generatorWidth, int discriminatorWidth, int classes) {

    public static final int HEIGHT = 28;
    public static final int WIDTH = 28;
    public static final int CHANNELS = 1;

    /** Noise vector length of the reference DCGAN. */
    public static final int DEFAULT_LATENT_SIZE = 100;
    /** Channels at 14x14 of the reference DCGAN's G and D (twice as many at 7x7). */
    public static final int DEFAULT_WIDTH = 64;

    /** The DCGAN of the reference implementation: G 7x7x128 then 14x14x64, D 14x14x64 then 7x7x128. */
    public static final Architecture DEFAULT = new Architecture(DEFAULT_LATENT_SIZE, DEFAULT_WIDTH, DEFAULT_WIDTH);

    /** An unconditional architecture. */
    public Architecture(int latentSize, int generatorWidth, int discriminatorWidth) {
        this(latentSize, generatorWidth, discriminatorWidth, 0);
    }

    public Architecture {
        if (latentSize < 1) {
            throw new IllegalArgumentException("latent size must be at least 1, got " + latentSize);
        }
        if (generatorWidth < 1 || discriminatorWidth < 1) {
            throw new IllegalArgumentException("network widths must be at least 1, got G "
                    + generatorWidth + " and D " + discriminatorWidth);
        }
        if (classes < 0 || classes == 1) {
            throw new IllegalArgumentException("classes must be 0 (unconditional) or at least 2, got " + classes);
        }
    }

    /** The same shapes for {@code count} classes (0: unconditional). */
    public Architecture withClasses(int count) {
        return new Architecture(latentSize, generatorWidth, discriminatorWidth, count);
    }

    /** True for a class-conditional GAN. */
    public boolean conditional() {
        return classes > 0;
    }

    /** Length of G's input: the noise, then the one-hot class for a conditional GAN. */
    public int generatorInputSize() {
        return latentSize + classes;
    }

    /** Channels of D's input: the image, then one constant plane per class for a conditional GAN. */
    public int discriminatorChannels() {
        return CHANNELS + classes;
    }
}
