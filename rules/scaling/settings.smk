# Helpers of the scaling-law rules (no rules here): runs, their options, and the files each stage reads.
import math

from lmtheory.scaling.corpora import check_corpus, corpus_files
from lmtheory.scaling import rungs

SCALING = config["scaling"]
SCALING_RUNS = SCALING["runs"]


def run_option(run, section):
    """A run's options for one section: the global `scaling.<section>` with the run's own keys on top."""
    return {**SCALING[section], **SCALING_RUNS[run].get(section, {})}


def run_scale(run):
    """cpu (the default; claims C13–C17), statistics (the text's statistics and C8's n-gram leg, no ladder: C13, C10,
    C8) or paper (claims C1–C12, paper config)."""
    return SCALING_RUNS[run].get("scale", "cpu")


CORPUS_FILES = {}  # corpus name → the local files it reads (inputs of its documents job), filled by the check below


def check_scaling_config():
    """Cross-field checks of the scaling section; each error names the key."""
    for name, corpus in SCALING["corpora"].items():
        try:
            check_corpus(corpus)
        except ValueError as error:
            raise ValueError(f"scaling.corpora.{name}: {error}") from None
    for name in sorted({spec["corpus"] for spec in SCALING_RUNS.values()} & set(SCALING["corpora"])):
        try:
            CORPUS_FILES[name] = [str(f) for f in corpus_files(SCALING["corpora"][name])]
        except FileNotFoundError as error:
            key = "path" if "path" in SCALING["corpora"][name] else "source"
            raise ValueError(f"scaling.corpora.{name}.{key}: {error} (stage the corpus first: docs/scaling.md)") from None
    for run, spec in SCALING_RUNS.items():
        if spec["tokeniser"]["kind"] == "bpe" and "vocab_size" not in spec["tokeniser"]:
            raise ValueError(f"scaling.runs.{run}.tokeniser.vocab_size: a BPE tokeniser needs its vocabulary size")
        if spec["corpus"] not in SCALING["corpora"]:
            raise ValueError(
                f"scaling.runs.{run}.corpus: {spec['corpus']!r} is not a configured corpus; "
                f"have {sorted(SCALING['corpora'])}"
            )
        ladder = run_option(run, "ladder")
        if len(ladder["log2_P"]) < 3 or sorted(set(ladder["log2_P"])) != list(ladder["log2_P"]):
            raise ValueError(f"scaling.runs.{run}.ladder.log2_P: need ≥ 3 strictly increasing rungs")
        if ladder.get("envelope_T") and ladder["T"] not in ladder["envelope_T"]:
            raise ValueError(f"scaling.runs.{run}.ladder.envelope_T: must contain the ladder's T = {ladder['T']}")
        tokeniser, count_max_n = spec["tokeniser"], run_option(run, "entropy")["count_max_n"]
        if tokeniser["kind"] == "bpe" and tokeniser["vocab_size"] ** (count_max_n + 1) >= 2**63:
            raise ValueError(
                f"scaling.runs.{run}.entropy.count_max_n: {count_max_n + 1}-gram keys over V = "
                f"{tokeniser['vocab_size']} overflow int64; lower it"
            )
        if run_option(run, "collapse")["max_n"] > ladder["T"]:
            raise ValueError(f"scaling.runs.{run}.collapse.max_n: exceeds the context T = {ladder['T']}")


check_scaling_config()


PAPER_CORPORA = {SCALING_RUNS[run]["corpus"]: True for run in SCALING_RUNS if run_scale(run) == "paper"}


def by_scale(run, cpu, paper):
    """A per-run resource: measured (with headroom) at CPU scale; at paper scale (≈ 0.5B-token streams, not
    measured here) room for the int64 stream and its copies, and hours instead of minutes."""
    return paper if run_scale(run) == "paper" else cpu


def rung_names(run):
    """Rung files of a run's ladder (lmtheory.scaling.rungs): the ladder, the top rung's checks, the envelope."""
    return rungs.rung_names(run_option(run, "ladder"))


def rung_files(run):
    return [f"results/scaling/{run}/ladder/{rung}.json" for rung in rung_names(run)]


def scaling_runs(scale="cpu"):
    return [run for run in SCALING_RUNS if run_scale(run) == scale]


# Throughput behind the CPU rung runtimes: a third of the ≈ 10k tokens/s measured per rung on one core for the
# default 0.8M-parameter model (on GPU: GPU_TOKENS_PER_S of rules/common.smk).
CPU_TOKENS_PER_S = 3000


def rung_of(wc):
    """Everything the rung {run}/{rung} trains with (lmtheory.scaling.rungs.rung_settings)."""
    return rungs.rung_settings(wc.rung, run_option(wc.run, "ladder"), run_option(wc.run, "model"))


def ngram_leg_of(wc):
    """Everything the n-gram leg's transformer {run}/{check} trains with (lmtheory.scaling.rungs.ngram_leg_settings)."""
    return rungs.ngram_leg_settings(wc.check, run_option(wc.run, "ngram_leg"), run_option(wc.run, "ladder"))


def training_minutes(rung, layers=None):
    """SLURM minutes for one training run: 10 + its training tokens over a conservative throughput (CPU or GPU), the
    throughput scaled by layers (the run's n_layer; default the trained model's own) / the trained model's n_layer
    (a wide rung is slower)."""
    depth = (layers or rung["model"]["n_layer"]) / rung["model"]["n_layer"]
    rate = (GPU_TOKENS_PER_S if SCALING["gpu"] else CPU_TOKENS_PER_S) * depth
    return 10 + math.ceil(rung["steps"] * rung["batch"] * rung["T"] / rate / 60)


FIRST_PRIORITY = 10**6  # jobs the ladder waits for (documents, tokens): before any rung, whose priority is its steps


def rung_priority(wc):
    """A rung's scheduling priority: its steps in hundreds (25 and 12 for the default top rung's 2× check and the top
    rung; in the default config the tree transformers have 20 and 10–16, other jobs 0), so the rungs start as soon as
    their tokens exist, longest first, and the top rung's 2×-steps check does not run alone at the end."""
    return rung_of(wc)["steps"] // 100


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


def figure_inputs():
    """What the scaling figures read, named `<run>:<stage>` (stage: correlations, beta, exponents, rungs, counts;
    a statistics run has no ladder, so only its correlations and β)."""
    files = {}
    for run in SCALING_RUNS:
        stages = {"correlations": f"results/scaling/{run}/correlations.parquet", "beta": f"results/scaling/{run}/beta.json"}
        if run_scale(run) != "statistics":
            stages |= {
                "exponents": f"results/scaling/{run}/exponents.json",
                "rungs": rung_files(run),
                "counts": count_file(run),
            }
        files.update({f"{run}:{stage}": path for stage, path in stages.items() if path})
    return files
