"""Packages as values: the one table of names, and the modules made from it."""

from __future__ import annotations

from oscdsl.modules.system import stdlib_directory
from oscdsl.os.packages import module_names, module_text


def test_package_modules_match_the_table():
    directory = stdlib_directory() / "gnu" / "packages"
    for module in module_names():
        assert (directory / f"{module}.scm").read_text() == module_text(module)


def test_base_packages_and_template_packages_exist(gnu):
    gnu.eval("(use-package-modules ssh screen emacs emacs-xyz wm suckless xorg)")
    names = gnu.py(
        "(map package-name (list openssh openssh-sans-x screen emacs emacs-exwm"
        " i3-wm dmenu xterm))"
    )
    assert names[0] == "openssh" and names[-1] == "xterm"
    assert gnu.py("(length %base-packages)") > 40


def test_specification_to_package_and_file_append(gnu):
    assert (
        gnu.py('(package-version (specification->package "python@3.10"))') == "3.10.7"
    )
    assert gnu.py('(package-name (specification->package "nginx"))') == "nginx"
    gnu.eval("(use-package-modules bash)")
    assert gnu.eval('(file-append bash "/bin/sh")') is not None
