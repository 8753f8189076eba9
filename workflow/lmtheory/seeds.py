"""Deterministic seeds: numpy SeedSequence over a stable digest of (global seed, stage, wildcard values).

Never Python's hash(), which is salted per process: the same config gives the same numbers on any machine.
"""

import hashlib

import numpy as np


def seed_sequence(base: int, *keys) -> np.random.SeedSequence:
    """SeedSequence for the stream named by `keys` under the global seed `base`."""
    digest = hashlib.blake2b("/".join(map(str, keys)).encode(), digest_size=8).digest()
    return np.random.SeedSequence([base, int.from_bytes(digest, "little")])


def rng_for(base: int, *keys) -> np.random.Generator:
    return np.random.default_rng(seed_sequence(base, *keys))


def torch_seed(base: int, *keys) -> int:
    """A non-negative 63-bit integer seed for torch generators, from the same digest as `seed_sequence`."""
    return int(seed_sequence(base, *keys).generate_state(1, "uint64")[0] >> 1)


def generator(rng) -> np.random.Generator:
    """`rng` itself when it is a Generator, else a fresh Generator seeded with it (an int or a SeedSequence)."""
    return rng if isinstance(rng, np.random.Generator) else np.random.default_rng(rng)
