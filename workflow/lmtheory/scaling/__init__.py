"""The scaling-law paper (../shared/papers/scaling_laws.md): corpora, correlation decay β, entropy decay γ, the data
ladder α_D, and the collapse of per-position losses."""
