"""`evaluate_variants`: peer suggestions and every baseline on each world variant (network/synthetic/variants.py).

Each variant is generated in memory with the same size and seed, matched, and scored against its planted peers; the
result is one row per variant with precision@10 and nDCG@10 of the core and of each baseline.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from network.evaluation.runner import RANKINGS, evaluate_peers
from network.synthetic.generator import generate
from network.synthetic.variants import VARIANTS, Variant

DEFAULT_ASSOCIATIONS = 2_000  # the size of the held-out world the issue measured on


@dataclass(frozen=True)
class VariantResult:
    variant: Variant
    rows: int  # associations with planted peers that were scored
    scores: dict[str, dict[str, float]]  # ranking -> {"precision": ..., "ndcg": ...}; "best possible" included

    def best_baseline(self, metric: str) -> tuple[str, float]:
        name = max(RANKINGS[1:], key=lambda r: self.scores[r][metric])
        return name, self.scores[name][metric]

    def margin(self, metric: str) -> float:
        """The core minus the best baseline: above 0 where the core wins."""
        return self.scores["matching core"][metric] - self.best_baseline(metric)[1]

    def as_dict(self) -> dict[str, Any]:
        return {"variant": self.variant.name, "about": self.variant.about, "rows": self.rows} | self.scores


def evaluate_variants(
    names: Iterable[str] | None = None,
    *,
    associations: int = DEFAULT_ASSOCIATIONS,
    seed: int = 42,
    progress: Callable[[str], None] = lambda _: None,
) -> list[VariantResult]:
    results = []
    for name in names if names is not None else VARIANTS:
        variant = VARIANTS[name]
        progress(name)
        document, truth = generate(associations, seed, variant=variant)
        report = evaluate_peers(document, truth, seed=seed)
        scores = {r: report.peers[r] for r in (*RANKINGS, "best possible")}
        results.append(VariantResult(variant=variant, rows=report.peers["rows"], scores=scores))
    return results
