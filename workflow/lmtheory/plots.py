"""Figure helpers: one seaborn theme for every figure, deterministic atomic PDF and PNG output."""

import os
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import seaborn as sns  # noqa: E402


def theme() -> None:
    sns.set_theme(context="paper", style="whitegrid", palette="colorblind")


PNG_DPI = 150  # the browser report's inline copy: sharp at 100% zoom, ~100 KB a figure


def save_figure(fig, path) -> None:
    """Save figures/<name>.pdf (for papers; no creation date, so reruns are byte-identical) and figures/<name>.png
    beside it (inline in the HTML reports), each via a temporary name so no half-written figure is left behind."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    for final, metadata in ((path, {"CreationDate": None}), (path.with_suffix(".png"), {"Software": None})):
        tmp = final.with_name(f".{final.stem}.tmp{os.getpid()}{final.suffix}")
        fig.savefig(tmp, metadata=metadata, bbox_inches="tight", dpi=PNG_DPI)
        os.replace(tmp, final)
    plt.close(fig)


def note(ax, text: str) -> None:
    """Grey text in the middle of an empty panel (a filter left no rows to draw)."""
    ax.text(0.5, 0.5, text, ha="center", va="center", transform=ax.transAxes, fontsize=8, color="0.4", wrap=True)
