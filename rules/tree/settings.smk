# Helpers of the tree-paper rules (no rules here): settings, context sweeps, the files each figure reads.
import math
import re

from lmtheory.targets import TRANSFORMER_CLAIM
from lmtheory.tree.moments import ratio_decay_exponent, variance_growth_rate

ISING = config["tree"]["ising"]
COLORING = config["tree"]["coloring"]
REASONING = config["tree"]["reasoning"]
TRANSFORMER = config["tree"]["transformer"]
SETTINGS = ISING["settings"]  # Ising settings (Ising-only rules, figures and claims)
COLORINGS = COLORING["settings"]  # coloring settings
LANGS = {**SETTINGS, **COLORINGS}  # every tree-language setting by name
SECTIONS = {**{lang: ISING for lang in SETTINGS}, **{lang: COLORING for lang in COLORINGS}}
# A setting removed by an override (`ising_b2: null`) takes its transformers with it.
REMOVED_LANGS = {key.rsplit(".", 1)[1] for key in REMOVED if re.match(r"tree\.(ising|coloring)\.settings\.", key)}
TRANSFORMER["settings"] = {lang: s for lang, s in TRANSFORMER["settings"].items() if lang not in REMOVED_LANGS}
TRANSFORMER["reasoning"]["settings"] = [lang for lang in TRANSFORMER["reasoning"]["settings"] if lang not in REMOVED_LANGS]


def check_tree_config():
    """Cross-field checks the schema cannot express; each error names the key."""
    for lang in set(SETTINGS) & set(COLORINGS):
        raise ValueError(f"tree.coloring.settings.{lang}: the name is also an Ising setting; names must be unique")
    for section, settings in (("ising", SETTINGS), ("coloring", COLORINGS)):
        for lang, s in settings.items():
            for d in s["depths"]:
                if s["b"] ** d > 1 << 20:
                    raise ValueError(f"tree.{section}.settings.{lang}.depths: n = {s['b']}^{d} exceeds 2^20 leaves")
    for lang, s in TRANSFORMER["settings"].items():
        if lang not in LANGS:
            raise ValueError(f"tree.transformer.settings.{lang}: not a configured setting; have {sorted(LANGS)}")
        if s.get("d", LANGS[lang]["depths"][0]) not in LANGS[lang]["depths"]:
            raise ValueError(f"tree.transformer.settings.{lang}.d: {s['d']} is not one of the setting's depths")
    for lang in TRANSFORMER["reasoning"]["settings"]:
        if lang not in LANGS:
            raise ValueError(f"tree.transformer.reasoning.settings: {lang!r} is not a configured setting")
        for name, floor in TRANSFORMER["reasoning"]["decodings"].items():
            if floor >= least_rule_probability(lang):
                raise ValueError(
                    f"tree.transformer.reasoning.decodings.{name}: {floor} is not below "
                    f"{least_rule_probability(lang):.3g}, the least positive probability the true rule of {lang} "
                    "assigns (the truncation would remove true mass)"
                )
    small = ISING["exactness"]
    if small["b"] ** small["d"] > 12:
        raise ValueError("tree.ising.exactness: b^d must be at most 12 leaves (the exact law has 2^n cells)")
    for section, cfg in (("ising", ISING), ("coloring", COLORING)):
        q = max([alphabet(lang) for lang in cfg["settings"]], default=2)
        if (cfg["counted_max_k"] + 1) * math.log2(q) > 64:
            raise ValueError(f"tree.{section}.counted_max_k: (k+1)-gram keys over {q} symbols must fit in 64 bits")



def process(lang):
    """The language's process as plain data for params: kind and its parameters (not its depths or sizes)."""
    s = LANGS[lang]
    if lang in SETTINGS:
        return {"kind": "ising", "b": s["b"], "theta": s["theta"]}
    return {"kind": "coloring", "q": s["q"], "b": s["b"]}


def least_rule_probability(lang):
    """The least positive probability a token of the reasoning rule gets — (1 − θ)/2 for Ising (its channel and
    π = 1/2), 1/q for coloring (π = 1/q, channel 1/(q − 1))."""
    return (1 - LANGS[lang]["theta"]) / 2 if lang in SETTINGS else 1 / LANGS[lang]["q"]


def alphabet(lang):
    """Number of token symbols: 2 for Ising, q for coloring."""
    return LANGS[lang].get("q", 2)




def setting(wildcards):
    return LANGS[wildcards.lang]


def level_sizes(lang, d):
    """k = b^ℓ for ℓ = 0..d."""
    return [LANGS[lang]["b"] ** level for level in range(int(d) + 1)]


def context_sizes(lang, d):
    """The sampled contexts: k = b^ℓ for ℓ = 0..d, and k = ⌈n/r⌉ for the section's context_ratios r (C14's grid)."""
    n = LANGS[lang]["b"] ** int(d)
    grid = {math.ceil(n / r) for r in SECTIONS[lang]["context_ratios"] if n / r >= 1}
    return sorted(set(level_sizes(lang, d)) | grid)


def counted_sizes(lang, d):
    """Contexts of the counted k-gram: k = b^ℓ ≤ counted_max_k and k < n."""
    n = LANGS[lang]["b"] ** int(d)
    return [k for k in level_sizes(lang, d) if k <= SECTIONS[lang]["counted_max_k"] and k < n]


def fit_min_level(lang):
    s = SETTINGS[lang]
    return s.get("fit_min_level", 2 if s["b"] == 2 else 1)


def gen_samples(lang):
    """Sequences generated per context-k model: the setting's own gen_samples, else its section's."""
    return LANGS[lang].get("gen_samples", SECTIONS[lang]["gen_samples"])


def true_samples(lang):
    return SECTIONS[lang]["true_samples"]


def corpus_mem_mb(wildcards, sequences):
    """Memory for a job holding `sequences` × n tokens in a few 64-bit working arrays: 2 GB + 40 bytes per token."""
    return 2000 + 40 * sequences * LANGS[wildcards.lang]["b"] ** int(wildcards.d) // 10**6



check_tree_config()


def sequences_of(wc):
    """The true corpus for model=true, else the model's generated samples."""
    if wc.model == "true":
        return f"results/tree/corpora/{wc.lang}/d{wc.d}.parquet"
    return f"results/tree/samples/{wc.lang}/d{wc.d}/{wc.model}.parquet"


def variance_panels():
    """Per setting: b, θ, predicted rate, and the statistics/fit files the figure reads."""
    return {
        lang: {
            "b": s["b"],
            "theta": s["theta"],
            "rate": variance_growth_rate(s["b"], s["theta"]),
            "stats": {
                d: {m: f"results/tree/statistics/{lang}/d{d}/{m}.parquet" for m in ("exact", "counted")}
                for d in s["depths"]
            },
            "fit": f"results/tree/fits/{lang}/d{max(s['depths'])}/exact.json",
        }
        for lang, s in SETTINGS.items()
    }


def context_curves():
    """Per (setting, depth): label, b, γ = log_b(bθ²) and the exact model's statistics, KS and loss-fit files."""
    return {
        f"{lang}/d{d}": {
            "label": f"b={s['b']}, θ={s['theta']}, d={d}",
            "b": s["b"],
            "gamma": ratio_decay_exponent(s["b"], s["theta"]),
            "stats": f"results/tree/statistics/{lang}/d{d}/exact.parquet",
            "ks": f"results/tree/statistics/{lang}/d{d}/exact_ks.parquet",
            "loss": f"results/tree/fits/{lang}/d{d}/loss.json",
        }
        for lang, s in SETTINGS.items()
        for d in s["depths"]
    }


def coloring_curves():
    """Per (coloring setting, depth): label, b, d and the exact model's statistics, violations and truth files."""
    return {
        f"{lang}/d{d}": {
            "label": f"q={s['q']}, b={s['b']}, d={d}",
            "b": s["b"],
            "d": d,
            "stats": f"results/tree/statistics/{lang}/d{d}/exact.parquet",
            "counted": f"results/tree/statistics/{lang}/d{d}/counted.parquet",
            "violations": f"results/tree/statistics/{lang}/d{d}/exact_violations.parquet",
            "truth": f"results/tree/truth/{lang}.json",
        }
        for lang, s in COLORINGS.items()
        for d in s["depths"]
    }


def memory_series():
    """The settings of the memory figure: every depth's exact statistics and reasoning run, and the criterion."""
    series = {}
    for lang, column, threshold in (("ising_b2", "var_ratio", 0.9), ("coloring_q3b5", "p_consistent", 0.5)):
        if lang in LANGS:
            depths = sorted(LANGS[lang]["depths"])
            series[lang] = {
                "label": lang,
                "column": column,
                "threshold": threshold,
                "stats": [f"results/tree/statistics/{lang}/d{d}/exact.parquet" for d in depths],
                "runs": [f"results/tree/reasoning/{lang}/d{d}/run.json" for d in depths],
            }
    return series


TIERS = {"transformer": "ks", "transformer_slow": "slow_ks"}  # sample-file name → the contexts it holds
FIGURE_TIERS = {"": ("transformer",), "_slow": ("transformer", "transformer_slow")}  # figure suffix → tiers drawn


def transformer_option(lang, key):
    """A training/sampling option of a setting's transformers: the setting's own value, else the section's."""
    return TRANSFORMER["settings"][lang].get(key, TRANSFORMER[key])


def tier_ks(lang, tier):
    """The contexts k of a setting's transformer tier (transformer: the default ks; transformer_slow: slow_ks)."""
    return TRANSFORMER["settings"][lang].get(TIERS[tier], [])


def transformer_runs(lang, tier, k=None):
    """(k, training seed) of each model of a setting's transformer tier: every k (or the one context `k`) with seeds
    1..tree.transformer.seeds."""
    ks = tier_ks(lang, tier) if k is None else [int(k)]
    return [(context, seed) for context in ks for seed in range(1, TRANSFORMER["seeds"] + 1)]


def transformer_models(wc):
    """The trained state dicts and configs of a setting's transformer tier (of its context wc.k, when the rule has
    one), one per (k, training seed)."""
    runs = transformer_runs(wc.lang, wc.tier, wc.get("k"))
    stems = [f"results/tree/models/{wc.lang}/d{wc.d}/transformer_k{k}_s{s}" for k, s in runs]
    return {"models": [f"{stem}.pt" for stem in stems], "configs": [f"{stem}.json" for stem in stems]}


def transformer_depth(lang):
    """The depth a setting's transformers train at: tree.transformer.settings.<lang>.d, else its smallest depth."""
    return TRANSFORMER["settings"].get(lang, {}).get("d", min(LANGS[lang]["depths"]))


def transformer_panels(tiers=("transformer",)):
    """Per setting with transformers in `tiers`: its kind and the exact and transformer statistics at its depth."""
    panels = {}
    for lang in TRANSFORMER["settings"]:
        d = transformer_depth(lang)
        present = [t for t in tiers if tier_ks(lang, t)]
        if present:
            panels[lang] = {
                "label": f"{lang}, d={d}",
                "kind": process(lang)["kind"],
                "base": LANGS[lang]["b"],
                "exact": f"results/tree/statistics/{lang}/d{d}/exact.parquet",
                "transformer": [f"results/tree/statistics/{lang}/d{d}/{t}.parquet" for t in present],
            }
            if lang in TRANSFORMER["reasoning"]["settings"]:  # the trace transformer, drawn at k = its window W
                panels[lang]["reasoning"] = {
                    decoding: f"results/tree/statistics/{lang}/d{d}/reasoning_transformer_{decoding}.parquet"
                    for decoding in TRANSFORMER["reasoning"]["decodings"]
                }
                panels[lang]["window"] = d + 1 + TRANSFORMER["reasoning"]["margin"]
                panels[lang]["trace_model"] = f"results/tree/models/{lang}/d{d}/reasoning_transformer.json"
    return panels


def slow_tier_files():
    """Everything the slower transformer tier makes: per setting with slow_ks, its statistics and held-out losses."""
    files = []
    for lang in TRANSFORMER["settings"]:
        if tier_ks(lang, "transformer_slow"):
            d = transformer_depth(lang)
            files += [f"results/tree/statistics/{lang}/d{d}/transformer_slow{x}.parquet" for x in ("", "_loss")]
    return files


def truth_panels():
    """Per setting: b, θ, its exact table and the true-corpus statistics of each depth."""
    return {
        lang: {
            "b": s["b"],
            "theta": s["theta"],
            "truth": f"results/tree/truth/{lang}.parquet",
            "mc": {d: f"results/tree/statistics/{lang}/d{d}/true.parquet" for d in s["depths"]},
        }
        for lang, s in SETTINGS.items()
    }


# Scheduling only (no number changes): the trace models' chain (exact model → traces → training → sampling, ≈ 3 min
# in a row) and the context-k models (≈ 9 job-minutes, a context's sampling after its seeds' training; 10–16 by size
# in the default config, context_k_priority) start early, around the top ladder rungs (rung_priority: 25 and 12), so
# neither trails the run on one core while the other idles. The exact models (< 1 s each) take the chain's priority:
# at 0 they waited behind the trainers and held the chain back until 13 minutes into the run at 1f6142a. The tree's
# data (corpora, n-gram counts, counted models, the k-gram samplers: TREE_DATA_PRIORITY) comes before what reads it
# (statistics, figures, claims) and every other priority-0 job: at 1f6142a the chain to the counted sampler at d = 12
# (20 s) started last and ran alone for 23 s at the end.
TRACE_CHAIN_PRIORITY = 20
CONTEXT_K_PRIORITY = 10
TREE_DATA_PRIORITY = 1


def context_k_tokens(wc):
    """The tokens a context-k model of setting wc.lang at context wc.k trains on: steps · batch · k."""
    return transformer_option(wc.lang, "steps") * transformer_option(wc.lang, "batch") * int(wc.k)


def context_k_priority(wc):
    """A context-k model's training and sampling priority: CONTEXT_K_PRIORITY plus its training tokens in millions (16
    for the default coloring models, 11 for Ising k = 32, 10 for the shorter ones), so the longest start first: at
    equal priorities a 90-s coloring model could be the last job, trained and sampled alone."""
    return CONTEXT_K_PRIORITY + context_k_tokens(wc) // 10**6
