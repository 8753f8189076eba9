"""The experiment tables a paper registers, read from its source: planning the DAG imports none of the science.

lmtheory/<paper>/experiments.py registers its tables as a dict literal `EXPERIMENTS = {"name": function, …}` of
functions defined in that module. `tables(paper)` returns {table: the function's parameter names} by parsing the
file (ast), so the Snakefile checks the `<paper>.experiments` config entries against the functions' signatures
without importing scipy or torch (about a second of every dry run). The test compares it with `inspect.signature`.
"""

import ast
from functools import cache
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent


@cache
def tables(paper: str) -> dict[str, tuple[str, ...]]:
    """Table name → parameter names of its function, in order, from lmtheory/<paper>/experiments.py."""
    path = PACKAGE / paper / "experiments.py"
    module = ast.parse(path.read_text(), filename=str(path))
    functions = {node.name: node.args for node in module.body if isinstance(node, ast.FunctionDef)}
    for node in module.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "EXPERIMENTS" for t in node.targets):
            if not isinstance(node.value, ast.Dict):
                break
            registry = {}
            for key, value in zip(node.value.keys, node.value.values, strict=True):
                if not (isinstance(key, ast.Constant) and isinstance(value, ast.Name) and value.id in functions):
                    raise ValueError(f'{path}:{value.lineno}: an EXPERIMENTS entry is not "name": function')
                args = functions[value.id]
                registry[key.value] = tuple(a.arg for a in [*args.posonlyargs, *args.args, *args.kwonlyargs])
            return registry
    raise ValueError(f"{path}: no `EXPERIMENTS = {{...}}` dict literal")
