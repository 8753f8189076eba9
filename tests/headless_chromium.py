"""Headless Chromium for the report tests: a page's screenshot as pixels and its DOM after scripts ran.

Without a `chromium` binary the tests skip, unless LMTHEORY_REQUIRE_CHROMIUM=1 (set by .ci/run, which installs
Debian's chromium) makes that a failure.
"""

import os
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
from matplotlib.image import imread

WINDOW = (1280, 2400)


def chromium() -> str:
    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    if binary:
        return binary
    if os.environ.get("LMTHEORY_REQUIRE_CHROMIUM") == "1":
        pytest.fail("LMTHEORY_REQUIRE_CHROMIUM=1, but no chromium binary is on PATH")
    pytest.skip("no chromium binary on PATH (Debian: apt-get install chromium)")


def _run(page: Path, *flags: str) -> subprocess.CompletedProcess:
    args = [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", *flags]
    return subprocess.run([*args, page.resolve().as_uri()], capture_output=True, text=True, timeout=120, check=True)


def screenshot(page: Path, out: Path) -> np.ndarray:
    """The page rendered in a WINDOW-sized viewport, as an (H, W, 3) float array in [0, 1]."""
    _run(page, f"--screenshot={out}", f"--window-size={WINDOW[0]},{WINDOW[1]}")
    return imread(out)[..., :3]


def dom(page: Path) -> str:
    """The page's DOM after load, as Chromium serialises it."""
    return _run(page, "--dump-dom").stdout


def changed_fraction(a: np.ndarray, b: np.ndarray) -> float:
    """Share of pixels that differ between two screenshots of the same size."""
    return float(np.mean(np.any(np.abs(a - b) > 0.02, axis=-1)))


def images_on_screen(page: Path, workdir: Path) -> float:
    """Share of the window that changes when the page's images are hidden (layout kept): 0 for a blank pane or a
    page whose images did not render."""
    hidden = workdir / f"hidden_{page.name}"
    hidden.write_text(page.read_text().replace("</style>", "img { visibility: hidden; }</style>"))
    return changed_fraction(screenshot(page, workdir / "shown.png"), screenshot(hidden, workdir / "hidden.png"))
