package org.dcgan4j.data;

/** Which half of an MNIST-style folder to read: {@code train-*} or {@code t10k-*}. */
public enum DataSplit {
    TRAIN("train"),
    TEST("t10k");

    private final String prefix;

    DataSplit(String prefix) {
        this.prefix = prefix;
    }

    /** File-name prefix of this split in the MNIST distribution. */
    public String prefix() {
        return prefix;
    }
}
