# The tree paper (tree_broadcast.md): corpora → n-gram counts → k-gram models → samples → statistics → fits → figures.


include: "tree/settings.smk"


wildcard_constraints:
    lang="|".join(LANGS),
    d=r"\d+",
    k=r"\d+",


FIGURES["tree"] = [
    "figures/ising_truth.pdf",
    "figures/ising_variance.pdf",
    "figures/ising_kurtosis.pdf",
    "figures/ising_collapse.pdf",
    "figures/kgram_loss.pdf",
    "figures/coloring_consistency.pdf",
    "figures/context_vs_reasoning.pdf",
    # the transformers' figure, unless an override removed every transformer (config/no_transformers.yaml)
    *(["figures/transformer_vs_ansatz.pdf"] if TRANSFORMER["settings"] or TRANSFORMER["reasoning"]["settings"] else []),
]
# What claim cases resolve against: each setting's depths, its kind (a case's `lang: ising` means every Ising setting),
# the depth its transformers train at (none without transformers), and its process (the params of its claims: changing another setting leaves a
# claim alone).
TRAINED_LANGS = {*TRANSFORMER["settings"], *TRANSFORMER["reasoning"]["settings"]}
CLAIM_SETTINGS.update(
    {
        lang: {
            "depths": s["depths"],
            "kind": process(lang)["kind"],
            "trained_depth": transformer_depth(lang) if lang in TRAINED_LANGS else None,
            "params": process(lang),
        }
        for lang, s in LANGS.items()
    }
)


include: "tree/corpora.smk"
include: "tree/ngrams.smk"
include: "tree/models.smk"
include: "tree/sampling.smk"
include: "tree/transformers.smk"
include: "tree/statistics.smk"
include: "tree/fits.smk"
include: "tree/figures.smk"


rule transformers:
    """Every trained transformer of the tree paper (context-k, per seed, and the trace models) with its claims and
    figure: the CPU default, or the paper tier with --configfile=config/paper.yaml (sized for one GPU)."""
    input:
        "figures/transformer_vs_ansatz.pdf",
        lambda wc: [f"results/claims/{cid}.json" for cid in CLAIMS if TRANSFORMER_CLAIM.match(cid)],
    localrule: True


rule transformer_slow:
    """The slower transformer tier (spec §6.2: Ising k = 64, coloring k = 125): statistics, losses and figure."""
    input:
        slow_tier_files(),
        "figures/transformer_vs_ansatz_slow.pdf",
