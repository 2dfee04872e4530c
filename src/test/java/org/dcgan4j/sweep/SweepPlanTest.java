package org.dcgan4j.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plan of a sweep, its file, the shell-word split of --sbatch and the fixed batch script. */
class SweepPlanTest {

    /**
     * A train with --lr, --seed, --data (a path), --conditional (a flag, off as --no-conditional)
     * and --spectral-norm (a flag, off when left out); --lr must be positive.
     */
    private static final TrainArguments TRAIN = new TrainArguments() {
        @Override
        public boolean hasOption(String name) {
            return Set.of("--lr", "--seed", "--data", "--conditional", "--spectral-norm", "--iterations").contains(name);
        }

        @Override
        public boolean isFlag(String name) {
            return name.equals("--conditional") || name.equals("--spectral-norm");
        }

        @Override
        public String negatedForm(String name) {
            return name.equals("--conditional") ? "--no-conditional" : null;
        }

        @Override
        public boolean isPath(String name) {
            return name.equals("--data");
        }

        @Override
        public void check(List<String> args) {
            int i = args.indexOf("--lr");
            if (i >= 0 && Double.parseDouble(args.get(i + 1)) <= 0) {
                throw new IllegalArgumentException("--lr must be a positive number, got " + args.get(i + 1));
            }
        }
    };

    @Test
    void aGridExpandsIntoOneRunPerCombinationFirstAxisSlowest() {
        SweepPlan plan = SweepPlan.expand(List.of(GridAxis.parse("lr=0.001,0.0002"), GridAxis.parse("--seed=1,2,3")),
                List.of("--iterations", "50"), TRAIN);

        assertThat(plan.runs()).hasSize(6);
        assertThat(plan.runs().get(0).folder()).isEqualTo("runs/000-lr=0.001,seed=1");
        assertThat(plan.runs().get(5).folder()).isEqualTo("runs/005-lr=0.0002,seed=3");
        assertThat(plan.runs().get(4).args()).containsExactly("--iterations", "50", "--lr", "0.0002", "--seed", "2");
        assertThat(plan.runs().get(4).index()).isEqualTo(4);
    }

    @Test
    void flagsTakeTrueOrFalseAndPathsBecomeAbsolute() {
        SweepPlan plan = SweepPlan.expand(List.of(GridAxis.parse("conditional=true,false")),
                List.of("--data", "some/data"), TRAIN);

        String data = Path.of("some/data").toAbsolutePath().toString();
        assertThat(plan.shared()).containsExactly("--data", data);
        assertThat(plan.runs().get(0).args()).containsExactly("--data", data, "--conditional");
        assertThat(plan.runs().get(1).args()).containsExactly("--data", data, "--no-conditional");
        SweepPlan sn = SweepPlan.expand(List.of(GridAxis.parse("spectral-norm=true,false")), List.of(), TRAIN);
        assertThat(sn.runs().get(0).args()).containsExactly("--spectral-norm");
        assertThat(sn.runs().get(1).args()).isEmpty();
        assertThatThrownBy(() -> SweepPlan.expand(List.of(GridAxis.parse("conditional=yes")), List.of(), TRAIN))
                .hasMessageContaining("--conditional is a flag; its values are true and false, got 'yes'");
    }

    @Test
    void badGridsAreRefusedNamingTheOption() {
        assertThatThrownBy(() -> SweepPlan.expand(List.of(), List.of(), TRAIN)).hasMessageStartingWith("--grid: no grid given");
        assertThatThrownBy(() -> SweepPlan.expand(List.of(GridAxis.parse("lrr=1")), List.of(), TRAIN))
                .hasMessage("--grid lrr: train has no option --lrr (see 'dcgan4j train --help')");
        assertThatThrownBy(() -> SweepPlan.expand(List.of(GridAxis.parse("run=a,b")), List.of(), TRAIN))
                .hasMessageContaining("cannot be swept");
        assertThatThrownBy(() -> SweepPlan.expand(List.of(GridAxis.parse("seed=1")), List.of("--run", "x"), TRAIN))
                .hasMessageContaining("--run cannot be a shared train option");
        assertThatThrownBy(() -> SweepPlan.expand(List.of(GridAxis.parse("seed=1")), List.of("--seed", "2"), TRAIN))
                .hasMessageContaining("both in --grid and in the shared options");
        assertThatThrownBy(() -> SweepPlan.expand(List.of(GridAxis.parse("lr=0.1,-1")), List.of(), TRAIN))
                .hasMessage("run 1 (lr=-1): --lr must be a positive number, got -1");
        assertThatThrownBy(() -> GridAxis.parse("lr")).hasMessageContaining("expected KEY=V1,V2");
        assertThatThrownBy(() -> GridAxis.parse("lr=1,,2")).hasMessageContaining("empty value");
    }

    @Test
    void folderNamesKeepQuotesAndSpacesButNoSlashes() {
        SweepPlan plan = SweepPlan.expand(List.of(GridAxis.parse("data=/tmp/a b; rm 'x' \"y\"/d")), List.of(), TRAIN);

        assertThat(plan.runs().get(0).folder()).isEqualTo("runs/000-data=_tmp_a b; rm 'x' \"y\"_d");
        assertThat(plan.runs().get(0).args()).containsExactly("--data", "/tmp/a b; rm 'x' \"y\"/d");
    }

    @Test
    void thePlanFileReadsBackAsTheSamePlan(@TempDir Path tmp) throws Exception {
        SweepPlan plan = SweepPlan.expand(List.of(GridAxis.parse("lr=0.001,0.0002"), GridAxis.parse("conditional=true,false")),
                List.of("--iterations", "50"), TRAIN);
        Path file = tmp.resolve("plan.json");

        PlanFile.write(file, plan);

        SweepPlan read = PlanFile.read(file);
        assertThat(read).isEqualTo(plan);
        assertThat(read.samePlanAs(plan)).isTrue();
        SweepPlan other = SweepPlan.expand(List.of(GridAxis.parse("lr=0.001")), List.of("--iterations", "50"), TRAIN);
        assertThat(read.samePlanAs(other)).isFalse();
        try (var files = Files.list(tmp)) {
            assertThat(files).containsExactly(file); // no temp file left
        }
    }

    @Test
    void shellWordsSplitLikeAShellWithoutRunningOne() {
        assertThat(ShellWords.split("  --partition=gpu   --gres=gpu:1 --time 4:00:00 "))
                .containsExactly("--partition=gpu", "--gres=gpu:1", "--time", "4:00:00");
        assertThat(ShellWords.split("--comment='a b; c' --x=\"d \\\"e\\\" $f\" g\\ h"))
                .containsExactly("--comment=a b; c", "--x=d \"e\" $f", "g h");
        assertThat(ShellWords.split("")).isEmpty();
        assertThatThrownBy(() -> ShellWords.split("--comment='open")).hasMessageContaining("unterminated '");
    }

    @Test
    void theBatchScriptIsFixedTextThatReadsItsInputAsData() {
        assertThat(SbatchScript.TEXT).startsWith("#!/bin/bash\n")
                .contains("mapfile -d '' -t command < \"$sweep/task-command\"")
                .contains("\"${command[@]}\" sweep-task --task \"$SLURM_ARRAY_TASK_ID\" \"$sweep\" &")
                .contains("trap 'signals=$((signals + 1)); kill -TERM \"$child\" 2>/dev/null' TERM")
                .contains("if [[ $code -eq 75 ]]; then")
                .contains("scontrol requeue \"$SLURM_JOB_ID\"")
                .doesNotContain("#SBATCH");
    }

    @Test
    void sbatchGetsTheUsersOptionsAsSeparateArgumentsAfterTheDefaults(@TempDir Path tmp) {
        SweepLayout layout = new SweepLayout(tmp.resolve("my sweep; x"));
        SlurmSubmission s = new SlurmSubmission(Path.of("/usr/bin/sbatch"), layout, 4, 90,
                ShellWords.split("--partition=gpu --signal=B:TERM@300 --comment='a b'"));

        String root = layout.root().toAbsolutePath().toString();
        assertThat(s.command()).containsExactly("/usr/bin/sbatch", "--parsable", "--job-name=dcgan4j-sweep", "--requeue",
                "--signal=B:TERM@90", "--open-mode=append", "--chdir=" + root, "--output=logs/task-%a.out",
                "--partition=gpu", "--signal=B:TERM@300", "--comment=a b", "--array=0-3",
                root + "/sweep.sbatch", root);
    }
}
