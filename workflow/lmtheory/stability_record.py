"""The recorded verdict stability: batches of seeds, each from one `python -m lmtheory.stability` run, merged per claim.

A batch is {commit, seeds, targets, configfiles, claims: [{claim, paper, PASS, FAIL, INCONCLUSIVE}]} for the
measurements it ran (a claim its overrides left NOT_RUN at every seed is not in it). Per claim the recorded counts are
the sums over the batches; its pass rate is PASS / (PASS + FAIL + INCONCLUSIVE) and it flips when two of the three are
non-zero. Batches hold counts, not the verdict of each seed, so a new batch that reruns a claim must rerun every seed
an older batch holds it at (it then replaces it there) or none of them (it adds to it); a partial overlap is an error.
A rerun thus never counts a (claim, seed) twice nor drops a seed it did not rerun.
"""

import polars as pl

VERDICTS = ["PASS", "FAIL", "INCONCLUSIVE", "NOT_RUN"]
COUNTED = VERDICTS[:3]  # the verdicts of a claim that ran


def batch_of(rates: pl.DataFrame, run: dict) -> dict:
    """A batch from a stability run's pass rates (lmtheory.stability.pass_rates) and its seeds.json."""
    ran = rates.filter((pl.col("kind") == "measurement") & pl.col("pass_rate").is_not_null())
    return {
        "commit": run.get("commit"),
        "seeds": sorted(run["seeds"]),
        "targets": run["papers"],
        "configfiles": run.get("configfiles", []),
        "claims": ran.select("claim", "paper", *COUNTED).sort("claim").to_dicts(),
    }


def merge(batches: list[dict], new: dict) -> list[dict]:
    """`batches` with `new` appended, unless it is recorded already; an older batch whose seeds `new` reran loses the
    claims `new` holds (and goes when none is left). Raises ValueError when `new` reruns a claim at only some of an
    older batch's seeds."""
    if new in batches:
        return batches
    rerun, seeds = {c["claim"] for c in new["claims"]}, set(new["seeds"])
    kept = []
    for batch in batches:
        shared = rerun & {c["claim"] for c in batch["claims"]}
        if shared and seeds & set(batch["seeds"]):
            if not seeds >= set(batch["seeds"]):
                raise ValueError(
                    f"the run of seeds {new['seeds']} reruns {len(shared)} claims (e.g. {min(shared)}) recorded at "
                    f"seeds {batch['seeds']} ({short_commit(batch['commit'])}) at only some of them: rerun all of "
                    "those seeds or none"
                )
            batch = {**batch, "claims": [c for c in batch["claims"] if c["claim"] not in rerun]}
        if batch["claims"]:
            kept.append(batch)
    return [*kept, new]


def short_commit(commit: str | None) -> str:
    """A commit as the docs name it: seven hex digits (and -dirty when the checkout had changes)."""
    if not commit:
        return "an unrecorded commit"
    return f"`{commit[:7]}{'-dirty' if commit.endswith('-dirty') else ''}`"


def combined(batches: list[dict]) -> pl.DataFrame:
    """Per claim: paper, the verdict counts summed over the batches, seeds, pass rate and whether it flips."""
    rows = [claim for batch in batches for claim in batch["claims"]]
    schema = {"claim": pl.String, "paper": pl.String, **{v: pl.Int64 for v in COUNTED}}
    totals = pl.DataFrame(rows, schema=schema).group_by("claim", "paper").agg(pl.col(COUNTED).sum())
    return totals.with_columns(
        seeds=pl.sum_horizontal(COUNTED),
        pass_rate=pl.col("PASS") / pl.sum_horizontal(COUNTED),
        flips=pl.sum_horizontal(pl.col(v) > 0 for v in COUNTED) > 1,
    ).sort("paper", "claim")


def describe(batch: dict) -> str:
    """A batch named by its seeds, targets, override files and commit."""
    overrides = "".join(f" with `{c}`" for c in batch["configfiles"])
    return f"seeds {batch['seeds']} of {' '.join(batch['targets'])}{overrides} at {short_commit(batch['commit'])}"


def seed_range(rates: pl.DataFrame) -> str:
    low, high = rates["seeds"].min(), rates["seeds"].max()
    return f"{low}" if low == high else f"{low}–{high}"


def stability_markdown(batches: list[dict]) -> str:
    """docs/stability.md: the runs behind it, then the pass-rate table of the measurements, flipping claims first."""
    rates = combined(batches)
    flipping = rates.filter(pl.col("flips"))["claim"].to_list()
    lines = [
        "# Verdict stability across seeds",
        "",
        f"{rates.height} measurements rerun at {seed_range(rates)} seeds each; {len(flipping)} flip across seeds"
        + (": " + ", ".join(f"`{c}`" for c in flipping) if flipping else "")
        + ".",
        "",
        "Runs (`python -m lmtheory.stability`, what `snakemake --cores all stability` runs; a later run that reruns "
        "a claim at every seed of an earlier one replaces it there):",
        "",
        *(f"- {describe(batch)}: {len(batch['claims'])} measurements" for batch in batches),
        "",
        "| claim | paper | seeds | PASS | FAIL | INCONCLUSIVE | pass rate |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in rates.sort(pl.col("flips").not_(), "paper", "claim").iter_rows(named=True):
        lines.append(
            f"| `{r['claim']}` | {r['paper']} | {r['seeds']} | {r['PASS']} | {r['FAIL']} | {r['INCONCLUSIVE']} "
            f"| {r['pass_rate']:.0%} |"
        )
    return "\n".join(lines) + "\n"
