package org.dcgan4j.eval;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The classifier cache is keyed by the recipe's values, not by a name someone must remember to change. */
class ClassifierRecipeTest {

    @Test
    void theSameValuesGiveTheSameRecipe() {
        assertThat(DigitClassifier.recipe(10, 1234, 12)).isEqualTo(DigitClassifier.recipe(10, 1234, 12));
    }

    @Test
    void everyValueOfTheRecipeChangesIt() {
        String recipe = DigitClassifier.recipe(10, 1234, 12);
        assertThat(DigitClassifier.recipe(10, 1234, 11)).as("epochs (and with them the schedule)").isNotEqualTo(recipe);
        assertThat(DigitClassifier.recipe(10, 1235, 12)).as("seed").isNotEqualTo(recipe);
        assertThat(DigitClassifier.recipe(9, 1234, 12)).as("classes").isNotEqualTo(recipe);
        // The layers themselves are in it (their configuration, as DL4J writes it).
        assertThat(recipe).contains("ConvolutionLayer").contains("OutputLayer").contains("MCXENT");
    }
}
