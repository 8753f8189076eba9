"""One-line explanations of configuration errors: the dotted key path, what is wrong and what the schema allows."""

import jsonschema
import yaml


def schema_error(instance: dict, schema_file: str, prefix: str) -> str | None:
    """'<prefix>.<key path>: <problem>; allowed: <the schema of that key>' for the most relevant error of `instance`
    against the JSON schema in `schema_file` (local `$ref`s resolve), or None when it validates."""
    with open(schema_file) as f:
        schema = yaml.safe_load(f)
    error = jsonschema.exceptions.best_match(jsonschema.Draft202012Validator(schema).iter_errors(instance))
    if error is None:
        return None
    path = ".".join([prefix, *(str(part) for part in error.absolute_path)])
    return f"{path}: {error.message}; allowed: {_allowed(error.schema)}"


def _allowed(schema: dict) -> str:
    """The constraints of a schema node in a few words (its description last)."""
    keys = ("type", "enum", "minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum", "minItems", "pattern")
    parts = [f"{key} {schema[key]}" for key in keys if key in schema]
    if schema.get("additionalProperties") is False and "properties" in schema:
        parts.append(f"keys {sorted(schema['properties'])}")
    text = ", ".join(parts) or "see the schema"
    return text + (f" — {schema['description']}" if "description" in schema else "")


def config_file_error(path: str) -> str | None:
    """'<path>:<line>:<column>: <problem>' for a config file that is not YAML, '<path>: …' for one that is empty or
    not a mapping of sections (what Snakemake reports without the file or the line), or None when it parses."""
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    except OSError as error:
        return f"{path}: {error.strerror}"
    try:
        config = yaml.safe_load(text)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else path
        context = f" ({error.context})" if error.problem and error.context else ""
        return f"{where}: {error.problem or error.context}{context}"
    if config is None:
        return f"{path}: the file is empty (a config file is a YAML mapping of sections, e.g. 'seed: 1')"
    if not isinstance(config, dict):
        return f"{path}: the top level is a {type(config).__name__}, not a mapping of sections (e.g. 'seed: 1')"
    return None


if __name__ == "__main__":
    import sys

    problems = [problem for path in sys.argv[1:] if (problem := config_file_error(path))]
    parsed = f"{len(sys.argv) - 1} config file(s) parse; `snakemake -n --configfile=FILE` checks their keys"
    print("\n".join(problems) or parsed)
    sys.exit(1 if problems else 0)
