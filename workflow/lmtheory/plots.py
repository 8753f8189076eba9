"""Figure helpers: one seaborn theme for every figure, deterministic atomic PDF output."""

import os
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import seaborn as sns  # noqa: E402


def theme() -> None:
    sns.set_theme(context="paper", style="whitegrid", palette="colorblind")


def save_pdf(fig, path) -> None:
    """Save without a creation date (byte-identical reruns), via a temporary name."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.stem}.tmp{os.getpid()}.pdf")
    fig.savefig(tmp, metadata={"CreationDate": None}, bbox_inches="tight")
    plt.close(fig)
    os.replace(tmp, path)


def note(ax, text: str) -> None:
    """Grey text in the middle of an empty panel (a filter left no rows to draw)."""
    ax.text(0.5, 0.5, text, ha="center", va="center", transform=ax.transAxes, fontsize=8, color="0.4", wrap=True)
