"""The boot description: what PID 1 needs to know about the operating system.

The OS model writes it as JSON (:meth:`BootDescription.save`); PID 1 reads it
with :func:`load` using nothing but the standard library.  The file is one
JSON object whose keys are the field names of :class:`BootDescription`;
nested objects use the field names of :class:`UserAccount`,
:class:`UserGroup`, :class:`Directory`, :class:`Service` and :class:`ForkExec`.
Optional keys may be left out; unknown keys are errors, so that a typo in the
generator does not silently lose a setting.
"""

from __future__ import annotations

import json
import signal
from dataclasses import asdict, dataclass, field, fields

FORMAT_VERSION = 1
DEFAULT_PATH = "/run/current-system/profile/bin:/run/current-system/profile/sbin"


class BootDescriptionError(Exception):
    """A boot description is malformed; the message names the field."""


@dataclass
class UserAccount:
    """One account of /etc/passwd, as Guix's ``user-account`` declares it.

    GID is the numeric primary group (the generator resolves group names);
    SUPPLEMENTARY_GROUPS are group names that list this account as a member.
    PASSWORD is the shadow hash, ``!`` (locked) by default.
    """

    name: str
    uid: int
    gid: int
    comment: str = ""
    home: str = "/homeless-shelter"
    create_home: bool = False
    shell: str = "/bin/sh"
    system: bool = False
    supplementary_groups: list[str] = field(default_factory=list)
    password: str = "!"


@dataclass
class UserGroup:
    """One group of /etc/group, with the names of its MEMBERS."""

    name: str
    gid: int
    members: list[str] = field(default_factory=list)
    system: bool = False


@dataclass
class Directory:
    """A directory that activation creates, owned by OWNER:GROUP with MODE."""

    path: str
    owner: str = "root"
    group: str = "root"
    mode: int = 0o755


@dataclass
class ForkExec:
    """How to start a service, as ``make-forkexec-constructor`` describes it.

    ARGV runs (ARGV[0] searched in the service PATH) as USER and GROUP (names
    in the container's /etc/passwd and /etc/group; None is root) in
    DIRECTORY, with ENVIRONMENT ("K=V" strings) added to a cleared
    environment holding only PATH.  Its output goes to LOG_FILE (default
    /var/log/NAME.log).  With PID_FILE, the service is running once that file
    names a live process, within PID_FILE_TIMEOUT seconds.
    """

    argv: list[str]
    user: str | None = None
    group: str | None = None
    directory: str = "/"
    environment: list[str] = field(default_factory=list)
    log_file: str | None = None
    pid_file: str | None = None
    pid_file_timeout: float = 5.0


@dataclass
class Service:
    """One shepherd-like service.

    PROVISION names what it provides (the first name is its own);
    REQUIREMENT names what must run first.  START is None for a service that
    does nothing and is simply marked running (a dummy ``loopback``).
    STOP_SIGNAL is sent to the process group on stop (``make-kill-destructor``),
    then SIGKILL after STOP_GRACE seconds.  RESPAWN restarts it when it exits,
    at most RESPAWN_LIMIT[0] times within RESPAWN_LIMIT[1] seconds.  A
    ONE_SHOT service runs to completion before its dependents start.  Unless
    AUTO_START, it is not started at boot.
    """

    provision: list[str]
    requirement: list[str] = field(default_factory=list)
    documentation: str = ""
    start: ForkExec | None = None
    stop_signal: int = int(signal.SIGTERM)
    stop_grace: float = 5.0
    respawn: bool = False
    respawn_limit: tuple[int, float] = (5, 10.0)
    one_shot: bool = False
    auto_start: bool = True

    @property
    def name(self) -> str:
        """Return the service's own name, its first provision."""
        return self.provision[0]


@dataclass
class BootDescription:
    """Everything PID 1 does at boot, in a form free of the Scheme runtime.

    HOST_NAME is the expected host name (the runtime sets it).  SYSTEM is
    the system's store directory (/run/current-system points there), ETC
    the store directory whose files appear under /etc, PROFILE the system
    profile (its bin/sh and bin/env become /bin/sh and /usr/bin/env), PATH
    the search path of services and ``exec`` sessions.  USERS and GROUPS are
    written to /etc/passwd, /etc/group and /etc/shadow; DIRECTORIES are
    created by activation; SERVICES run under the supervisor; UNSUPPORTED
    names service types that oscdsl cannot run, reported once at boot.
    """

    host_name: str
    system: str | None = None
    etc: str | None = None
    profile: str | None = None
    path: str = DEFAULT_PATH
    users: list[UserAccount] = field(default_factory=list)
    groups: list[UserGroup] = field(default_factory=list)
    directories: list[Directory] = field(default_factory=list)
    services: list[Service] = field(default_factory=list)
    unsupported: list[str] = field(default_factory=list)
    version: int = FORMAT_VERSION

    def to_json(self) -> str:
        """Return this description as the JSON text of the file format."""
        return json.dumps(asdict(self), indent=2) + "\n"

    def save(self, file_name: str) -> None:
        """Write this description to FILE_NAME."""
        with open(file_name, "w") as out:
            out.write(self.to_json())


# ---------------------------------------------------------------------------
# Reading


def _build(cls: type, value: object, where: str) -> object:
    """Return an instance of dataclass CLS from the JSON object VALUE.

    WHERE names VALUE in error messages (``services[2].start``).
    """
    if not isinstance(value, dict):
        raise BootDescriptionError(f"{where}: expected an object, got {value!r}")
    known = {f.name: f for f in fields(cls)}
    unknown = sorted(set(value) - set(known))
    if unknown:
        raise BootDescriptionError(
            f"{where}: unknown field {', '.join(unknown)} (known: {', '.join(known)})"
        )
    arguments = {}
    for name, raw in value.items():
        arguments[name] = _convert(cls, name, raw, f"{where}.{name}")
    try:
        return cls(**arguments)
    except TypeError as error:
        missing = [
            name
            for name, f in known.items()
            if name not in value and _has_no_default(f)
        ]
        raise BootDescriptionError(
            f"{where}: missing field {', '.join(missing) or '?'}"
        ) from error


def _has_no_default(f: object) -> bool:
    """Return whether dataclass field F must be given."""
    from dataclasses import MISSING

    return f.default is MISSING and f.default_factory is MISSING


# The nested record types, by the class and field holding them.
_NESTED: dict[tuple[str, str], type] = {
    ("BootDescription", "users"): UserAccount,
    ("BootDescription", "groups"): UserGroup,
    ("BootDescription", "directories"): Directory,
    ("BootDescription", "services"): Service,
    ("Service", "start"): ForkExec,
}

# The JSON types each field accepts, checked so that errors name the field.
_SCALARS: dict[str, tuple[type, ...]] = {
    "name": (str,),
    "host_name": (str,),
    "uid": (int,),
    "gid": (int,),
    "mode": (int,),
    "stop_signal": (int,),
    "stop_grace": (int, float),
    "pid_file_timeout": (int, float),
    "create_home": (bool,),
    "system": (bool, str, type(None)),
    "respawn": (bool,),
    "one_shot": (bool,),
    "auto_start": (bool,),
    "version": (int,),
}


def _convert(cls: type, name: str, raw: object, where: str) -> object:
    """Return field NAME of CLS read from RAW, checking its JSON type."""
    nested = _NESTED.get((cls.__name__, name))
    if nested is not None:
        if raw is None and name == "start":
            return None
        if name == "start":
            return _build(nested, raw, where)
        if not isinstance(raw, list):
            raise BootDescriptionError(f"{where}: expected a list, got {raw!r}")
        return [_build(nested, item, f"{where}[{i}]") for i, item in enumerate(raw)]
    if name == "respawn_limit":
        if not (isinstance(raw, list) and len(raw) == 2):
            raise BootDescriptionError(f"{where}: expected [COUNT, SECONDS]")
        return (int(raw[0]), float(raw[1]))
    if name in ("provision", "requirement", "argv", "environment", "members"):
        if not (isinstance(raw, list) and all(isinstance(x, str) for x in raw)):
            raise BootDescriptionError(f"{where}: expected a list of strings")
    accepted = _SCALARS.get(name)
    wrong_bool = accepted is not None and bool not in accepted and isinstance(raw, bool)
    if accepted is not None and (not isinstance(raw, accepted) or wrong_bool):
        raise BootDescriptionError(f"{where}: unexpected value {raw!r}")
    return raw


def from_dict(value: object) -> BootDescription:
    """Return the boot description held in the decoded JSON VALUE."""
    description = _build(BootDescription, value, "description")
    if description.version != FORMAT_VERSION:
        raise BootDescriptionError(
            f"description.version: {description.version} is not supported"
            f" (this boot program reads version {FORMAT_VERSION})"
        )
    _check_services(description.services)
    return description


def _check_services(services: list[Service]) -> None:
    """Raise BootDescriptionError for services without names or provided twice."""
    seen: dict[str, str] = {}
    for index, service in enumerate(services):
        if not service.provision:
            raise BootDescriptionError(f"services[{index}].provision: empty")
        if service.start is not None and not service.start.argv:
            raise BootDescriptionError(f"services[{index}].start.argv: empty")
        for name in service.provision:
            if name in seen:
                raise BootDescriptionError(
                    f"services[{index}]: {name!r} is already provided by"
                    f" service {seen[name]!r}"
                )
            seen[name] = service.name


def load(file_name: str) -> BootDescription:
    """Return the boot description stored in FILE_NAME."""
    with open(file_name) as file:
        try:
            value = json.load(file)
        except json.JSONDecodeError as error:
            raise BootDescriptionError(f"{file_name}: {error}") from None
    return from_dict(value)
