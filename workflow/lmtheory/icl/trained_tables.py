"""Keyword arguments of the icl experiment tables from the config, and the tables that read the trained LSA.

Light on purpose (no imports): the Snakefile calls it at parse time to check the config and to wire the trained
model's weights into those tables' jobs.
"""

TRAINED = ("e_a1_trained", "e_a1_trained_cosines")  # tables computed with the trained LSA's weights
MODEL_KEYS = ("d", "n", "eta", "K_train")  # fixed by the trained LSA for the tables that read it


def table_kwargs(icl: dict, table: str) -> dict:
    """Keyword arguments of an experiment table from the `icl` config section: its `experiments` entry; the tables
    that read the trained LSA take the model's d, n, η (and K_train for the cosines), which their entry may not set."""
    kwargs = dict(icl["experiments"].get(table, {}))
    if table in TRAINED:
        for key in set(kwargs) & set(MODEL_KEYS):
            raise ValueError(f"icl.experiments.{table}.{key}: set it in icl.trained_lsa (the model fixes it)")
        kwargs.update({key: icl["trained_lsa"][key] for key in ("d", "n", "eta")})
        if table == "e_a1_trained_cosines":
            kwargs["K_train"] = icl["trained_lsa"]["K_train"]
    return kwargs
