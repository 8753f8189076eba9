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
