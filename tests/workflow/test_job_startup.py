"""A job's start-up: the scripts that the default run starts many times load no heavy library they do not use.

Each job is a fresh Python process that runs its script's top-level imports before any work; torch costs ≈ 1.5 s
and scipy.stats ≈ 0.7 s of that on the project's machine (`python benchmarks/workflow_overhead.py --imports`). A
module that imports one of them at its top for a helper it rarely calls makes every job of every script importing it
pay; these tests fail when that comes back.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from lmtheory.code_inputs import top_level_imports

ROOT = Path(__file__).resolve().parents[2]
SCRIPTS = ROOT / "workflow" / "scripts"
HEAVY = ("torch", "scipy.stats", "matplotlib")

# scripts with five or more jobs in the default run (docs/run_times.json), none of which trains or plots; their
# top-level imports only (experiment_table.py also imports a paper's experiments module by name, at run time)
LIGHT = [
    "tree/corpus.py",
    "tree/count_ngrams.py",
    "tree/counted_model.py",
    "tree/exact_model.py",
    "tree/coloring_statistics.py",
    "tree/sequence_statistics.py",
    "tree/sample_exact.py",
    "tree/sample_counted.py",
    "tree/sample_reasoning.py",
    "tree/ks_distance.py",
    "tree/kgram_loss.py",
    "tree/fit_loss_slope.py",
    "experiment_table.py",
    "figure_caption.py",
]
# the jobs that train or sample a model need torch, and nothing else heavy
TORCH = [
    "tree/train_transformer.py",
    "tree/sample_transformer.py",
    "tree/train_reasoning_transformer.py",
    "tree/sample_reasoning_transformer.py",
    "scaling/rung.py",
]


def loaded(script: str) -> set[str]:
    """The heavy modules present after a fresh interpreter runs the script's top-level imports."""
    probe = f"\nimport sys; print(' '.join(m for m in {HEAVY!r} if m in sys.modules))"
    result = subprocess.run(
        [sys.executable, "-c", top_level_imports(SCRIPTS / script) + probe],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT / "workflow")},
        capture_output=True,
        text=True,
        check=True,
    )
    return set(result.stdout.split())


@pytest.mark.parametrize("script", LIGHT)
def test_a_light_script_loads_no_heavy_library(script):
    assert loaded(script) == set()


@pytest.mark.parametrize("script", TORCH)
def test_a_transformer_script_loads_torch_only(script):
    assert loaded(script) == {"torch"}


def test_top_level_imports_skip_code_and_nested_imports(tmp_path):
    script = tmp_path / "job.py"
    script.write_text("import os\nx = 1\nfrom pathlib import Path\n\n\ndef f():\n    import json\n")
    assert top_level_imports(script) == "import os\nfrom pathlib import Path"
