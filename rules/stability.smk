# Verdict stability (not in the default run): `snakemake --cores all stability` reruns the papers' claims at each seed
# of config key `stability` (default 1..5, every paper; `transformers` names the tree paper's transformer claims
# alone, a claim id that claim) in results/stability/seed<s>/ and writes the pass rates; `python -m
# lmtheory.readme_ledger` records them.
STABILITY = {"seeds": [1, 2, 3, 4, 5], "papers": PAPERS, **config.get("stability", {})}
if unknown := set(STABILITY["papers"]) - {*PAPERS, "transformers", *CLAIMS}:
    raise WorkflowError(
        f"config key stability.papers: {sorted(unknown)} are not targets; have {[*PAPERS, 'transformers']} "
        "or a claim id of the ledger"
    )


rule stability:
    """Every paper's claims at several seeds: results/stability/STABILITY.md and pass_rates.csv (lmtheory.stability)."""
    output:
        "results/stability/STABILITY.md",
        "results/stability/pass_rates.csv",
        "results/stability/seeds.json",
    params:
        seeds=" ".join(str(seed) for seed in STABILITY["seeds"]),
        papers=" ".join(STABILITY["papers"]),
        configfiles=" ".join(
            f"--configfile {path}"
            for path in workflow.configfiles
            if Path(path).resolve() != Path("config/config.yaml").resolve()
        ),
    log:
        "logs/stability.log",
    threads: 64  # the nested runs take every core the command gives (Snakemake caps threads at --cores)
    localrule: True
    conda:
        "../envs/core.yaml"
    shell:
        "python -m lmtheory.stability --seeds {params.seeds} --papers {params.papers} --cores {threads} "
        "{params.configfiles} > {log} 2>&1"
