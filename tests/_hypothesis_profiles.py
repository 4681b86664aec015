"""Hypothesis profiles for the robustness tests (imported by conftest.py, so that
``--hypothesis-profile`` can name them).

``ci`` (the default): a fixed, modest number of examples (50), the same ones on every run
(derandomized), so that the whole fuzz suite costs a few seconds of CPU in CI (the suite runs
beside other work on 2 cores). Tests that need
more or fewer ask for a share of the profile's count (``examples``), so that ``long`` scales
them all up.
``long``: many random examples, for a run by hand::

    pytest -m fuzz --hypothesis-profile=long

Tests marked ``fuzz`` are the property-based ones; those also marked ``long_only`` (huge
inputs: a 10 MB file and the like) are skipped unless ``-m fuzz`` is given.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci",
    max_examples=50,
    derandomize=True,
    deadline=None,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "long",
    max_examples=3000,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile("ci")


def examples(fraction: float, least: int = 5) -> int:
    """A share of the profile's example count, for tests that cost more per example."""
    return max(least, int(settings.default.max_examples * fraction))


# Huge inputs: run only when fuzz tests are asked for (pytest -m fuzz).
long_only = pytest.mark.skipif("'fuzz' not in (config.getoption('markexpr') or '')",
                               reason="long run: pytest -m fuzz --hypothesis-profile=long")
