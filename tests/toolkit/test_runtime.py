"""Job set-up: glibc's malloc tuned for torch's per-step allocations (lmtheory.runtime), probed in fresh processes
so the test's own allocator is left alone."""

import platform
import subprocess
import sys

import pytest

pytestmark = pytest.mark.skipif(
    platform.system() != "Linux" or platform.libc_ver()[0] != "glibc", reason="mallopt is glibc's"
)
PROBE = """
from lmtheory.runtime import keep_freed_memory
print(keep_freed_memory())
"""


def test_heap_setting_is_accepted_by_glibc():
    """Both mallopt calls succeed (False would mean the jobs run with glibc's default allocator)."""
    out = subprocess.run([sys.executable, "-c", PROBE], check=True, capture_output=True, text=True).stdout
    assert out.strip() == "True"
