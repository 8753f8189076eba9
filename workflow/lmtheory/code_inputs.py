"""The library files a workflow script runs: the transitive closure of its `lmtheory` imports.

Snakemake reruns a job when its script changes, not when a module the script imports changes. Listing the closure
as the rule's inputs closes that gap: editing any module reruns exactly the jobs whose scripts (transitively) import
it. Imports are read from the source (ast), wherever they sit (top level or inside a function); importing
`a.b.c` runs the `__init__.py` of `a` and `a.b` too, so those are part of the closure.
"""

import ast
from functools import cache
from pathlib import Path

PACKAGE = "lmtheory"


@cache
def _imported(path: Path, module: str | None) -> frozenset[str]:
    """Dotted names a file imports (`from x import y` gives x and x.y: y may be a submodule)."""
    names = set()
    package = module.rsplit(".", 1)[0] if module else None
    if path.name == "__init__.py":
        package = module
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                if package is None:
                    raise ValueError(f"{path}: relative import outside the {PACKAGE} package")
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(parent + ([node.module] if node.module else []))
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return frozenset(name for name in names if name == PACKAGE or name.startswith(PACKAGE + "."))


@cache
def _file(root: Path, module: str) -> Path | None:
    """The source file of a dotted module under `root` (a package's `__init__.py`), None for a non-module name."""
    base = root.joinpath(*module.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


@cache
def closure(root: Path, script: Path, extra: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The sorted files of every `lmtheory` module that `script` imports, directly or through other modules, plus the
    dotted modules `extra` (imported by name at run time) and theirs. `root` is the folder that holds the package;
    the files are paths under it (relative when `root` is)."""
    seen: dict[str, Path] = {}
    todo = [*_imported(script, None), *extra]
    while todo:
        module = todo.pop()
        parts = module.split(".")
        for i in range(1, len(parts) + 1):  # the packages on the way run their __init__.py
            name = ".".join(parts[:i])
            path = _file(root, name)
            if path is None or name in seen:
                continue
            seen[name] = path
            todo.extend(_imported(path, name))
    return tuple(sorted(str(path) for path in seen.values()))


def top_level_imports(script: Path) -> str:
    """The source of a script's top-level import statements: what a job of it imports before any work (its start-up
    cost, and which heavy libraries it loads)."""
    body = ast.parse(script.read_text(), filename=str(script)).body
    return "\n".join(ast.unparse(node) for node in body if isinstance(node, ast.Import | ast.ImportFrom))
