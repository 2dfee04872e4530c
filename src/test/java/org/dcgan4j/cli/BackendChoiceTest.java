package org.dcgan4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.dcgan4j.cli.BackendChoice.Backend;
import org.dcgan4j.cli.BackendChoice.Decision;
import org.dcgan4j.cli.BackendChoice.Query;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The preflight decision table, fed with faked nvidia-smi answers. */
class BackendChoiceTest {

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0} + \"{1}\" -> {2}")
    @CsvSource(delimiter = '|', value = {
        "auto | Tesla K80, 3.7                         | CUDA | false",
        "auto | NVIDIA A100-SXM4-80GB, 8.0             | CUDA | false",
        "auto | NVIDIA GeForce RTX 4090, 8.9           | CUDA | false",
        "auto | NVIDIA H100 80GB HBM3, 9.0             | CPU  | false",
        "auto | NVIDIA B200, 10.0                      | CPU  | false",
        "auto | Tesla K20Xm, 3.5                       | CPU  | false",
        "cuda | NVIDIA A100-SXM4-80GB, 8.0             | CUDA | false",
        "cuda | NVIDIA H100 80GB HBM3, 9.0             | CPU  | true",
        "cpu  | NVIDIA A100-SXM4-80GB, 8.0             | CPU  | false",
    })
    void decisionTable(String requested, String smiLine, Backend expected, boolean refused) {
        Decision d = BackendChoice.decide(requested, BackendChoice.parse(smiLine));
        assertThat(d.backend()).isEqualTo(expected);
        assertThat(d.refused()).isEqualTo(refused);
    }

    @Test
    void unsupportedGpuSaysWhichGpuWhyAndWhatHappens() {
        Decision d = BackendChoice.decide("auto", BackendChoice.parse("NVIDIA H100 80GB HBM3, 9.0\n"));
        assertThat(d.message()).isEqualTo("GPU 0: NVIDIA H100 80GB HBM3 (compute capability 9.0) is not supported"
                + " by the ND4J CUDA binaries, which hold GPU code for compute capability 3.7 to 8.6 (they run up to 8.9):"
                + " using the CPU backend");
        Decision forced = BackendChoice.decide("cuda", BackendChoice.parse("NVIDIA H100 80GB HBM3, 9.0\n"));
        assertThat(forced.message()).startsWith("--backend cuda: GPU 0: NVIDIA H100 80GB HBM3 (compute capability 9.0) is not supported");
    }

    @Test
    void theFirstGpuDecidesOnAMixedBox() {
        Query q = BackendChoice.parse("NVIDIA H100 PCIe, 9.0\nNVIDIA A10, 8.6\n");
        assertThat(q.gpus()).hasSize(2);
        assertThat(BackendChoice.decide("auto", q).backend()).isEqualTo(Backend.CPU);
        assertThat(BackendChoice.decide("auto", BackendChoice.parse("NVIDIA A10, 8.6\nNVIDIA H100 PCIe, 9.0\n")).backend())
                .isEqualTo(Backend.CUDA);
    }

    @Test
    void noDriverMeansCpuWithOneLineOrARefusalWhenForced() {
        Query none = BackendChoice.query(tmp.resolve("no-such-nvidia-smi").toString());
        assertThat(none.problem()).isEqualTo("no nvidia-smi: no NVIDIA driver installed");
        assertThat(BackendChoice.decide("auto", none).message())
                .isEqualTo("no usable NVIDIA GPU (no nvidia-smi: no NVIDIA driver installed): using the CPU backend");
        Decision forced = BackendChoice.decide("cuda", none);
        assertThat(forced.refused()).isTrue();
        assertThat(forced.message()).isEqualTo("--backend cuda: no usable NVIDIA GPU (no nvidia-smi: no NVIDIA driver installed)");
    }

    @Test
    void garbageAndFailingNvidiaSmiAreReportedNotTrusted() throws Exception {
        assertThat(BackendChoice.parse("No devices were found").problem())
                .isEqualTo("cannot read nvidia-smi's answer 'No devices were found'");
        assertThat(BackendChoice.parse("").problem()).isEqualTo("nvidia-smi lists no GPU");
        Path failing = fakeSmi("echo 'NVIDIA-SMI has failed because it couldn'\"'\"'t communicate with the NVIDIA driver.'; exit 9");
        assertThat(BackendChoice.query(failing.toString()).problem())
                .startsWith("nvidia-smi failed: NVIDIA-SMI has failed because it couldn't communicate");
    }

    @Test
    void aFakeNvidiaSmiIsAskedTheRightQuestion() throws Exception {
        Path smi = fakeSmi("[ \"$1\" = '--query-gpu=name,compute_cap' ] && [ \"$2\" = '--format=csv,noheader' ] || exit 4\n"
                + "echo 'NVIDIA L4, 8.9'");
        Query q = BackendChoice.query(smi.toString());
        assertThat(q.gpus()).containsExactly(new BackendChoice.Gpu(0, "NVIDIA L4", 8.9));
        assertThat(BackendChoice.decide("auto", q).message())
                .isEqualTo("GPU 0: NVIDIA L4 (compute capability 8.9): using the CUDA backend");
    }

    @Test
    void badBackendNameIsRefused() {
        assertThat(BackendChoice.decide("tpu", Query.failed("x")).refused()).isTrue();
    }

    /** Runs on the CPU build only (the CUDA build, -Pcuda, has no such refusal to test). */
    @Test
    void theCpuBuildRefusesAForcedCuda() {
        org.junit.jupiter.api.Assumptions.assumeFalse(BackendChoice.cudaBuild(), "this is the CUDA build");
        CliRunner.Result r = CliRunner.run("generate", "--backend", "cuda", "--from", tmp.toString(), "--out", "x.png");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("generate: --backend cuda: this is the CPU build");
    }

    private Path fakeSmi(String body) throws Exception {
        Path p = tmp.resolve("nvidia-smi");
        Files.writeString(p, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }
}
