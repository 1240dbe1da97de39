"""Reading the dpkg database: stanzas, relations, providers, diversions."""

from __future__ import annotations

from pathlib import Path

from oscdsl.packages.dpkg import (
    Diversion,
    DpkgDatabase,
    alternative_links,
    package_from_stanza,
    parse_diversions,
    parse_relations,
    parse_stanzas,
)

STATUS = """\
Package: tool
Status: install ok installed
Architecture: amd64
Version: 1:2.0~rc1-1
Pre-Depends: libc6 (>= 2.36)
Depends: awk, gone | libfoo:any (>= 1), libc6

Package: mawk
Status: install ok installed
Architecture: amd64
Version: 1.3.4
Provides: awk
Depends: libc6

Package: libfoo
Status: install ok installed
Architecture: all
Multi-Arch: foreign
Version: 3

Package: libc6
Status: install ok installed
Architecture: amd64
Multi-Arch: same
Version: 2.36
Conffiles:
 /etc/ld.so.conf.d/x86_64-linux-gnu.conf 0123abcd

Package: removed
Status: deinstall ok config-files
Architecture: amd64
Version: 1
"""


def fake_database(tmp_path: Path) -> DpkgDatabase:
    """Return a database read from STATUS written under TMP_PATH."""
    (tmp_path / "status").write_text(STATUS)
    return DpkgDatabase(str(tmp_path), native_arch="amd64")


def test_relations_keep_alternatives_and_drop_versions() -> None:
    assert parse_relations("a (>= 1) | b:any, c [amd64], d <!nocheck>") == [
        [("a", None), ("b", "any")],
        [("c", None)],
        [("d", None)],
    ]


def test_continuation_lines_stay_one_entry_per_line() -> None:
    (stanza,) = parse_stanzas("Package: x\nConffiles:\n /etc/a 1\n /etc/b 2\n")
    assert stanza["Conffiles"] == "\n/etc/a 1\n/etc/b 2"


def test_only_installed_packages_are_read(tmp_path: Path) -> None:
    database = fake_database(tmp_path)
    assert sorted(p.qualified_name for p in database.packages.values()) == [
        "libc6:amd64",
        "libfoo:all",
        "mawk:amd64",
        "tool:amd64",
    ]
    assert database.lookup("removed") is None
    assert (
        package_from_stanza({"Package": "x", "Status": "purge ok not-installed"})
        is None
    )


def test_conffiles_are_read(tmp_path: Path) -> None:
    libc = fake_database(tmp_path).lookup("libc6:amd64")
    assert libc.conffiles == ["/etc/ld.so.conf.d/x86_64-linux-gnu.conf"]


def test_dependencies_resolve_virtuals_and_first_installed_alternative(
    tmp_path: Path,
) -> None:
    database = fake_database(tmp_path)
    tool = database.lookup("tool")
    assert [p.name for p in database.dependencies(tool)] == ["libc6", "mawk", "libfoo"]
    assert sorted(p.name for p in database.closure([tool])) == [
        "libc6",
        "libfoo",
        "mawk",
        "tool",
    ]


def test_diversions_name_their_owner() -> None:
    text = "/bin/sh\n/bin/sh.distrib\ndash\n/usr/bin/x\n/usr/bin/x.orig\n:\n"
    assert parse_diversions(text) == [
        Diversion("/bin/sh", "/bin/sh.distrib", "dash"),
        Diversion("/usr/bin/x", "/usr/bin/x.orig", None),
    ]


def test_alternatives_file_lists_master_and_slaves() -> None:
    lines = ["auto", "/usr/bin/awk", "awk.1.gz", "/usr/share/man/man1/awk.1.gz", ""]
    assert alternative_links("awk", lines) == [
        ("awk", "/usr/bin/awk"),
        ("awk.1.gz", "/usr/share/man/man1/awk.1.gz"),
    ]


def test_host_bash_depends_on_libc6() -> None:
    database = DpkgDatabase()
    bash = database.lookup("bash")
    assert bash.qualified_name == f"bash:{database.native_arch}"
    assert "libc6" in [p.name for p in database.dependencies(bash)]
    assert "/bin/bash" in database.files(bash) or "/usr/bin/bash" in database.files(
        bash
    )
