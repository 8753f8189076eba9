"""Helpers of the workflow tests: a copy of the workflow to run in, Snakemake as a subprocess, dry-run parsing, and
the library modules a script imports as the standard library's modulefinder resolves them (an independent reference
for lmtheory.code_inputs)."""

import ast
import re
import subprocess
import sys
from modulefinder import ModuleFinder
from pathlib import Path

from lmtheory import stability

ROOT = Path(__file__).resolve().parents[2]
LIBRARY = ROOT / "workflow"
# rule → the library module its `run:` block calls inside the Snakemake process (it stands for the rule's script)
IN_PROCESS = ast.literal_eval(re.search(r"^IN_PROCESS = (\{.*\})$", (ROOT / "rules/common.smk").read_text(), re.M)[1])


def job_scripts(rule: str, inputs) -> list[str]:
    """The inputs of a job that are its rule's script: under workflow/scripts/, or the IN_PROCESS module."""
    return [path for path in inputs if path.startswith("workflow/scripts/") or path == IN_PROCESS.get(rule)]


def copy_workflow(dest: Path) -> Path:
    """The workflow's tracked inputs under dest (as the stability target copies them), dest returned."""
    stability.copy_workflow(ROOT, dest)
    return dest


def snakemake(workdir: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    result = subprocess.run([sys.executable, "-m", "snakemake", *args], cwd=workdir, capture_output=True, text=True)
    if check and result.returncode:
        raise AssertionError(f"snakemake {' '.join(args)} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return result


def planned_jobs(output: str) -> list[tuple[str, dict]]:
    """(rule, wildcards) of every job in a dry run's output."""
    jobs, rule = [], None
    for line in output.splitlines():
        if m := re.match(r"^(?:local)?rule (\w+):", line.strip()):
            rule = m.group(1)
            jobs.append((rule, {}))
        elif (m := re.match(r"^wildcards: (.*)$", line.strip())) and jobs:
            jobs[-1] = (rule, dict(kv.split("=", 1) for kv in m.group(1).split(", ")))
    return jobs


def imported_modules(script: Path, extra: tuple[str, ...] = ()) -> set[str]:
    """Files of the lmtheory modules a script imports, transitively, as modulefinder resolves them."""
    finder = ModuleFinder(path=[str(LIBRARY)])
    finder.run_script(str(script))
    for name in extra:
        finder.import_hook(name)
    return {
        str(Path(module.__file__).relative_to(ROOT))
        for name, module in finder.modules.items()
        if (name == "lmtheory" or name.startswith("lmtheory.")) and module.__file__
    }


def dynamic_modules(rule: str, wildcards: dict) -> tuple[str, ...]:
    """The modules the two generic scripts import by name: a claim's paper's measures, a table's experiments."""
    if rule == "check_claim":
        return (f"lmtheory.{wildcards['claim'].split('.')[0]}.measures",)
    if rule == "experiment_table":
        return (f"lmtheory.{wildcards['paper']}.experiments",)
    return ()


def planned_files(output: str) -> list[tuple[str, set[str], list[str], dict]]:
    """(rule, inputs, outputs, wildcards) of every job in a dry run's output."""
    jobs = []
    for block in re.split(r"\n(?=(?:local)?rule \w+:\n)", output):
        if m := re.match(r"(?:local)?rule (\w+):\n", block):
            field = {key: re.search(rf"^    {key}: (.*)$", block, re.M) for key in ("input", "output", "wildcards")}
            inputs, outputs, wildcards = (f[1].split(", ") if f else [] for f in field.values())
            jobs.append((m[1], set(inputs), outputs, dict(kv.split("=", 1) for kv in wildcards)))
    return jobs
