"""Shared fixtures: a private read cache, so tests never touch the user's."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True, scope="session")
def private_cache(tmp_path_factory: pytest.TempPathFactory):
    """Point oscdsl's read cache at a directory of this test session."""
    import os

    cache = tmp_path_factory.mktemp("oscdsl-cache")
    previous = os.environ.get("OSCDSL_CACHE_DIR")
    os.environ["OSCDSL_CACHE_DIR"] = str(cache)
    yield cache
    if previous is None:
        os.environ.pop("OSCDSL_CACHE_DIR", None)
    else:
        os.environ["OSCDSL_CACHE_DIR"] = previous
