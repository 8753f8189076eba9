# Helpers of the scaling-law rules (no rules here): runs, their options, and the files each stage reads.

SCALING = config["scaling"]
SCALING_RUNS = SCALING["runs"]
SCALING_SECTIONS = ("split", "correlations", "ladder", "model", "entropy", "collapse")


def run_option(run, section):
    """A run's options for one section: the global `scaling.<section>` with the run's own keys on top."""
    return {**SCALING[section], **SCALING_RUNS[run].get(section, {})}


def run_scale(run):
    """cpu (the default; claims C13–C17) or paper (claims C1–C12, paper config)."""
    return SCALING_RUNS[run].get("scale", "cpu")


def check_scaling_config():
    """Cross-field checks of the scaling section; each error names the key."""
    for run, spec in SCALING_RUNS.items():
        if spec["corpus"] not in SCALING["corpora"]:
            raise ValueError(
                f"scaling.runs.{run}.corpus: {spec['corpus']!r} is not a configured corpus; "
                f"have {sorted(SCALING['corpora'])}"
            )
        ladder = run_option(run, "ladder")
        if len(ladder["log2_P"]) < 3 or sorted(set(ladder["log2_P"])) != list(ladder["log2_P"]):
            raise ValueError(f"scaling.runs.{run}.ladder.log2_P: need ≥ 3 strictly increasing rungs")
        if run_option(run, "collapse")["max_n"] > ladder["T"]:
            raise ValueError(f"scaling.runs.{run}.collapse.max_n: exceeds the context T = {ladder['T']}")


check_scaling_config()


def rung_names(run):
    """Rung files of a run's ladder: P<log2 P> per rung, and P<top>_long, the top rung with check_factor× steps."""
    rungs = run_option(run, "ladder")["log2_P"]
    return [f"P{p}" for p in rungs] + [f"P{rungs[-1]}_long"]


def rung_files(run):
    return [f"results/scaling/{run}/ladder/{rung}.json" for rung in rung_names(run)]


def scaling_runs(scale="cpu"):
    return [run for run in SCALING_RUNS if run_scale(run) == scale]


def exponent_inputs(wc):
    """What the exponents of a run read: β, every rung, and the count-based entropies at character level."""
    return {
        "beta": f"results/scaling/{wc.run}/beta.json",
        "rungs": rung_files(wc.run),
        **({"counts": count_file(wc.run)} if count_file(wc.run) else {}),
    }


def count_file(run):
    """The count-based entropies of a character-level run (None for BPE runs: the count route is only a cross-check
    at n ≤ 2 there, spec §2.3)."""
    return f"results/scaling/{run}/count_entropy.parquet" if SCALING_RUNS[run]["tokeniser"]["kind"] == "char" else None


SCALING_FIGURES = [
    f"figures/scaling_{name}.pdf" for name in ("correlations", "entropy", "law", "collapse")
] if scaling_runs() else []
