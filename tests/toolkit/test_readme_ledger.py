"""The README's ledger section is generated from the recorded full run (docs/ledger.json), and that run holds the
claims as the claims files declare them (ids, kind, controls)."""

import json

import pytest
import yaml

from claim_controls import ROOT
from lmtheory.ledger import controls_label
from lmtheory.readme_ledger import BEGIN, END, controls_of, main, splice, stability_batches, summary_markdown
from lmtheory.stability_record import stability_markdown


def recorded_run() -> dict:
    return json.loads((ROOT / "docs/ledger.json").read_text())


def test_the_readme_ledger_section_is_the_one_generated_from_the_recorded_run():
    readme = (ROOT / "README.md").read_text()
    section = readme.split(BEGIN, 1)[1].split(END, 1)[0].removeprefix("\n")
    assert section == summary_markdown(recorded_run()), (
        "README.md's ledger section is stale: python -m lmtheory.readme_ledger"
    )


def test_docs_stability_is_the_table_of_the_recorded_batches():
    batches = recorded_run()["stability"]["batches"]
    assert (ROOT / "docs/stability.md").read_text() == stability_markdown(batches), (
        "docs/stability.md is stale: python -m lmtheory.readme_ledger"
    )


def test_the_recorded_run_has_the_claims_of_the_claims_files():
    """Every default-scale claim of config/claims/*.yaml is in the recorded run, with the same kind and controls; a
    claim added or relabelled since needs a new run (snakemake --cores all; python -m lmtheory.readme_ledger)."""
    claims = {
        c["id"]: c for p in sorted((ROOT / "config/claims").glob("*.yaml")) for c in yaml.safe_load(p.read_text())
    }
    recorded = {c["claim"]: c for c in recorded_run()["claims"]}
    assert set(recorded) == {cid for cid, c in claims.items() if c.get("scale") != "paper"}
    for cid, row in recorded.items():
        assert (row["kind"], row["controls"]) == (claims[cid]["kind"], claims[cid].get("controls", [])), cid


def test_a_changed_verdict_changes_the_section():
    record = {
        "commit": "abc",
        "run_kind": "default",
        "claims": [
            {
                "claim": "a.x",
                "paper": "a",
                "spec": "C1",
                "kind": "measurement",
                "controls": ["positive", "negative"],
                "verdict": "PASS",
            },
            {"claim": "a.y", "paper": "a", "spec": "C2", "kind": "exact", "controls": [], "verdict": "PASS"},
        ],
    }
    text = summary_markdown(record)
    assert (
        "1 measurements — 1 PASS, 0 FAIL, 0 INCONCLUSIVE" in text
        and "| a | 2 | 1 / 0 / 0 | 1 / 0 / 0 | 1 | 1 | 1 |" in text
    )
    record["claims"][0]["verdict"] = "FAIL"
    assert summary_markdown(record) != text and "`a.x` (C1): FAIL" in summary_markdown(record)
    readme = f"intro\n{BEGIN}\nold\n{END}\nrest\n"
    assert splice(readme, text) == f"intro\n{BEGIN}\n{text}{END}\nrest\n"


def test_the_controls_label_reads_back_as_the_declared_controls():
    """'positive; no negative control' is a positive control only (the word 'negative' in it is not a control)."""
    for controls in ([], ["positive"], ["negative"], ["positive", "negative"]):
        assert controls_of(controls_label(controls)) == controls


def stability_run(folder, seeds: list[int], commit: str):
    """A stability run's outputs: a.x FAILs at each seed, an exact check and a claim the run left NOT_RUN."""
    folder.mkdir(parents=True)
    (folder / "seeds.json").write_text(
        json.dumps({"seeds": seeds, "papers": ["a"], "configfiles": [], "commit": commit})
    )
    (folder / "pass_rates.csv").write_text(
        "claim,paper,kind,PASS,FAIL,INCONCLUSIVE,NOT_RUN,distinct,seeds,pass_rate,flips\n"
        f"a.x,a,measurement,0,{len(seeds)},0,0,1,{len(seeds)},0.0,false\n"
        f"a.e,a,exact,{len(seeds)},0,0,0,1,{len(seeds)},1.0,false\n"
        f"a.off,a,measurement,0,0,0,{len(seeds)},0,{len(seeds)},,false\n"
    )
    return folder


def test_a_run_without_stability_keeps_the_recorded_batches_and_a_new_run_is_merged(tmp_path):
    old = {"commit": "abc", "seeds": [1, 2], "targets": ["a"], "configfiles": [], "claims": [claim("a.x", 2, 0)]}
    recorded = {"commit": "abc", "stability": {"batches": [old]}}
    assert stability_batches(recorded, []) == [old]
    run = stability_run(tmp_path / "stability", [3], "def")
    batches = stability_batches(recorded, [run])
    assert [b["commit"] for b in batches] == ["abc", "def"] and batches[1]["claims"] == [claim("a.x", 0, 1)]
    assert stability_batches({"stability": {"batches": batches}}, [run]) == batches  # recorded already: no change
    text = summary_markdown({"commit": "z", "run_kind": "default", "claims": [], "stability": {"batches": batches}})
    assert "seeds [1, 2, 3] in 2 runs at `abc`, `def`, listed" in text
    assert "1 measurements rerun at 3 seeds each, 1 flip: `a.x`." in text
    measured = {"paper": "a", "spec": "C1", "kind": "measurement", "controls": [], "verdict": "PASS"}
    claims = [{**measured, "claim": name} for name in ("a.x", "a.z")]
    text = summary_markdown({"commit": "z", "run_kind": "default", "claims": claims, "stability": {"batches": batches}})
    assert "1 flip: `a.x`; not rerun yet: `a.z`." in text  # a measurement of the ledger that no batch holds


def claim(name: str, passed: int, failed: int) -> dict:
    return {"claim": name, "paper": name.split(".")[0], "PASS": passed, "FAIL": failed, "INCONCLUSIVE": 0}


def test_stability_only_records_the_seeds_and_keeps_the_recorded_run(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "docs").mkdir()
    run = {
        "commit": "abc",
        "run_kind": "default",
        "claims": [
            {"claim": "a.x", "paper": "a", "spec": "C1", "kind": "measurement", "controls": [], "verdict": "PASS"}
        ],
    }
    (tmp_path / "docs/ledger.json").write_text(json.dumps(run))
    (tmp_path / "README.md").write_text(f"intro\n{BEGIN}\nold\n{END}\n")
    seeds = str(stability_run(tmp_path / "seeds", [4, 5], "def"))
    before = {name: (tmp_path / name).read_text() for name in ("docs/ledger.json", "README.md")}
    with pytest.raises(SystemExit):  # a folder without a stability run is named before anything is written
        main(["--stability", seeds, "nowhere", "--stability-only"])
    (tmp_path / "README.md").write_text("no markers\n")
    with pytest.raises(ValueError, match="lacks the markers"):  # the README is spliced before anything is written
        main(["--stability", seeds, "--stability-only"])
    assert (tmp_path / "docs/ledger.json").read_text() == before["docs/ledger.json"]
    assert not (tmp_path / "docs/stability.md").exists()
    (tmp_path / "README.md").write_text(before["README.md"])
    main(["--stability", seeds, "--stability-only"])
    record = json.loads((tmp_path / "docs/ledger.json").read_text())
    assert record["claims"] == run["claims"] and record["commit"] == "abc"
    assert record["stability"]["batches"][0]["claims"] == [claim("a.x", 0, 2)]
    assert "seeds [4, 5] of a at `def`" in (tmp_path / "docs/stability.md").read_text()
    assert "1 measurements — 1 PASS" in (tmp_path / "README.md").read_text()
