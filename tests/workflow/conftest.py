"""The smoke run that the workflow tests share: every stage of every paper at tiny size, built once per session."""

import pytest

from workflow_helpers import copy_workflow, snakemake


@pytest.fixture(scope="session")
def smoke_run(tmp_path_factory):
    workdir = copy_workflow(tmp_path_factory.mktemp("smoke"))
    snakemake(workdir, "--cores", "2", "--configfile", "config/smoke.yaml")
    return workdir
