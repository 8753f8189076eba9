"""Metastable chain-of-thought dynamics (spec icl_and_cot.md, Part B; a reconstruction of Kim, Wu, Lee, Suzuki 2025).

CoT is a Markov chain on K dense clusters of M states joined by sparse edges of probability ε (B.2.1). Modules:
`graphs` (the generator and kernel P^ε), `exact` (hitting times, cluster exits, spectra by linear algebra),
`simulate` (vectorised parallel chains), `pretraining` (Alg. 1), `search` (Alg. 2 and PRM boosting), `ppo` (Alg. 3),
`distill` (Alg. 4) and `experiments` (E-B1 … E-B8).
"""
