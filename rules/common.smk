# Helpers shared by the rules (no rules here): settings, context sweeps, library files as inputs.
import math


ISING = config["tree"]["ising"]
SETTINGS = ISING["settings"]
RUN_KIND = config["run_kind"]
SEED = config["seed"]


def check_config():
    """Cross-field checks the schema cannot express; each error names the key."""
    for lang, s in SETTINGS.items():
        for d in s["depths"]:
            if s["b"] ** d > 1 << 20:
                raise ValueError(f"tree.ising.settings.{lang}.depths: n = {s['b']}^{d} exceeds 2^20 leaves")
    small = ISING["exactness"]
    if small["b"] ** small["d"] > 12:
        raise ValueError("tree.ising.exactness: b^d must be at most 12 leaves (the exact law has 2^n cells)")
    if ISING["counted_max_k"] + 1 > 62:
        raise ValueError("tree.ising.counted_max_k: (k+1)-gram keys of binary tokens must fit in 62 bits")


check_config()


wildcard_constraints:
    lang="|".join(SETTINGS),
    d=r"\d+",
    k=r"\d+",


def pkg(*modules):
    """Library modules a rule runs, as inputs: editing the science re-runs what it affects."""
    return [f"workflow/lmtheory/{m}.py" for m in modules]


def setting(wildcards):
    return SETTINGS[wildcards.lang]


def context_sizes(lang, d):
    """k = b^ℓ for ℓ = 0..d."""
    return [SETTINGS[lang]["b"] ** level for level in range(int(d) + 1)]


def counted_sizes(lang, d):
    """Contexts of the counted k-gram: k = b^ℓ ≤ counted_max_k and k < n."""
    n = SETTINGS[lang]["b"] ** int(d)
    return [k for k in context_sizes(lang, d) if k <= ISING["counted_max_k"] and k < n]


def fit_min_level(lang):
    s = SETTINGS[lang]
    return s.get("fit_min_level", 2 if s["b"] == 2 else 1)


def corpus_mem_mb(wildcards, sequences):
    """Memory for a job holding `sequences` × n tokens in a few 64-bit working arrays: 2 GB + 40 bytes per token."""
    return 2000 + 40 * sequences * SETTINGS[wildcards.lang]["b"] ** int(wildcards.d) // 10**6


TREE_FIGURES = ["figures/ising_variance.pdf"]
