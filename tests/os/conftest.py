"""Fixtures of the OS-model tests: an interpreter in which (gnu) is loaded."""

from __future__ import annotations

import pytest
from oscdsl.api import Interpreter


class GnuInterpreter:
    """An interpreter whose user module imports (gnu), as configs expect."""

    def __init__(self, load_path=()) -> None:
        self.interpreter = Interpreter(list(load_path))
        self.interpreter.eval_string("(use-modules (gnu))")

    def eval(self, text: str):
        """Return the value of the Scheme TEXT."""
        return self.interpreter.eval_string(text)

    def file(self, path):
        """Return the value of the file PATH."""
        return self.interpreter.eval_file(path)

    def py(self, text: str):
        """Return the value of TEXT converted to Python data."""
        from oscdsl.api import to_python

        return to_python(self.eval(text))


@pytest.fixture
def gnu() -> GnuInterpreter:
    """Return a fresh interpreter with (gnu) imported."""
    return GnuInterpreter()


MINIMAL_OS = """
(define base-os
  (operating-system
    (host-name "base")
    (bootloader (bootloader-configuration
                  (bootloader grub-bootloader)
                  (targets '("/dev/sda"))))
    (file-systems (cons (file-system
                          (device (file-system-label "root"))
                          (mount-point "/")
                          (type "ext4"))
                        %base-file-systems))))
"""
