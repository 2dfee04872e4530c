package org.dcgan4j.checkpoint;

/** The version of dcgan4j that is running, from the jar manifest ("dev" when run from classes). */
public final class ProgramVersion {

    private ProgramVersion() {
    }

    public static String current() {
        String v = ProgramVersion.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
