"""The run-time table (docs/run_time.md) and the README's headline are generated from the recorded run's benchmark
records (docs/run_times.json)."""

import json

import pytest

from claim_controls import ROOT
from lmtheory.run_times import (
    BEGIN,
    END,
    HEADLINE_BEGIN,
    HEADLINE_END,
    headline_markdown,
    read_jobs,
    section_markdown,
    summarise,
)

HEADER = "s\th:m:s\tmax_rss\tmax_vms\tmax_uss\tmax_pss\tio_in\tio_out\tmean_load\tcpu_time\n"


def write_record(root, group, rule, name, wall, cpu):
    path = root / "benchmarks" / group / rule / f"{name}.tsv"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(HEADER + f"{wall}\t0:00:01\t1\t1\t1\t1\t0\t0\t50\t{cpu}\n")


def test_jobs_are_summed_per_rule_and_groups_ordered_by_wall(tmp_path):
    write_record(tmp_path, "tree", "sample_exact", "a/d8", 10.0, 9.5)
    write_record(tmp_path, "tree", "sample_exact", "a/d10", 30.0, 29.0)
    write_record(tmp_path, "tree", "exact_model", "a", 1.0, 0.5)
    write_record(tmp_path, "claims", "check_claim", "x", 100.0, "-")  # CPU not measured: NaN, not 0
    rows = summarise(read_jobs(tmp_path))
    assert [(r["group"], r["rule"], r["jobs"]) for r in rows] == [
        ("claims", "check_claim", 1),
        ("tree", "sample_exact", 2),
        ("tree", "exact_model", 1),
    ]
    assert rows[1]["wall"] == 40.0 and rows[1]["cpu"] == 38.5 and rows[1]["max"] == 30.0
    assert rows[0]["cpu"] != rows[0]["cpu"]


def test_no_records_is_an_error_naming_the_folder(tmp_path):
    with pytest.raises(SystemExit, match="benchmarks: no benchmark records"):
        read_jobs(tmp_path)


def between(path, begin, end) -> str:
    return (ROOT / path).read_text().split(begin, 1)[1].split(end, 1)[0].removeprefix("\n")


def test_the_run_time_table_and_headline_are_the_ones_generated_from_the_recorded_run():
    record = json.loads((ROOT / "docs/run_times.json").read_text())
    stale = "is stale: python -m lmtheory.run_times --record"
    assert between("docs/run_time.md", BEGIN, END) == section_markdown(record), f"docs/run_time.md {stale}"
    assert between("README.md", HEADLINE_BEGIN, HEADLINE_END) == headline_markdown(record), f"README.md {stale}"


def test_the_headline_splits_job_minutes_into_the_run_time_guide_parts():
    """Tree rules naming a transformer, the rest of tree, scaling, everything else: each job counted once."""
    jobs = [
        {"group": "tree", "rule": "train_transformer", "wall": 120.0, "cpu": 1.0},
        {"group": "tree", "rule": "sample_exact", "wall": 60.0, "cpu": 1.0},
        {"group": "scaling", "rule": "scaling_rung", "wall": 300.0, "cpu": 1.0},
        {"group": "claims", "rule": "check_claim", "wall": 6.0, "cpu": 1.0},
    ]
    record = {"command": "snakemake --cores 2", "commit": "abc", "wall_s": 600.0, "machine": "m", "jobs": jobs}
    line = headline_markdown(record)
    assert (
        "tree sampling and statistics 1.0, tree transformers 2.0, scaling 5.0, icl, cot, tables, claims and report 0.1"
        in line
    )
