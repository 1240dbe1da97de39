"""Build an operating system's directory in the store.

The system directory is a file union: ``boot`` (the boot program, Scheme),
``boot.json`` (what PID 1 does: accounts, directories, services), ``etc``,
``parameters`` and ``locale``.  Texts that mention store items are added with
those items as references, so the garbage collector keeps what a rooted
system needs.
"""

from __future__ import annotations

import json
import logging
import os
import re
from dataclasses import asdict
from typing import Any

from ..builtins.registry import primitive
from ..datums import NIL, Pair, Symbol, list_to_python
from ..errors import OscdslError
from ..init.boot import BootDescription, Directory, UserAccount, UserGroup
from .packages import system_profile
from .services import MODULE, service_description

log = logging.getLogger(__name__)

SERVICE_PATH = (
    "/run/current-system/profile/bin:/run/current-system/profile/sbin:"
    "/bin:/usr/bin:/sbin:/usr/sbin"
)


def fields(record: Any) -> dict[str, Any]:
    """Return the fields of the define-record-type* RECORD by name, as accessors do."""
    from ..os.records import field_value, info_of

    info = info_of(record)
    return {
        spec.name.name: field_value(record, i) for i, spec in enumerate(info.fields)
    }


def store_references(store: Any, text: str) -> list[str]:
    """Return the valid store items that TEXT mentions."""
    pattern = re.escape(store.prefix) + r"/[0-9a-df-np-sv-z]{32}-[^/\s\"';)]+"
    found = set()
    for match in re.finditer(pattern, text):
        path = match.group(0)
        while path and not store.is_valid(path):
            path = path[:-1]  # a path followed by text glued to it
        if path:
            found.add(path)
    return sorted(found)


def add_text(store: Any, name: str, text: str) -> str:
    """Add TEXT to STORE as NAME, with the store items it mentions as references."""
    return store.add_text(name, text, store_references(store, text))


# ---------------------------------------------------------------------------
# Accounts


def allocate(taken: set[int], system: bool) -> int:
    """Return a free id: system ids count down from 999, others up from 1000."""
    candidate, step = (999, -1) if system else (1000, 1)
    while candidate in taken:
        candidate += step
    taken.add(candidate)
    return candidate


def groups_of(records: list[Any]) -> list[UserGroup]:
    """Return the groups of the user-group RECORDS, with ids allocated."""
    values = [fields(record) for record in records]
    taken = {value["id"] for value in values if type(value["id"]) is int}
    groups = []
    for value in values:
        gid = (
            value["id"]
            if type(value["id"]) is int
            else allocate(taken, bool(value["system?"]))
        )
        groups.append(UserGroup(value["name"], gid, [], value["system?"] is not False))
    return groups


def users_of(
    store: Any, records: list[Any], groups: list[UserGroup]
) -> list[UserAccount]:
    """Return the accounts of the user-account RECORDS; fill the groups' members."""
    by_name = {group.name: group for group in groups}
    values = [fields(record) for record in records]
    taken = {value["uid"] for value in values if type(value["uid"]) is int}
    users = []
    for value in values:
        system = value["system?"] is not False
        uid = value["uid"] if type(value["uid"]) is int else allocate(taken, system)
        group = by_name.get(value["group"])
        if group is None:
            raise OscdslError(f"user {value['name']}: unknown group {value['group']}")
        supplementary = [
            strip_name(item) for item in list_to_python(value["supplementary-groups"])
        ]
        for name in supplementary:
            if name in by_name:
                by_name[name].members.append(value["name"])
        password = value["password"]
        users.append(
            UserAccount(
                name=value["name"],
                uid=uid,
                gid=group.gid,
                comment=value["comment"] if isinstance(value["comment"], str) else "",
                home=value["home-directory"],
                create_home=value["create-home-directory?"] is not False,
                shell=shell_path(store, value["shell"]),
                system=system,
                supplementary_groups=supplementary,
                password=password if isinstance(password, str) else "!",
            )
        )
    return users


def strip_name(value: Any) -> str:
    return value.name if isinstance(value, Symbol) else str(value)


def shell_path(store: Any, shell: Any) -> str:
    """Return the login shell SHELL (a string or file-like) as a path."""
    if isinstance(shell, str):
        return shell
    from ..gexp.lower import build_lowered, lower_object

    try:
        return build_lowered(store, lower_object(store, shell))
    except OscdslError as error:
        log.warning(
            "login shell %r cannot be realized (%s); using /bin/sh", shell, error
        )
        return "/bin/sh"


# ---------------------------------------------------------------------------
# /etc


def etc_files(store: Any, entries: Any) -> list[tuple[str, Any]]:
    """Return (file name, file-like or store path) for the etc-service ENTRIES.

    Entries are (NAME CONTENT) lists; CONTENT is text, a file-like object, or
    data that activation writes itself (accounts) or that has no file form
    here yet (PAM services, the name service switch records), which is left
    out with a note in the log.
    """
    from ..gexp.lower import is_file_like
    from ..gexp.objects import FileUnion

    files = []
    for entry in list_to_python(entries):
        name, content = (
            entry.car,
            entry.cdr.car if isinstance(entry.cdr, Pair) else entry.cdr,
        )
        if isinstance(content, str):
            files.append(
                (name, add_text(store, name.replace("/", "-") or "etc", content))
            )
        elif is_file_like(content):
            files.append((name, content))
        elif name == "hosts":
            files.append((name, add_text(store, "hosts", hosts_text(content))))
        elif name == "environment":
            files.append(
                (name, add_text(store, "environment", environment_text(content)))
            )
        elif name == "skel" and isinstance(content, Pair):
            skeletons = [
                (
                    item.car,
                    add_text(store, item.car.lstrip(".") or "skel", item.cdr.car),
                )
                for item in list_to_python(content)
                if isinstance(item.cdr, Pair) and isinstance(item.cdr.car, str)
            ]
            files.append((name, FileUnion("skel", skeletons)))
        else:
            log.debug("/etc/%s has no file form here; left out", name)
    return files


def hosts_text(hosts: Any) -> str:
    """Return /etc/hosts for the host records HOSTS."""
    lines = []
    for record in list_to_python(hosts):
        value = fields(record)
        aliases = value.get("aliases", NIL)
        names = [value["canonical-name"], *list_to_python(aliases)]
        lines.append(value["address"] + "\t" + " ".join(names))
    return "\n".join(lines) + "\n"


def environment_text(variables: Any) -> str:
    return "".join(f"{pair.car}={pair.cdr}\n" for pair in list_to_python(variables))


# ---------------------------------------------------------------------------
# The system directory


@primitive("%system-item", module=MODULE)
def system_item(data: Any) -> Any:
    """Return the store-monad value building the system directory described by DATA.

    DATA is the list ``(os host-name accounts groups shepherd-services
    etc-entries unsupported-types package-names module)`` that
    ``(oscdsl system)`` collects.
    """
    from ..datums import Values

    def build(store: Any) -> Values:
        return Values((system_directory(store, *list_to_python(data)), store))

    return build


def system_directory(
    store: Any,
    os_record: Any,
    host_name: str,
    accounts: Any,
    groups: Any,
    shepherd_services: Any,
    etc_entries: Any,
    unsupported: Any,
    packages: Any,
    module: Any,
) -> str:
    """Build the system directory in STORE and return its path."""
    from ..gexp.lower import build_lowered, lower_object
    from ..gexp.objects import FileUnion

    group_list = groups_of(list_to_python(groups))
    users = users_of(store, list_to_python(accounts), group_list)
    services, skipped = services_of(store, shepherd_services, module)
    etc = build_lowered(
        store, lower_object(store, FileUnion("etc", etc_files(store, etc_entries)))
    )
    entries = [(pair.car, pair.cdr) for pair in list_to_python(packages)]
    profile = system_profile(store, entries)
    description = BootDescription(
        host_name=host_name,
        etc=etc,
        profile=profile,
        path=SERVICE_PATH,
        users=users,
        groups=group_list,
        directories=[Directory("/var/log"), Directory("/var/empty", mode=0o755)],
        services=services,
        unsupported=sorted(
            {*(strip_name(t) for t in list_to_python(unsupported)), *skipped}
        ),
    )
    description_file = add_text(store, "boot.json", description_json(description))
    boot = add_text(store, "boot", boot_program(description_file))
    union = FileUnion(
        f"system-{host_name}",
        [
            ("boot", boot),
            ("boot.json", description_file),
            ("etc", etc),
            ("profile", profile),
            (
                "parameters",
                add_text(
                    store, "parameters", f'(boot-parameters (label "{host_name}"))\n'
                ),
            ),
            ("locale", add_text(store, "locale", "en_US.utf8\n")),
        ],
    )
    return build_lowered(store, lower_object(store, union))


def description_json(description: BootDescription) -> str:
    """Return DESCRIPTION as the JSON PID 1 reads."""
    return json.dumps(asdict(description), indent=1, sort_keys=True) + "\n"


def boot_program(description_file: str) -> str:
    """Return the boot program: it hands the container over to PID 1 proper."""
    return (
        ";; The boot program: activation, then the services, run by oscdsl's\n"
        ";; PID 1 from the boot description beside this file.\n"
        "(use-modules (oscdsl boot))\n"
        f'(boot-system "{description_file}")\n'
    )


def services_of(
    store: Any, shepherd_services: Any, module: Any
) -> tuple[list, list[str]]:
    """Return the boot descriptions of the shepherd services and the names skipped.

    A service whose start or stop cannot be lowered (it names software that
    cannot be realized here) is reported as not runnable instead.
    """
    from ..compiler.core import run_toplevel
    from ..gexp.lower import lower_gexp
    from ..gexp.objects import Gexp

    def evaluate(value: Any) -> Any:
        expression = lower_gexp(store, value).sexp if isinstance(value, Gexp) else value
        return run_toplevel(expression, module)

    services, skipped = [], []
    for record in list_to_python(shepherd_services):
        name = fields(record)["provision"].car.name
        try:
            service = service_description(record, evaluate)
        except OscdslError as error:
            log.warning(
                "service %s will not run in the container: %s", name, error.message
            )
            skipped.append(name)
            continue
        program = service.start.argv[0] if service.start else None
        if program and program.startswith(store.prefix) and not os.path.exists(program):
            log.warning(
                "service %s will not run in the container: %s is not on this host",
                name,
                program,
            )
            skipped.append(name)
            continue
        services.append(service)
    return services, skipped
