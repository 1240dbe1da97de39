"""Fixtures for the gexp tests: a real store in a temporary directory, named
by the environment so that Scheme's open-connection finds it too."""

from __future__ import annotations

import pytest
from oscdsl.api import Interpreter
from oscdsl.store import Store


@pytest.fixture
def store_env(tmp_path, monkeypatch):
    """Point OSCDSL_STORE and OSCDSL_STATE_DIR at a fresh store; return its prefix."""
    prefix = str(tmp_path / "store")
    monkeypatch.setenv("OSCDSL_STORE", prefix)
    monkeypatch.setenv("OSCDSL_STATE_DIR", str(tmp_path / "state"))
    return prefix


@pytest.fixture
def store(store_env):
    """Return a Store connection to the fresh store, closed after the test."""
    with Store() as connection:
        yield connection


@pytest.fixture
def scheme():
    """Return a function evaluating Scheme text (with the guix modules) in a new
    interpreter and returning the last value."""

    def evaluate(text: str, source: str = "<test>"):
        interpreter = Interpreter()
        prelude = (
            "(use-modules (guix gexp) (guix monads) (guix store) (guix derivations))\n"
        )
        return interpreter.eval_string(prelude + text, source)

    return evaluate
