# The scaling-law paper's stages, in pipeline order (helpers in settings.smk).


rule scaling_documents:
    """A corpus as documents (doc_id, title, text) from its source: an installed package, a local path or a hub; its
    local files are inputs, so editing one reruns what depends on it."""
    input:
        lambda wc: CORPUS_FILES.get(wc.corpus, []),
    output:
        "results/scaling/corpora/{corpus}.parquet",
    params:
        source=lambda wc: SCALING["corpora"][wc.corpus],
    log:
        "logs/scaling/corpora/{corpus}.log",
    threads: 1
    priority: FIRST_PRIORITY  # they gate the ladder, which should start early
    resources:
        mem_mb=lambda wc: 2000 if not PAPER_CORPORA.get(wc.corpus) else 32000,
        runtime=15,
    conda:
        "../../envs/core.yaml"
    script:
        "../../workflow/scripts/scaling/documents.py"


rule scaling_tokenise:
    """The run's tokeniser fitted on its corpus, the token stream and its train/test split (spec §2.1, §6.2)."""
    input:
        documents=lambda wc: f"results/scaling/corpora/{SCALING_RUNS[wc.run]['corpus']}.parquet",
    output:
        tokeniser="results/scaling/{run}/tokeniser.json",
        train="results/scaling/{run}/train.parquet",
        test="results/scaling/{run}/test.parquet",
    params:
        tokeniser=lambda wc: SCALING_RUNS[wc.run]["tokeniser"],
        split=lambda wc: run_option(wc.run, "split"),
    log:
        "logs/scaling/{run}/tokenise.log",
    threads: 1
    priority: FIRST_PRIORITY  # they gate the ladder, which should start early
    resources:
        mem_mb=lambda wc: by_scale(wc.run, 4000, 64000),
        runtime=lambda wc: by_scale(wc.run, 15, 240),
    conda:
        "../../envs/core.yaml"
    script:
        "../../workflow/scripts/scaling/tokenise.py"


rule scaling_correlations:
    """‖Ĉ(n)‖_op, Frobenius norms and top singular values over the lag grid, and the permutation floor (§2.2)."""
    input:
        train="results/scaling/{run}/train.parquet",
        tokeniser="results/scaling/{run}/tokeniser.json",
    output:
        "results/scaling/{run}/correlations.parquet",
    params:
        options=lambda wc: run_option(wc.run, "correlations"),
        seed=SEED,
    log:
        "logs/scaling/{run}/correlations.log",
    threads: 1
    resources:
        mem_mb=lambda wc: by_scale(wc.run, 4000, 32000),
        runtime=lambda wc: by_scale(wc.run, 15, 240),
    conda:
        "../../envs/core.yaml"
    script:
        "../../workflow/scripts/scaling/correlations.py"


rule scaling_beta:
    """β from the frozen 3×-floor window with its SE, β_F, the hinge fit and the floor's flatness (§4.1)."""
    input:
        lags="results/scaling/{run}/correlations.parquet",
    output:
        "results/scaling/{run}/beta.json",
    params:
        options=lambda wc: run_option(wc.run, "correlations"),
        seed=SEED,
    log:
        "logs/scaling/{run}/beta.log",
    localrule: True
    conda:
        "../../envs/core.yaml"
    script:
        "../../workflow/scripts/scaling/beta.py"


rule scaling_rung:
    """One rung of the data ladder: a GPT trained on the first P training tokens with early stopping on the test
    windows; its per-position test losses L_n (rung P<p>_long: the top rung with check_factor× the steps)."""
    input:
        train="results/scaling/{run}/train.parquet",
        test="results/scaling/{run}/test.parquet",
        tokeniser="results/scaling/{run}/tokeniser.json",
    output:
        json="results/scaling/{run}/ladder/{rung}.json",
        model="results/scaling/{run}/ladder/{rung}.pt",
    wildcard_constraints:
        rung=rungs.RUNG_PATTERN,
    params:
        rung=rung_of,
        name=lambda wc: wc.rung,
        seed=SEED,
    log:
        "logs/scaling/{run}/ladder/{rung}.log",
    threads: 1  # a ≈1M-parameter model trains fastest per core on one thread; two rungs run side by side
    priority: rung_priority  # the longest rungs first, so the ladder does not trail the run
    resources:
        mem_mb=lambda wc: by_scale(wc.run, 3000, 32000),
        runtime=lambda wc: training_minutes(rung_of(wc), run_option(wc.run, "model")["n_layer"]),
        gpu=SCALING["gpu"],
    conda:
        "../../envs/core.yaml"
    script:
        "../../workflow/scripts/scaling/rung.py"


# C8's n-gram leg at a statistics run (no ladder): one transformer on the whole training stream, `base` with the leg's
# steps and `long` with check_factor× them (C15's data-limited test); its L_n (n ≤ 3) meet the count n-gram model's.
use rule scaling_rung as scaling_ngram_leg with:
    output:
        json="results/scaling/{run}/ngram_leg/{check}.json",
        model="results/scaling/{run}/ngram_leg/{check}.pt",
    wildcard_constraints:
        check="|".join(rungs.NGRAM_LEG_CHECKS),
    params:
        rung=ngram_leg_of,
        name=lambda wc: f"ngram_leg_{wc.check}",
        seed=SEED,
    log:
        "logs/scaling/{run}/ngram_leg/{check}.log",
    priority: lambda wc: ngram_leg_of(wc)["steps"] // 100
    resources:
        mem_mb=lambda wc: by_scale(wc.run, 3000, 32000),
        runtime=lambda wc: training_minutes(ngram_leg_of(wc)),
        gpu=SCALING["gpu"],


rule scaling_count_entropy:
    """Count-based conditional entropies, plug-in on train and held-out on test, n ≤ count_max_n: the γ estimator of
    C14 at character level, and the n-gram model of C8 at any level."""
    input:
        train="results/scaling/{run}/train.parquet",
        test="results/scaling/{run}/test.parquet",
        tokeniser="results/scaling/{run}/tokeniser.json",
    output:
        "results/scaling/{run}/count_entropy.parquet",
    params:
        options=lambda wc: run_option(wc.run, "entropy"),
    log:
        "logs/scaling/{run}/count_entropy.log",
    threads: 1
    resources:
        mem_mb=lambda wc: by_scale(wc.run, 4000, 48000),  # paper: sorts of ≈ 5e8 int64 keys
        runtime=lambda wc: by_scale(wc.run, 15, 240),
    conda:
        "../../envs/core.yaml"
    script:
        "../../workflow/scripts/scaling/count_entropy.py"


rule scaling_gamma:
    """γ from the count entropies and α_pred = γ/(2β) with its Eq. 56 error, without training a ladder: β, γ and α_pred
    of a corpus in minutes (the claims use exponents.json, whose γ prefers the model's converged losses)."""
    input:
        beta="results/scaling/{run}/beta.json",
        counts="results/scaling/{run}/count_entropy.parquet",
    output:
        "results/scaling/{run}/gamma.json",
    log:
        "logs/scaling/{run}/gamma.log",
    localrule: True
    conda:
        "../../envs/core.yaml"
    script:
        "../../workflow/scripts/scaling/gamma.py"


rule scaling_exponents:
    """γ (labelled estimator), α̂_D with its first-m sweep, α_pred = γ/(2β) with Eq. 56 error, the collapse scan."""
    input:
        unpack(exponent_inputs),
    output:
        exponents="results/scaling/{run}/exponents.json",
        collapse="results/scaling/{run}/collapse.parquet",
    params:
        entropy=lambda wc: run_option(wc.run, "entropy"),
        collapse=lambda wc: run_option(wc.run, "collapse"),
        bootstrap=lambda wc: run_option(wc.run, "correlations")["bootstrap"],
        seed=SEED,
    log:
        "logs/scaling/{run}/exponents.log",
    threads: 1
    resources:
        mem_mb=2000,
        runtime=15,
    conda:
        "../../envs/core.yaml"
    script:
        "../../workflow/scripts/scaling/exponents.py"


rule scaling_fast_learning:
    """δ_n of L_n(P) above the data threshold 10 P*_n for n ≤ 12, against α_pred = γ/(2β) (§2.5, C9)."""
    input:
        correlations="results/scaling/{run}/correlations.parquet",
        exponents="results/scaling/{run}/exponents.json",
        rungs=lambda wc: rung_files(wc.run),
    output:
        "results/scaling/{run}/fast_learning.json",
    log:
        "logs/scaling/{run}/fast_learning.log",
    localrule: True
    conda:
        "../../envs/core.yaml"
    script:
        "../../workflow/scripts/scaling/fast_learning.py"


for figure in ("correlations", "entropy", "law", "collapse"):

    rule:
        name:
            f"scaling_{figure}_figure"
        input:
            unpack(lambda wc: figure_inputs()),
        output:
            **figure_files(f"scaling_{figure}", "scaling"),
        log:
            f"logs/figures/scaling_{figure}.log",
        localrule: True
        conda:
            "../../envs/core.yaml"
        script:
            "../../workflow/scripts/scaling/plot.py"
