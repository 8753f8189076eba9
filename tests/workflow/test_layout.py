"""The house: no paper imports another, the toolkit imports no paper, and every job lists as inputs every library
module its script runs (checked against the standard library's modulefinder, not against lmtheory.code_inputs)."""

import ast
import re

import pytest

from workflow_helpers import (
    IN_PROCESS,
    LIBRARY,
    ROOT,
    copy_workflow,
    dynamic_modules,
    imported_modules,
    job_scripts,
    planned_files,
    planned_jobs,
    snakemake,
)

PAPERS = re.search(r"^PAPERS = \[(.*)\]$", (ROOT / "Snakefile").read_text(), re.M)[1].replace('"', "").split(", ")


def owner(module: str) -> str:
    """The paper a dotted lmtheory module belongs to, or 'toolkit'."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in PAPERS else "toolkit"


def test_papers_list_matches_the_packages():
    packages = {p.parent.name for p in (LIBRARY / "lmtheory").glob("*/__init__.py")}
    assert set(PAPERS) == packages
    for paper in PAPERS:
        assert (LIBRARY / "lmtheory" / paper / "measures.py").is_file()
        assert (ROOT / "rules" / f"{paper}.smk").is_file() and (ROOT / "config/claims" / f"{paper}.yaml").is_file()
        assert (ROOT / "tests" / paper).is_dir() and (ROOT / "workflow/schemas" / f"{paper}.schema.yaml").is_file()


def test_no_paper_imports_another_and_the_toolkit_imports_none():
    crossings = []
    for path in sorted((LIBRARY / "lmtheory").rglob("*.py")):
        module = ".".join(path.relative_to(LIBRARY).with_suffix("").parts).removesuffix(".__init__")
        for node in ast.walk(ast.parse(path.read_text())):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                assert node.level == 0, f"{path}: relative import"
                names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
            for name in names:
                if name.startswith("lmtheory.") and owner(name) not in ("toolkit", owner(module)):
                    crossings.append((module, name))
    assert crossings == []


def test_every_job_lists_the_modules_its_script_imports(tmp_path):
    """Dry run of every job of the default config, the report and gamma.json: each job of a rule with a script has
    the script among its inputs and every lmtheory module the script imports, directly or not (for a rule run
    in-process, the module its `run:` block calls stands for the script); the target rules have no script."""
    workdir = copy_workflow(tmp_path)
    targets = ("all", "report", "results/scaling/kjv_char/gamma.json")  # gamma.json is a target of its own
    jobs = planned_files(snakemake(workdir, "-n", "--forceall", *targets).stdout)
    assert len(jobs) > 300
    missing, checked = {}, {}
    for rule, inputs, _, wildcards in jobs:
        scripts = job_scripts(rule, inputs)
        if rule in ("all", *PAPERS):
            assert scripts == [], rule
            continue
        assert len(scripts) == 1, (rule, scripts)
        key = (scripts[0], dynamic_modules(rule, wildcards))
        if key not in checked:
            checked[key] = imported_modules(ROOT / key[0], key[1])
        if lost := checked[key] - inputs:
            missing[rule] = sorted(lost)
    assert missing == {}
    assert {script for script, _ in checked} == {
        *(str(p.relative_to(ROOT)) for p in (ROOT / "workflow/scripts").rglob("*.py")),
        *IN_PROCESS.values(),
    }, "a script no rule runs"


def test_every_job_with_a_log_records_its_time_under_its_rule(tmp_path):
    """Dry run of every job: each job with a log has one benchmark record, logs/benchmarks/<group>/<rule>/….tsv, its
    own (lmtheory.run_times reads the rule and group from the path); group is the paper of the rule's rules file.
    The record is a Snakemake benchmark, or, for a rule run inside Snakemake's process (the claim checks), a log the
    job writes itself."""
    workdir = copy_workflow(tmp_path)
    output = snakemake(workdir, "-n", "--forceall", "all", "report").stdout
    records, logged = [], 0
    for block in re.split(r"\n(?=(?:local)?rule \w+:\n)", output):
        if (rule := re.match(r"(?:local)?rule (\w+):\n", block)) and re.search(r"^    log: ", block, re.M):
            logged += 1
            record = r"^    (?:benchmark|log): (?:\S+, )?logs/benchmarks/(\w+)/(\w+)/([^\s,]+)\.tsv"
            benchmark = re.search(record, block, re.M)
            assert benchmark and benchmark[2] == rule[1], block[:300]
            records.append(benchmark.groups())
    assert logged > 300 and len(set(records)) == logged
    groups = {(group, rule) for group, rule, _ in records}
    assert ("tree", "sample_exact") in groups and ("scaling", "scaling_rung") in groups
    assert ("claims", "check_claim") in groups


@pytest.mark.parametrize("paper", PAPERS)
def test_each_paper_plans_alone(tmp_path, paper):
    """PAPERS = [paper] with the other sections removed (`<other>: null`): the workflow parses and plans the paper's
    jobs, so no rule of one paper needs a name another paper's rules define."""
    workdir = copy_workflow(tmp_path)
    snakefile = workdir / "Snakefile"
    snakefile.write_text(re.sub(r"^PAPERS = \[.*\]$", f'PAPERS = ["{paper}"]', snakefile.read_text(), flags=re.M))
    (workdir / "alone.yaml").write_text("\n".join(f"{other}: null" for other in PAPERS if other != paper) + "\n")
    jobs = planned_jobs(snakemake(workdir, "-n", "--configfile", "alone.yaml").stdout)
    claims = {w["claim"].split(".")[0] for rule, w in jobs if rule == "check_claim"}
    assert claims == {paper} and any(rule == "ledger" for rule, _ in jobs)
