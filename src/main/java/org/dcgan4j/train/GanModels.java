package org.dcgan4j.train;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * The networks of a GAN run.
 *
 * @param generator     G, trained
 * @param discriminator D, trained
 * @param generatorEma  an exponential moving average of G's parameters ({@link GeneratorEma}),
 *                      updated in place every iteration; what draws images is {@link #sampler()}
 * @param standing      with {@code --standing-stats}: the standing statistics that {@link #sampler()}
 *                      gives the average before it draws; null when off
 */
public record GanModels(MultiLayerNetwork generator, MultiLayerNetwork discriminator, MultiLayerNetwork generatorEma,
                        StandingStatistics standing) {

    /** Without standing statistics. */
    public GanModels(MultiLayerNetwork generator, MultiLayerNetwork discriminator, MultiLayerNetwork generatorEma) {
        this(generator, discriminator, generatorEma, null);
    }

    /** A fresh pair: the average starts as a copy of G. */
    public GanModels(MultiLayerNetwork generator, MultiLayerNetwork discriminator) {
        this(generator, discriminator, generator.clone());
    }

    /** The same networks whose average draws with {@code statistics} (null: as it is). */
    public GanModels withStandingStatistics(StandingStatistics statistics) {
        return new GanModels(generator, discriminator, generatorEma, statistics);
    }

    /**
     * The moving average of G, ready to draw images (sample grids, quality evaluations) and to be
     * saved: with standing statistics, its BatchNormalization statistics are measured first
     * (once per iteration at most).
     */
    public MultiLayerNetwork sampler() {
        if (standing != null) {
            standing.refresh(generatorEma);
        }
        return generatorEma;
    }

    /** Folds G into the average with decay {@code decay} (the training loop, once per iteration). */
    public void foldIntoAverage(double decay) {
        GeneratorEma.fold(generator, generatorEma, decay);
        if (standing != null) {
            standing.averageMoved();
        }
    }
}
