"""Test-time compute on in-context linear regression (spec icl_and_cot.md, Part A; a reconstruction).

Modules: `tasks` (prompt distribution), `lsa` (CoT linear self-attention = multi-step GD), `trained_lsa` (the torch
variant learned from data), `decoding` (noise injection and binary sampling), `aggregation` (best-of-N, majority
vote, averaging over nested candidate sets), `theory` (the closed forms A-T1 … A-T7) and `experiments` (E-A1 … E-A8).
"""
