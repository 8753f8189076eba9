# Paper-neutral helpers (no rules): the configuration, derived library inputs, the claims registries, captions.
import os
from pathlib import Path

import yaml
from snakemake.exceptions import WorkflowError
from snakemake.utils import validate

from lmtheory.claims import validate_comparator
from lmtheory.config_errors import schema_error
from lmtheory.code_inputs import closure

TOP_LEVEL_KEYS = {"run_kind", "seed", "claims", "stability"}
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's parser: the claims files in 0.1 s, not 1 s


def drop_nulls(mapping, prefix=""):
    """Remove every key whose value is null, at any depth (an override removes a setting or a claims file so); return
    the dotted paths removed."""
    removed = []
    for key in [k for k, v in mapping.items() if v is None]:
        del mapping[key]
        removed.append(f"{prefix}{key}")
    for key, value in mapping.items():
        if isinstance(value, dict):
            removed += drop_nulls(value, f"{prefix}{key}.")
    return removed


def check_config():
    """Fill the claims files from PAPERS, drop nulls, then check the top level and each paper's section against its
    schema (filling defaults); each error names the section."""
    config["claims"] = {**{paper: f"config/claims/{paper}.yaml" for paper in PAPERS}, **(config.get("claims") or {})}
    REMOVED.extend(drop_nulls(config))
    validate(config, "../workflow/schemas/config.schema.yaml")
    for key in config:
        if key not in TOP_LEVEL_KEYS | set(PAPERS):
            raise WorkflowError(f"config: unknown key {key!r}; expected {sorted(TOP_LEVEL_KEYS)} or a paper {PAPERS}")
    for paper in PAPERS:
        schema = f"workflow/schemas/{paper}.schema.yaml"
        if problem := schema_error(config.setdefault(paper, {}), os.path.join(workflow.basedir, schema), paper):
            raise WorkflowError(f"config {problem} ({schema})")
        validate(config[paper], f"../{schema}")  # fills the defaults


REMOVED = []  # dotted config keys an override removed (set to null)
check_config()
RUN_KIND = config["run_kind"]
SEED = config["seed"]
FIGURES = {paper: [] for paper in PAPERS}  # figures/<name>.pdf of each paper, filled by rules/<paper>.smk
CLAIM_SETTINGS = {}  # setting name → {depths, trained_depth, ...}: what claim cases with `lang` resolve against
CLAIM_RUNS = {}  # run name → scale: what claim cases with `run` resolve against
EXPERIMENT_PAPERS = {}  # paper → its experiment tables (rules/experiment_tables.smk)
# Transformer training throughput behind the SLURM runtimes of GPU jobs (tree transformers, scaling rungs): a third
# of the spec's ≈ 2e5 tokens/s for GPT-2 small; not measured here (no GPU).
GPU_TOKENS_PER_S = 60000
DYNAMIC_IMPORTS = {}  # name of a rule → function(wildcards) → dotted modules its script imports by name at run time
# name of a rule whose `run` block runs inside the Snakemake process → the lmtheory module that does its work (its
# code inputs are that module's closure; it writes its own timing record, so it gets no Snakemake benchmark)
IN_PROCESS = {"check_claim": "workflow/lmtheory/claim_check.py"}


def derive_code_inputs():
    """Give each job whose rule runs a script (or an IN_PROCESS module) the input `code` = that file and the
    transitive `lmtheory` imports of it (lmtheory.code_inputs), plus the modules it imports by name (DYNAMIC_IMPORTS).
    Editing any of them reruns the rule's jobs; nobody types these lists."""
    base = Path(workflow.basedir)
    library = base / "workflow"

    def relative(paths):
        return [os.path.relpath(path, base) for path in paths]

    for rule_ in workflow.rules:
        if rule_.script:
            script = Path(os.path.normpath(Path(rule_.basedir.get_path_or_uri(secret_free=True)) / rule_.script))
        elif rule_.name in IN_PROCESS:
            script = base / IN_PROCESS[rule_.name]
        else:
            continue
        static = relative([script, *closure(library, script)])
        dynamic = DYNAMIC_IMPORTS.get(rule_.name)
        if dynamic is None:
            code = static
        else:

            def code(wc, script=script, static=static, dynamic=dynamic):
                return sorted({*static, *relative(closure(library, script, tuple(dynamic(wc))))})

        rule_.input_modifier = rule_.input_modifier or workflow.modifier.path_modifier
        rule_.set_input(code=code)


def derive_benchmarks():
    """Give each rule with a log the benchmark record logs/benchmarks/<group>/<rule>/<log path under logs/>.tsv (wall,
    CPU time and peak memory of each job): <group> is the paper whose rules/ file defines the rule (dropped from the
    log path's head), else the rules file's name; an IN_PROCESS rule's job writes its own. `python -m lmtheory.run_times`
    sums a run's records."""
    for rule_ in workflow.rules:
        if not rule_.log or rule_.benchmark or rule_.name in IN_PROCESS:
            continue
        source = Path(rule_.snakefile)
        group = source.parent.name if source.parent.name in PAPERS else source.stem
        path = str(rule_.log[0]).removeprefix("logs/").removeprefix(f"{group}/").removesuffix(".log")
        rule_.benchmark_modifier = rule_.benchmark_modifier or workflow.modifier.path_modifier
        rule_.benchmark = f"logs/benchmarks/{group}/{rule_.name}/{path}.tsv"


def load_claims():
    """Every configured claims registry (config key `claims`), by id; structure, papers and comparators are checked
    before any job runs, and an id may appear once across the files."""
    claims, origin = {}, {}
    for name, path in config["claims"].items():
        if not Path(path).is_file():
            raise WorkflowError(f"config key claims.{name}: claims file {path} does not exist")
        with open(path) as f:
            entries = yaml.load(f, Loader=SAFE_LOADER)
        try:
            validate(entries, "../workflow/schemas/claims.schema.yaml")
        except WorkflowError as error:
            raise WorkflowError(f"{path}: {error}") from None
        for entry in entries:
            cid = entry["id"]
            if cid in claims:
                raise WorkflowError(f"{path}: claim id {cid!r} is already defined in {origin[cid]}")
            if entry["paper"] not in PAPERS:
                raise WorkflowError(f"{path}: claim {cid}: paper {entry['paper']!r} is not one of {PAPERS}")
            try:
                validate_comparator(entry["comparator"], cid)
            except ValueError as error:
                raise WorkflowError(f"{path}: {error}") from None
            claims[cid], origin[cid] = entry, path
    return claims


def captions(figures):
    """The caption files of figures given as figures/<name>.pdf paths."""
    return [f"results/captions/{Path(path).stem}.rst" for path in figures]


def check_experiment_config():
    """Every <paper>.experiments entry names a known table and only parameters its function takes."""
    for paper, registry in EXPERIMENT_PAPERS.items():
        experiments = registry["experiments"]
        for table, kwargs in config[paper]["experiments"].items():
            if table not in experiments:
                raise ValueError(f"{paper}.experiments.{table}: unknown experiment table; have {sorted(experiments)}")
            accepted = set(experiments[table]) - {"rng", "weights"}
            for key in kwargs:
                if key not in accepted:
                    raise ValueError(f"{paper}.experiments.{table}.{key}: not a parameter; accepted: {sorted(accepted)}")


def claim_files(paper):
    return [f"results/claims/{cid}.json" for cid, claim in CLAIMS.items() if claim["paper"] == paper]


def claim_settings(cid):
    """The parameters of the settings a claim reads: changing another setting leaves the claim alone."""
    langs = {case["lang"] for case in CASES[cid] if "lang" in case and "skip" not in case}
    return {lang: CLAIM_SETTINGS[lang]["params"] for lang in sorted(langs)}


def figure_files(name, category, caption=None):
    """A figure rule's outputs: pdf=figures/<name>.pdf (for papers) and png=figures/<name>.png (inline in reports).
    The PNG is flagged for `snakemake --report` only once it exists, so a report after a partial build covers what was
    built; its caption is results/captions/<name>.rst (the verdicts of the figure's claims) once built, else the
    figure's description (<caption> names both when it differs from <name>)."""
    caption = caption or name
    pdf, png = f"figures/{name}.pdf", f"figures/{name}.png"
    if not os.path.exists(png):
        return {"pdf": pdf, "png": png}
    built = Path(f"results/captions/{caption}.rst").resolve()
    caption = built if built.exists() else Path(workflow.basedir, "workflow/report", f"{caption}.rst")
    here = workflow.current_basedir.get_path_or_uri(secret_free=True)
    return {"pdf": pdf, "png": report(png, caption=os.path.relpath(caption, here), category=category)}


def figure_claims(figure):
    """Ids of the ledger claims drawn on figures/<figure>.pdf."""
    return [cid for cid, claim in CLAIMS.items() if claim.get("figure") == f"figures/{figure}.pdf"]
