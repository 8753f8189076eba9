"""A new paper is its own new files plus one line of shared code (its name in PAPERS): here a toy paper whose one
rule writes a table and whose one claim checks it, run end to end in a copy of the workflow."""

import json
import os
import subprocess
import sys

from workflow_helpers import copy_workflow

FILES = {
    "workflow/lmtheory/toy/__init__.py": '"""A toy paper."""\n',
    "workflow/lmtheory/toy/measures.py": (
        '"""Toy measures."""\n\nimport json\n\n\ndef mean(case, paths, setting):\n'
        '    values = json.load(open(paths[0]))["values"]\n'
        "    mean = sum(values) / len(values)\n"
        '    return {"label": "toy", "value": mean, "n": len(values), "expected": case["expected"]}\n\n\n'
        "MEASURES = {'mean': mean}\n"
    ),
    "workflow/scripts/toy/table.py": (
        'import json\n\nn = snakemake.params.n\njson.dump({"values": list(range(n))}, open(snakemake.output[0], "w"))\n'
    ),
    "rules/toy.smk": (
        'FIGURES["toy"] = []\n\n\nrule toy_table:\n    output:\n        "results/toy/table.json",\n'
        '    params:\n        n=config["toy"]["n"],\n    log:\n        "logs/toy/table.log",\n'
        '    conda:\n        "../envs/core.yaml"\n    script:\n        "../workflow/scripts/toy/table.py"\n'
    ),
    "workflow/schemas/toy.schema.yaml": (
        '$schema: "https://json-schema.org/draft/2020-12/schema"\n'
        "type: object\nadditionalProperties: false\nproperties:\n  n: {type: integer, minimum: 1, default: 5}\n"
    ),
    "config/claims/toy.yaml": (
        "- id: toy.mean\n  spec: T1\n  paper: toy\n  tag: '[D]'\n  statement: the mean of 0..n-1 is (n-1)/2\n"
        "  expected: '2'\n  measure: mean\n  input: results/toy/table.json\n"
        "  comparator: {kind: abs_error, tol: 0.001}\n  cases: [{expected: 2}]\n"
    ),
}


def test_a_new_paper_is_new_files_and_one_line_of_shared_code(tmp_path):
    workdir = copy_workflow(tmp_path)
    for path, text in FILES.items():
        (workdir / path).parent.mkdir(parents=True, exist_ok=True)
        (workdir / path).write_text(text)
    snakefile = (workdir / "Snakefile").read_text()
    line = 'PAPERS = ["tree", "icl", "cot", "scaling"]'
    assert snakefile.count(line) == 1
    (workdir / "Snakefile").write_text(snakefile.replace(line, line[:-1] + ', "toy"]'))  # the one shared line
    with open(workdir / "config/config.yaml", "a") as config:  # its config section
        config.write("toy: {n: 5}\n")
    env = {**os.environ, "PYTHONPATH": str(workdir / "workflow")}  # the copy's library, with lmtheory.toy
    command = [sys.executable, "-m", "snakemake", "--cores", "1", "toy", "results/claims/toy.mean.json"]
    result = subprocess.run(command, cwd=workdir, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-3000:]
    claim = json.loads((workdir / "results/claims/toy.mean.json").read_text())
    assert claim["verdict"] == "PASS" and claim["cases"][0]["value"] == 2
