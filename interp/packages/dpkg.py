"""The host's dpkg database, read directly: installed packages, dependencies, files.

``/var/lib/dpkg/status`` is parsed in one pass (a few milliseconds, no ``dpkg``
process); file lists come from ``/var/lib/dpkg/info/<package>[:<arch>].list``.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

log = logging.getLogger(__name__)

DPKG_ROOT = "/var/lib/dpkg"

#: Status words of packages whose files are all on disk.
INSTALLED_STATES = frozenset({"installed", "triggers-pending", "triggers-awaited"})

# A dependency atom: a name, then an optional ":arch" qualifier; what follows
# (a version constraint, an architecture list or a build profile) is dropped.
_ATOM = re.compile(r"\s*([a-z0-9][a-z0-9+.\-]*)(?::([a-z0-9\-]+))?", re.IGNORECASE)


@dataclass
class Package:
    """One installed host package: NAME, VERSION, ARCHITECTURE and its relations.

    DEPENDS holds the Depends and Pre-Depends fields, each a list of
    alternatives, each alternative a (name, architecture qualifier or None).
    PROVIDES names the virtual packages it provides; CONFFILES are absolute
    paths.
    """

    name: str
    version: str
    architecture: str
    multi_arch: str = "no"
    depends: list[list[tuple[str, str | None]]] = field(default_factory=list)
    provides: list[str] = field(default_factory=list)
    conffiles: list[str] = field(default_factory=list)

    @property
    def qualified_name(self) -> str:
        """Return ``name:arch`` as dpkg prints it (``libc6:amd64``)."""
        return f"{self.name}:{self.architecture}"

    def __repr__(self) -> str:
        return f"<Package {self.qualified_name} {self.version}>"


@dataclass(frozen=True)
class Diversion:
    """A dpkg diversion: files of other packages at ORIGINAL live at DIVERTED.

    OWNER is the diverting package, or None for a local diversion, which
    diverts every package's file.
    """

    original: str
    diverted: str
    owner: str | None


class DpkgError(Exception):
    """The dpkg database is missing or unreadable; the message says which file."""


# ---------------------------------------------------------------------------
# Parsing


def parse_stanzas(text: str) -> Iterator[dict[str, str]]:
    """Yield the fields of each RFC 822 stanza of TEXT, continuation lines joined.

    Continuation lines keep their line break, so multi-line fields such as
    Conffiles stay one entry per line.
    """
    fields: dict[str, str] = {}
    key = None
    for line in text.splitlines():
        if not line.strip():
            if fields:
                yield fields
            fields, key = {}, None
        elif line[0] in " \t" and key is not None:
            fields[key] += "\n" + line.strip()
        else:
            key, _, value = line.partition(":")
            fields[key] = value.strip()
    if fields:
        yield fields


def parse_relations(text: str) -> list[list[tuple[str, str | None]]]:
    """Return a Depends-style field as a list of alternatives lists.

    ``a (>= 1) | b:any, c`` gives ``[[("a", None), ("b", "any")], [("c", None)]]``.
    """
    # Limitation: version constraints are ignored, because what is installed
    # already satisfied them when dpkg configured the package.
    relations = []
    for clause in text.split(","):
        alternatives = []
        for alternative in clause.split("|"):
            match = _ATOM.match(alternative)
            if match:
                alternatives.append((match.group(1), match.group(2)))
        if alternatives:
            relations.append(alternatives)
    return relations


def package_from_stanza(fields: dict[str, str]) -> Package | None:
    """Return the Package a status stanza describes, or None unless installed."""
    status = fields.get("Status", "").split()
    if not status or status[-1] not in INSTALLED_STATES or "Package" not in fields:
        return None
    depends = parse_relations(fields.get("Pre-Depends", ""))
    depends += parse_relations(fields.get("Depends", ""))
    provides = [alt[0][0] for alt in parse_relations(fields.get("Provides", ""))]
    conffiles = [
        line.split()[0]
        for line in fields.get("Conffiles", "").splitlines()
        if line.strip().startswith("/")
    ]
    return Package(
        name=fields["Package"],
        version=fields.get("Version", "0"),
        architecture=fields.get("Architecture", "all"),
        multi_arch=fields.get("Multi-Arch", "no"),
        depends=depends,
        provides=provides,
        conffiles=conffiles,
    )


def parse_diversions(text: str) -> list[Diversion]:
    """Return the diversions of a ``diversions`` file (three lines each)."""
    lines = text.splitlines()
    diversions = []
    for start in range(0, len(lines) - 2, 3):
        original, diverted, owner = lines[start : start + 3]
        diversions.append(
            Diversion(original, diverted, None if owner == ":" else owner)
        )
    return diversions


# ---------------------------------------------------------------------------
# The database


class DpkgDatabase:
    """The installed packages of the dpkg database under ROOT (``/var/lib/dpkg``).

    NATIVE_ARCH defaults to the architecture of ``dpkg`` itself, as recorded
    in the status file.
    """

    def __init__(self, root: str = DPKG_ROOT, native_arch: str | None = None) -> None:
        self.root = root
        status = os.path.join(root, "status")
        try:
            with open(status, encoding="utf-8", errors="replace") as file:
                text = file.read()
        except OSError as error:
            raise DpkgError(
                f"cannot read the dpkg database {status}: {error.strerror}"
            ) from None
        self.packages: dict[tuple[str, str], Package] = {}
        self.providers: dict[str, list[Package]] = {}
        for fields in parse_stanzas(text):
            package = package_from_stanza(fields)
            if package is not None:
                self._add(package)
        self.native_arch = native_arch or self._guess_native_arch()
        self.diversions = self._read_diversions()
        self._dependencies: dict[str, list[Package]] = {}
        log.debug("read %d installed packages from %s", len(self.packages), status)

    def _add(self, package: Package) -> None:
        self.packages[(package.name, package.architecture)] = package
        for virtual in package.provides:
            self.providers.setdefault(virtual, []).append(package)

    def _guess_native_arch(self) -> str:
        for arch in {a for _, a in self.packages if a != "all"}:
            if ("dpkg", arch) in self.packages:
                return arch
        return "amd64"

    def _read_diversions(self) -> dict[str, Diversion]:
        try:
            with open(os.path.join(self.root, "diversions"), errors="replace") as file:
                return {d.original: d for d in parse_diversions(file.read())}
        except FileNotFoundError:
            return {}

    # --- lookup ----------------------------------------------------------------

    def lookup(self, name: str, arch: str | None = None) -> Package | None:
        """Return the installed package NAME (``name`` or ``name:arch``), or None.

        Without an architecture, the native one is preferred, then ``all``,
        then any other.
        """
        if ":" in name:
            name, arch = name.split(":", 1)
        if arch in (None, "any", "native"):
            candidates = [self.native_arch, "all"]
        else:
            candidates = [arch, "all"]
        for candidate in candidates:
            if (name, candidate) in self.packages:
                return self.packages[(name, candidate)]
        if arch in (None, "any"):
            for (other, _), package in sorted(self.packages.items()):
                if other == name:
                    return package
        return None

    def resolve(
        self, name: str, qualifier: str | None, dependent: Package
    ) -> Package | None:
        """Return the installed package satisfying NAME for DEPENDENT, or None.

        A real package of DEPENDENT's architecture (or the native one) comes
        first; otherwise the first installed provider of the virtual NAME.
        """
        arch = qualifier
        if arch is None and dependent.architecture != "all":
            arch = dependent.architecture
        package = self.lookup(name, arch)
        if package is not None:
            return package
        providers = sorted(self.providers.get(name, ()), key=lambda p: p.qualified_name)
        for provider in providers:
            if (
                arch in (None, "any", provider.architecture)
                or provider.architecture == "all"
            ):
                return provider
        return providers[0] if providers else None

    def dependencies(self, package: Package) -> list[Package]:
        """Return the installed packages PACKAGE's Depends and Pre-Depends name.

        Of alternatives ``a | b`` the first installed one counts; a relation
        nothing installed satisfies is logged (once) and skipped.
        """
        key = package.qualified_name
        if key not in self._dependencies:
            self._dependencies[key] = self._resolve_all(package)
        return self._dependencies[key]

    def _resolve_all(self, package: Package) -> list[Package]:
        found: list[Package] = []
        for alternatives in package.depends:
            for name, qualifier in alternatives:
                target = self.resolve(name, qualifier, package)
                if target is not None:
                    if target is not package and target not in found:
                        found.append(target)
                    break
            else:
                names = " | ".join(name for name, _ in alternatives)
                log.warning("%s: dependency %s is not installed", package, names)
        return found

    def closure(self, roots: Iterable[Package]) -> list[Package]:
        """Return ROOTS and every package they depend on, transitively."""
        seen: dict[tuple[str, str], Package] = {}
        stack = list(roots)
        while stack:
            package = stack.pop()
            key = (package.name, package.architecture)
            if key not in seen:
                seen[key] = package
                stack.extend(self.dependencies(package))
        return list(seen.values())

    # --- files -----------------------------------------------------------------

    def list_file(self, package: Package) -> str:
        """Return the ``.list`` file of PACKAGE (qualified for Multi-Arch: same)."""
        info = os.path.join(self.root, "info")
        qualified = os.path.join(info, f"{package.qualified_name}.list")
        if os.path.exists(qualified):
            return qualified
        return os.path.join(info, f"{package.name}.list")

    def files(self, package: Package) -> list[str]:
        """Return the absolute paths dpkg lists for PACKAGE, directories included."""
        path = self.list_file(package)
        try:
            with open(path, encoding="utf-8", errors="surrogateescape") as file:
                entries = [line.rstrip("\n") for line in file]
        except FileNotFoundError:
            raise DpkgError(f"{package}: dpkg has no file list {path}") from None
        return [entry for entry in entries if entry.startswith("/") and entry != "/."]

    def host_location(self, package: Package, path: str) -> str:
        """Return where PACKAGE's file PATH is on disk, diversions applied."""
        diversion = self.diversions.get(path)
        if diversion is not None and diversion.owner != package.name:
            return diversion.diverted
        return path

    # --- alternatives ----------------------------------------------------------

    def alternatives(
        self, admin_dir: str = "/etc/alternatives"
    ) -> list[tuple[str, str]]:
        """Return (link, current target) for each alternative link, slaves too.

        ``/usr/bin/awk`` -> ``/etc/alternatives/awk`` -> ``/usr/bin/mawk``
        gives ``("/usr/bin/awk", "/usr/bin/mawk")``; links whose choice is
        unset are left out.
        """
        directory = os.path.join(self.root, "alternatives")
        try:
            names = sorted(os.listdir(directory))
        except FileNotFoundError:
            return []
        links = []
        for name in names:
            try:
                with open(os.path.join(directory, name), errors="replace") as file:
                    lines = file.read().splitlines()
            except OSError:
                continue
            for link_name, link in alternative_links(name, lines):
                try:
                    target = os.readlink(os.path.join(admin_dir, link_name))
                except OSError:
                    continue
                links.append((link, target))
        return links


def alternative_links(name: str, lines: list[str]) -> list[tuple[str, str]]:
    """Return (name, link) of the master and slaves of alternatives file LINES.

    The file holds the mode, the master link, then slave name and link pairs
    up to an empty line; the choices that follow are not needed here.
    """
    if len(lines) < 2:
        return []
    links = [(name, lines[1])]
    index = 2
    while index + 1 < len(lines) and lines[index]:
        links.append((lines[index], lines[index + 1]))
        index += 2
    return links
