# The scaling-law paper (scaling_laws.md): documents → token streams → correlations and β; the data ladder of
# transformers → per-position losses; γ, α̂_D, the prediction γ/(2β) and the collapse → figures and claims.


include: "scaling/settings.smk"


if SCALING_RUNS:
    FIGURES["scaling"] = [f"figures/scaling_{name}.pdf" for name in ("correlations", "entropy", "law", "collapse")]
CLAIM_RUNS.update({run: run_scale(run) for run in SCALING_RUNS})


include: "scaling/stages.smk"
