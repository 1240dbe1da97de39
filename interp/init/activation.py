"""Activation: prepare the container's file system before services start.

Each step is logged; a failing step is logged and recorded in the
:class:`ActivationReport`, and activation goes on with the next one, as
Guix's activation scripts do, so that one bad file does not keep the whole
system from booting.
"""

from __future__ import annotations

import errno
import logging
import os
import socket
from collections.abc import Callable
from dataclasses import dataclass, field

from .boot import BootDescription, Directory, UserAccount, UserGroup

log = logging.getLogger(__name__)

# Account files are written as regular files, not links into the store, so
# that passwd(1) and useradd(8) can change them at run time.
ACCOUNT_FILES = ("passwd", "group", "shadow")
STATIC_ETC = "/etc/static"
CONTROL_DIRECTORY = "/run/oscdsl"

# The directories every system has, with their modes: /tmp is world-writable
# with the sticky bit; /var/log must exist before anything logs (Guix once
# failed to boot containers because /var/log/wtmp could not be created).
BASE_DIRECTORIES = (
    Directory("/etc", mode=0o755),
    Directory("/run", mode=0o755),
    Directory(CONTROL_DIRECTORY, mode=0o700),
    Directory("/var", mode=0o755),
    Directory("/var/log", mode=0o755),
    Directory("/var/lib", mode=0o755),
    Directory("/tmp", mode=0o1777),
    Directory("/var/tmp", mode=0o1777),
    Directory("/home", mode=0o755),
)


@dataclass
class Step:
    """The outcome of one activation step: NAME, whether it is OK, and DETAIL."""

    name: str
    ok: bool
    detail: str = ""


@dataclass
class ActivationReport:
    """The steps activation performed, in order."""

    steps: list[Step] = field(default_factory=list)

    @property
    def failures(self) -> list[Step]:
        """Return the steps that failed."""
        return [step for step in self.steps if not step.ok]

    def run(self, name: str, action: Callable[[], str | None]) -> None:
        """Run ACTION as step NAME, recording its result or its failure."""
        try:
            detail = action() or ""
        except Exception as error:  # one failing step must not stop the boot
            detail = _describe(error)
            log.error("activation: %s failed: %s", name, detail)
            self.steps.append(Step(name, False, detail))
            return
        log.info("activation: %s%s", name, f": {detail}" if detail else "")
        self.steps.append(Step(name, True, detail))


def _describe(error: BaseException) -> str:
    """Return ERROR as one line naming the file involved."""
    if isinstance(error, OSError) and error.strerror:
        where = f": {error.filename}" if error.filename else ""
        return f"{error.strerror}{where}"
    return str(error) or type(error).__name__


def activate(description: BootDescription) -> ActivationReport:
    """Prepare this container's root for DESCRIPTION; return what was done."""
    report = ActivationReport()
    report.run("base directories", create_base_directories)
    report.run("host name", lambda: check_host_name(description.host_name))
    if description.etc is not None:
        report.run("/etc", lambda: populate_etc(description.etc))
    report.run(
        "accounts",
        lambda: write_accounts(description.users, description.groups, description.etc),
    )
    for user in description.users:
        if user.create_home:
            report.run(f"home of {user.name}", lambda user=user: create_home(user))
    for directory in description.directories:
        report.run(
            f"directory {directory.path}",
            lambda directory=directory: create_directory(directory),
        )
    report.run("/var/run", lambda: link("/run", "/var/run"))
    if description.system is not None:
        report.run(
            "/run/current-system",
            lambda: link(description.system, "/run/current-system"),
        )
    if description.profile is not None:
        report.run("/bin/sh", lambda: link_program(description.profile, "sh", "/bin"))
        report.run(
            "/usr/bin/env", lambda: link_program(description.profile, "env", "/usr/bin")
        )
    return report


# ---------------------------------------------------------------------------
# Steps


def create_base_directories() -> str:
    """Create the directories of BASE_DIRECTORIES that are missing."""
    created = [d.path for d in BASE_DIRECTORIES if _make_directory(d.path, d.mode)]
    return "created " + " ".join(created) if created else "all present"


def _make_directory(path: str, mode: int) -> bool:
    """Give directory PATH exactly MODE, creating it if needed; return if created."""
    if os.path.isdir(path):
        # Something earlier (the runtime, a mapping) may have made it with
        # another mode; /tmp in particular must be 1777.
        if os.stat(path).st_mode & 0o7777 != mode:
            os.chmod(path, mode)
        return False
    os.makedirs(path, exist_ok=True)
    os.chmod(path, mode)  # makedirs applies the umask, which would clear 1777
    return True


def check_host_name(expected: str) -> str:
    """Check that the runtime set the host name to EXPECTED.

    PID 1 cannot set it itself: the runtime drops CAP_SYS_ADMIN from the
    container, so sethostname would fail with EPERM.
    """
    actual = socket.gethostname()
    if actual != expected:
        raise RuntimeError(f"host name is {actual!r}, expected {expected!r}")
    return actual


def populate_etc(etc: str) -> str:
    """Make the files of store directory ETC appear under /etc.

    /etc/static points to ETC and each /etc/NAME to /etc/static/NAME, so that
    a new system generation only has to switch one link.  A file already at
    /etc/NAME is replaced, except a mount point (such as an /etc/hosts that
    the runtime shares from the host), which is kept.
    """
    link(etc, STATIC_ETC)
    linked, kept = [], []
    for name in sorted(os.listdir(etc)):
        if name in ACCOUNT_FILES:
            continue
        target = os.path.join("/etc", name)
        if _replace_with_link(os.path.join(STATIC_ETC, name), target):
            linked.append(name)
        else:
            kept.append(name)
    detail = f"linked {len(linked)} files from {etc}"
    return detail + (f"; kept mount points {' '.join(kept)}" if kept else "")


def _replace_with_link(source: str, target: str) -> bool:
    """Make TARGET a link to SOURCE; return False when TARGET is a mount point."""
    if os.path.lexists(target):
        try:
            if os.path.isdir(target) and not os.path.islink(target):
                os.rmdir(target)
            else:
                os.unlink(target)
        except OSError as error:
            if error.errno == errno.EBUSY:
                return False
            raise
    os.symlink(source, target)
    return True


def link(source: str, target: str) -> str:
    """Make TARGET a symbolic link to SOURCE, replacing an older link."""
    if os.path.islink(target):
        os.unlink(target)
    os.symlink(source, target)
    return f"-> {source}"


def link_program(profile: str, program: str, directory: str) -> str:
    """Link DIRECTORY/PROGRAM to PROFILE's bin/PROGRAM when the profile has it."""
    source = os.path.join(profile, "bin", program)
    target = os.path.join(directory, program)
    if not os.path.exists(source):
        return f"not in the profile ({source})"
    if os.path.exists(target):
        # A program already there (the profile itself may be /usr) is kept.
        return f"kept the existing {target}"
    os.makedirs(directory, exist_ok=True)
    return link(source, target)


def create_home(user: UserAccount) -> str:
    """Create USER's home directory, owned by USER, mode 0700, unless it exists.

    An existing home is left as it is, as Guix does: it may hold data.
    """
    if os.path.isdir(user.home):
        return f"{user.home} exists"
    os.makedirs(os.path.dirname(user.home) or "/", exist_ok=True)
    # Limitation: no skeleton files (.bashrc, .profile) are copied, because
    # the boot description does not carry a skeleton directory yet.
    os.mkdir(user.home)
    os.chown(user.home, user.uid, user.gid)
    os.chmod(user.home, 0o700)
    return f"created {user.home}"


def create_directory(directory: Directory) -> str:
    """Create DIRECTORY with its owner and mode (set even if it existed)."""
    os.makedirs(directory.path, exist_ok=True)
    uid = _lookup_id("/etc/passwd", directory.owner)
    gid = _lookup_id("/etc/group", directory.group)
    os.chown(directory.path, uid, gid)
    os.chmod(directory.path, directory.mode)
    return f"{directory.owner}:{directory.group} {directory.mode:o}"


def _lookup_id(file_name: str, name: str) -> int:
    """Return the id of NAME in the passwd-style FILE_NAME (numbers pass through)."""
    if name.isdigit():
        return int(name)
    for entry in read_colon_file(file_name):
        if entry[0] == name:
            return int(entry[2])
    raise LookupError(f"no {name!r} in {file_name}")


# ---------------------------------------------------------------------------
# Account files


def read_colon_file(file_name: str) -> list[list[str]]:
    """Return the colon-separated entries of FILE_NAME; [] when it is missing."""
    try:
        with open(file_name) as file:
            lines = file.read().splitlines()
    except FileNotFoundError:
        return []
    return [line.split(":") for line in lines if line and not line.startswith("#")]


def write_accounts(
    users: list[UserAccount], groups: list[UserGroup], etc: str | None
) -> str:
    """Write /etc/passwd, /etc/group and /etc/shadow for USERS and GROUPS.

    Entries of ETC's own account files are kept unless USERS or GROUPS
    declare the same name, which then wins.
    """
    static = {name: _static_entries(etc, name) for name in ACCOUNT_FILES}
    passwd = _merge(static["passwd"], [_passwd_entry(u) for u in users])
    group = _merge(static["group"], [_group_entry(g, users) for g in groups])
    shadow = _merge(static["shadow"], [_shadow_entry(u) for u in users])
    _write_file("/etc/passwd", passwd, 0o644)
    _write_file("/etc/group", group, 0o644)
    _write_file("/etc/shadow", shadow, 0o600)
    return f"{len(passwd)} accounts, {len(group)} groups"


def _static_entries(etc: str | None, name: str) -> list[list[str]]:
    """Return the entries of account file NAME in ETC, if ETC has one."""
    return read_colon_file(os.path.join(etc, name)) if etc else []


def _merge(static: list[list[str]], declared: list[list[str]]) -> list[list[str]]:
    """Return STATIC entries not redeclared, followed by DECLARED entries."""
    names = {entry[0] for entry in declared}
    return [entry for entry in static if entry[0] not in names] + declared


def _passwd_entry(user: UserAccount) -> list[str]:
    """Return USER's /etc/passwd fields."""
    return [
        user.name,
        "x",
        str(user.uid),
        str(user.gid),
        user.comment.replace(":", " "),
        user.home,
        user.shell,
    ]


def _group_entry(group: UserGroup, users: list[UserAccount]) -> list[str]:
    """Return GROUP's /etc/group fields, members from USERS' supplementary groups."""
    members = list(group.members)
    for user in users:
        if group.name in user.supplementary_groups and user.name not in members:
            members.append(user.name)
    return [group.name, "x", str(group.gid), ",".join(members)]


def _shadow_entry(user: UserAccount) -> list[str]:
    """Return USER's /etc/shadow fields (no ageing)."""
    return [user.name, user.password, "0", "", "", "", "", "", ""]


def _write_file(file_name: str, entries: list[list[str]], mode: int) -> None:
    """Replace FILE_NAME atomically with ENTRIES, one per line, with MODE."""
    temporary = file_name + ".new"
    if os.path.lexists(file_name) and not os.path.isfile(file_name):
        os.unlink(file_name)  # a link into the store would be read-only
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC, mode)
    with os.fdopen(fd, "w") as out:
        out.writelines(":".join(entry) + "\n" for entry in entries)
    os.chmod(temporary, mode)
    os.rename(temporary, file_name)
