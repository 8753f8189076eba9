"""Config errors in one line: the file and line of a YAML error or an empty file; for schema errors the dotted key path,
the problem and what the schema allows."""

import subprocess
import sys

import pytest
import yaml

from claim_controls import ROOT
from lmtheory.config_errors import config_file_error, schema_error

EMPTY = " (a config file is a YAML mapping of sections, e.g. 'seed: 1')"
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


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("seed: 1\ntree: {ising: [1, 2\n", "my.yaml:3:1: expected ',' or ']', but got '<stream end>'"),
        ("seed: 1\n\tscaling: {}\n", "my.yaml:2:1: found character '\\t' that cannot start any token"),
        ("", "my.yaml: the file is empty"),
        ("# nothing but a comment\n", "my.yaml: the file is empty"),
        ("- seed\n- 1\n", "my.yaml: the top level is a list, not a mapping"),
    ],
)
def test_a_broken_config_file_is_named_with_its_line(tmp_path, monkeypatch, text, message):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "my.yaml").write_text(text)
    problem = config_file_error("my.yaml")
    assert problem.startswith(message) and "\n" not in problem


def test_the_config_file_command_names_each_broken_file(tmp_path):
    (tmp_path / "good.yaml").write_text("seed: 2\n")
    (tmp_path / "empty.yaml").write_text("")
    command = [sys.executable, "-m", "lmtheory.config_errors"]
    good = subprocess.run([*command, str(tmp_path / "good.yaml")], capture_output=True, text=True)
    assert good.returncode == 0 and config_file_error(str(tmp_path / "good.yaml")) is None
    bad = subprocess.run(
        [*command, str(tmp_path / "good.yaml"), str(tmp_path / "empty.yaml")], capture_output=True, text=True
    )
    assert bad.returncode == 1 and bad.stdout.splitlines() == [f"{tmp_path / 'empty.yaml'}: the file is empty" + EMPTY]
