"""How OS-model values print: as the expression that makes them, where short.

A service prints as ``(service NAME-service-type VALUE)``, a UUID as
``(uuid "..." 'type)``, a package as ``#<package name@version>``.
"""

from __future__ import annotations

from typing import Any

from .records import PRINTERS, StarRecord, field_value, render


def _field(record: StarRecord, name: str) -> Any:
    """Return the field NAME of RECORD as its accessor would."""
    info = record.type.properties["info"]
    from ..datums import Symbol

    return field_value(record, info.by_name[Symbol(name)])


def service_text(record: StarRecord, indent: int = 0, flat: bool = True) -> str:
    """Return the service RECORD as ``(service TYPE VALUE)``."""
    kind = _field(record, "type")
    value = _field(record, "value")
    type_name = f"{_field(kind, 'name').name}-service-type"
    if value is _field(kind, "default-value"):
        return f"(service {type_name})"
    return f"(service {type_name} {render(value, indent + 10 + len(type_name), flat)})"


def service_type_text(record: StarRecord, indent: int = 0, flat: bool = True) -> str:
    """Return the service type RECORD as ``#<service-type NAME>``."""
    return f"#<service-type {_field(record, 'name').name}>"


def uuid_text(record: StarRecord, indent: int = 0, flat: bool = True) -> str:
    """Return the UUID RECORD as the ``(uuid ...)`` form that makes it."""
    kind = _field(record, "type")
    data = bytes(_field(record, "bytevector"))
    if kind.name in ("fat", "fat16", "fat32", "vfat"):
        text = data[::-1].hex().upper()
        return f'(uuid "{text[:4]}-{text[4:]}" \'{kind.name})'
    h = data.hex()
    text = f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"
    return (
        f'(uuid "{text}" \'{kind.name})' if kind.name != "dce" else f'(uuid "{text}")'
    )


def label_text(record: StarRecord, indent: int = 0, flat: bool = True) -> str:
    """Return the label RECORD as ``(file-system-label "...")``."""
    return f'(file-system-label "{_field(record, "label")}")'


def package_text(record: StarRecord, indent: int = 0, flat: bool = True) -> str:
    """Return the package RECORD as ``#<package name@version>``."""
    return f"#<package {_field(record, 'name')}@{_field(record, 'version')}>"


PRINTERS.update(
    {
        "<service>": service_text,
        "<service-type>": service_type_text,
        "<uuid>": uuid_text,
        "<file-system-label>": label_text,
        "<package>": package_text,
    }
)
