# The scaling-law paper (scaling_laws.md): documents → token streams → correlations and β; the data ladder of
# transformers → per-position losses; γ, α̂_D, the prediction γ/(2β) and the collapse → figures and claims.


include: "scaling/settings.smk"


if SCALING_RUNS:  # the ladder's figures once a run has a ladder (a statistics run has none)
    LADDER_FIGURES = ("entropy", "law", "collapse") if set(map(run_scale, SCALING_RUNS)) - {"statistics"} else ()
    FIGURES["scaling"] = [f"figures/scaling_{name}.pdf" for name in ("correlations", *LADDER_FIGURES)]
CLAIM_RUNS.update({run: run_scale(run) for run in SCALING_RUNS})


include: "scaling/stages.smk"
