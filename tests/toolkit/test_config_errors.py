"""Schema errors in one line: the dotted key path, the problem and what the schema allows."""

import yaml

from claim_controls import ROOT
from lmtheory.config_errors import schema_error

TREE = str(ROOT / "workflow/schemas/tree.schema.yaml")


def default_tree() -> dict:
    return yaml.safe_load((ROOT / "config/config.yaml").read_text())["tree"]


def test_an_out_of_range_value_names_its_key_and_the_allowed_range():
    section = default_tree()
    section["ising"]["settings"]["ising_b2"]["theta"] = 1.5
    message = schema_error(section, TREE, "tree")
    assert message.startswith("tree.ising.settings.ising_b2.theta: 1.5 is greater than or equal to the maximum of 1")
    assert "exclusiveMaximum 1" in message and "\n" not in message


def test_an_unknown_key_lists_the_allowed_keys():
    section = default_tree()
    section["ising"]["gen_sample"] = 10
    message = schema_error(section, TREE, "tree")
    assert message.startswith("tree.ising: Additional properties are not allowed ('gen_sample' was unexpected)")
    assert "'gen_samples'" in message


def test_a_valid_section_has_no_error():
    assert schema_error(default_tree(), TREE, "tree") is None
