"""Controls of the claims ledger: a claim's own measure and comparator applied to a model whose answer is known.

A positive control (the paper's reported numbers, the exact model or the true sampler) must PASS; a negative control
(a model that violates the claim: a sampler of the wrong law, a corpus without correlations, a ladder that does not
follow γ/(2β), ...) must FAIL. Each goes through the workflow's own path: `resolve_cases` fills the claim's input
templates from its cases and the control's settings or runs, the control writes those stage files under a temporary
root, and `measure_cases` and `decide` give the verdict as rule check_claim does.

Each paper's tests/<paper>/test_<paper>_controls.py lists its CONTROLS and checks them against the `controls:` the
claims declare (config/claims/<paper>.yaml), which the ledger shows.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from lmtheory.claims import decide, resolve_cases
from lmtheory.measures import measure_cases

ROOT = Path(__file__).resolve().parents[1]
EXPECTED = {"positive": "PASS", "negative": "FAIL"}


@dataclass(frozen=True)
class Control:
    """One control: the claim, its polarity, the model in words, and `write(root, cases)`, which writes the stage
    files of the resolved cases (their `inputs`, relative to root). settings/runs resolve symbolic cases."""

    claim: str
    polarity: str
    model: str
    write: Callable[[Path, list[dict]], None]
    settings: dict = field(default_factory=dict)
    runs: dict = field(default_factory=dict)

    def __str__(self) -> str:
        return f"{self.claim}:{self.polarity}"


def claims_of(paper: str) -> dict:
    """The claims of config/claims/<paper>.yaml by id."""
    return {c["id"]: c for c in yaml.safe_load((ROOT / f"config/claims/{paper}.yaml").read_text())}


def run_control(control: Control, root: Path) -> tuple[str, str]:
    """(verdict, reason) of the control's claim on the control's model."""
    claim = claims_of(control.claim.split(".")[0])[control.claim]
    cases = resolve_cases(claim, control.settings, control.runs)
    for path in {path for case in cases for path in case.get("inputs", [])}:
        (root / path).parent.mkdir(parents=True, exist_ok=True)
    control.write(root, cases)
    verdict, reason, _ = decide(measure_cases(claim, cases, control.settings, root), claim["comparator"])
    return verdict, reason


def assert_control(control: Control, root: Path) -> None:
    verdict, reason = run_control(control, root)
    assert verdict == EXPECTED[control.polarity], f"{control} ({control.model}): {verdict}: {reason}"


def assert_declared(paper: str, controls: list[Control]) -> None:
    """The controls a paper's claims declare are exactly those its tests run."""
    declared = {(cid, p) for cid, c in claims_of(paper).items() for p in c.get("controls", [])}
    assert declared == {(c.claim, c.polarity) for c in controls}
