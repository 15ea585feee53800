"""Charts of the evaluation, as PNG files (matplotlib without a display)."""

from collections.abc import Sequence
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # no display: files only
import matplotlib.pyplot as plt
import numpy as np

from network.evaluation.feedback import FeedbackCurve
from network.evaluation.runner import RANKINGS
from network.evaluation.variants import VariantResult

SHOWN = ("matching core", "jaccard on tools", "idf-cosine on tools", "idf-cosine, all signals")


def plot_variants(results: Sequence[VariantResult], path: Path, metric: str = "precision") -> None:
    """Grouped bars: one group per variant, one bar per ranking, and the best possible as a tick."""
    names = [r.variant.name for r in results]
    x = np.arange(len(results))
    width = 0.8 / len(SHOWN)
    figure, axis = plt.subplots(figsize=(max(8.0, 1.1 * len(results)), 4.5))
    for i, ranking in enumerate(name for name in SHOWN if name in RANKINGS):
        values = [r.scores[ranking][metric] for r in results]
        axis.bar(x + (i - (len(SHOWN) - 1) / 2) * width, values, width, label=ranking)
    if metric == "precision":
        best = [r.scores["best possible"]["precision"] for r in results]
        axis.scatter(x, best, marker="_", s=600, color="black", label="best possible", zorder=3)
    axis.set_xticks(x, names, rotation=30, ha="right")
    axis.set_ylabel(f"{metric}@10" if metric == "precision" else "nDCG@10")
    axis.set_ylim(0, 1)
    axis.set_title(f"Peer suggestions on world variants ({metric}@10)")
    axis.legend(fontsize="small", ncols=2)
    figure.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, dpi=120)
    plt.close(figure)


def plot_feedback(curve: FeedbackCurve, variant: str, path: Path) -> None:
    """precision@10 against the number of answers, with the best achievable as a dashed line."""
    figure, axis = plt.subplots(figsize=(7.0, 4.0))
    axis.plot(curve.answers, curve.precision, marker="o", label="precision@10 as answers accumulate")
    axis.axhline(curve.best_achievable, linestyle="--", color="grey", label="best achievable (every answer known)")
    axis.set_xlabel("answers (accepted, declined)")
    axis.set_ylabel("precision@10")
    axis.set_ylim(0, max(1.0, curve.best_achievable))
    axis.set_title(f"Learning from answers on the '{variant}' world")
    axis.legend(fontsize="small", loc="lower right")
    figure.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, dpi=120)
    plt.close(figure)
