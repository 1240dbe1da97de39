"""SRFI-9 records: the ``define-record-type`` special form and record values.

:class:`RecordType` and :class:`Record`, and the factories of record
procedures, are meant to be reused by richer record forms (Guix's
``define-record-type*``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..builtins.registry import primitive
from ..datums import UNSPECIFIED, Pair, Symbol, equal, make_list
from ..errors import SchemeError, scheme_error
from ..runtime.procedures import arity_error
from .core import Node, form_list, special, syntax_error
from .definitions import BODY_DEFINERS, define_cell
from .scope import Scope, is_identifier, strip

# A field the constructor does not set reads as #f, as in Guile 3.0.8.
UNSET_FIELD = False

# Limitation: these forms live in the root module, so they are visible
# without importing their module, and #:select, #:renamer or #:hide on
# the module do not reach them, because module tables cannot hold syntax
# yet.  The empty table lets the module be imported.


# ---------------------------------------------------------------------------
# Values


class RecordType:
    """A record type named NAME (a symbol such as ``<point>``) with FIELD_NAMES.

    PROPERTIES is free for record forms built on this one to keep what they
    know about the type (default values, thunked fields, ...).
    """

    __slots__ = ("name", "field_names", "field_index", "properties", "__weakref__")

    def __init__(self, name: Symbol, field_names: list[Symbol] | tuple) -> None:
        self.name = name
        self.field_names = tuple(field_names)
        self.field_index = {field: i for i, field in enumerate(self.field_names)}
        self.properties: dict[Any, Any] = {}

    def index_of(self, field: Symbol) -> int:
        """Return the position of FIELD in this type's records."""
        try:
            return self.field_index[field]
        except KeyError:
            raise scheme_error(
                "misc-error", f"record type {self.name.name} has no field", field
            ) from None

    def scheme_repr(self, write: bool) -> str:
        return f"#<record-type {self.name.name}>"

    def __repr__(self) -> str:
        return self.scheme_repr(True)


class Record:
    """An instance of the record type TYPE; FIELDS is a list, in TYPE's order."""

    __slots__ = ("type", "fields")

    def __init__(self, record_type: RecordType, fields: list[Any]) -> None:
        self.type = record_type
        self.fields = fields

    def scheme_repr(self, write: bool) -> str:
        # Guile writes the fields even when displaying the record.
        from ..printer import write_string

        parts = "".join(
            f" {name.name}: {write_string(value)}"
            for name, value in zip(self.type.field_names, self.fields, strict=False)
        )
        return f"#<{self.type.name.name}{parts}>"

    def scheme_equal(self, other: Any) -> bool:
        """Return whether OTHER is a record of the same type with equal? fields."""
        return (
            isinstance(other, Record)
            and other.type is self.type
            and all(map(equal, self.fields, other.fields))
        )

    def __repr__(self) -> str:
        return self.scheme_repr(True)


def wrong_record(who: Symbol, value: Any) -> SchemeError:
    """Return the error for applying the record procedure WHO to VALUE."""
    return scheme_error("wrong-type-arg", "Wrong type argument:", value, who=who.name)


# ---------------------------------------------------------------------------
# Record procedures


def named(procedure: Callable, name: Symbol) -> Callable:
    """Return PROCEDURE, named NAME in messages and when printed."""
    procedure.scheme_name = name.name
    return procedure


def make_constructor(rtd: RecordType, fields: list[Symbol], name: Symbol) -> Callable:
    """Return a procedure making a record of RTD from values of FIELDS, in order."""
    count = len(fields)
    if tuple(fields) == rtd.field_names:

        def construct_all(*values: Any) -> Record:
            if len(values) != count:
                raise arity_error(construct_all, len(values))
            return Record(rtd, list(values))

        return named(construct_all, name)
    indexes = [rtd.index_of(field) for field in fields]
    width = len(rtd.field_names)

    def construct(*values: Any) -> Record:
        if len(values) != count:
            raise arity_error(construct, len(values))
        slots = [UNSET_FIELD] * width
        for index, value in zip(indexes, values, strict=True):
            slots[index] = value
        return Record(rtd, slots)

    return named(construct, name)


def make_predicate(rtd: RecordType, name: Symbol) -> Callable:
    """Return a procedure telling whether its argument is a record of RTD."""

    def is_instance(value: Any) -> bool:
        return isinstance(value, Record) and value.type is rtd

    return named(is_instance, name)


def make_accessor(rtd: RecordType, field: Symbol, name: Symbol) -> Callable:
    """Return a procedure reading FIELD of a record of RTD."""
    index = rtd.index_of(field)

    def access(record: Any) -> Any:
        if isinstance(record, Record) and record.type is rtd:
            return record.fields[index]
        raise wrong_record(name, record)

    return named(access, name)


def make_modifier(rtd: RecordType, field: Symbol, name: Symbol) -> Callable:
    """Return a procedure setting FIELD of a record of RTD."""
    index = rtd.index_of(field)

    def modify(record: Any, value: Any) -> Any:
        if isinstance(record, Record) and record.type is rtd:
            record.fields[index] = value
            return UNSPECIFIED
        raise wrong_record(name, record)

    return named(modify, name)


@primitive("record?")
def is_record(value: Any) -> bool:
    """Return whether VALUE is a record."""
    return isinstance(value, Record)


@primitive("record-type-descriptor")
def record_type_descriptor(record: Any) -> RecordType:
    """Return the type of RECORD."""
    if not isinstance(record, Record):
        raise wrong_record(Symbol("record-type-descriptor"), record)
    return record.type


@primitive("record-type-name")
def record_type_name(rtd: Any) -> Symbol:
    """Return the name of the record type RTD."""
    if not isinstance(rtd, RecordType):
        raise wrong_record(Symbol("record-type-name"), rtd)
    return rtd.name


@primitive("record-type-fields")
def record_type_fields(rtd: Any) -> Any:
    """Return the list of the field names of the record type RTD."""
    if not isinstance(rtd, RecordType):
        raise wrong_record(Symbol("record-type-fields"), rtd)
    return make_list(rtd.field_names)


# ---------------------------------------------------------------------------
# define-record-type


class RecordSpec:
    """What a ``define-record-type`` form says, with identifiers as written.

    TYPE_NAME, CONSTRUCTOR (identifier, field symbols) or None, PREDICATE, and
    FIELDS as (field symbol, accessor, modifier or None).
    """

    __slots__ = ("type_name", "constructor", "predicate", "fields")

    def __init__(self, type_name, constructor, predicate, fields) -> None:
        self.type_name = type_name
        self.constructor = constructor
        self.predicate = predicate
        self.fields = fields

    def identifiers(self) -> list[Any]:
        """Return every identifier the form defines, in the order of make_values."""
        names = [self.type_name]
        if self.constructor is not None:
            names.append(self.constructor[0])
        names.append(self.predicate)
        for _field, accessor, modifier in self.fields:
            names.append(accessor)
            if modifier is not None:
                names.append(modifier)
        return names

    def make_values(self) -> list[Any]:
        """Return a new record type and its procedures, in identifiers() order."""
        rtd = RecordType(strip(self.type_name), [field for field, _, _ in self.fields])
        values: list[Any] = [rtd]
        if self.constructor is not None:
            name, fields = self.constructor
            values.append(make_constructor(rtd, fields, strip(name)))
        values.append(make_predicate(rtd, strip(self.predicate)))
        for field, accessor, modifier in self.fields:
            values.append(make_accessor(rtd, field, strip(accessor)))
            if modifier is not None:
                values.append(make_modifier(rtd, field, strip(modifier)))
        return values


def parse_record_spec(form: Pair) -> RecordSpec:
    """Return the RecordSpec of the ``define-record-type`` FORM."""
    items = form_list(form, form)
    if len(items) < 4:
        raise syntax_error("bad define-record-type", form)
    type_name, constructor_spec, predicate, *field_specs = items[1:]
    if not is_identifier(type_name) or not is_identifier(predicate):
        raise syntax_error("bad define-record-type: expected names", form)
    fields = [parse_field_spec(spec, form) for spec in field_specs]
    known = [field for field, _, _ in fields]
    if len(set(known)) != len(known):
        raise syntax_error("define-record-type: duplicate field", form)
    constructor = parse_constructor_spec(constructor_spec, known, form)
    return RecordSpec(type_name, constructor, predicate, fields)


def parse_field_spec(spec: Any, form: Pair) -> tuple[Symbol, Any, Any]:
    """Return (field, accessor, modifier or None) of the field SPEC."""
    parts = form_list(spec, form) if type(spec) is Pair else []
    if not 2 <= len(parts) <= 3 or not all(map(is_identifier, parts)):
        raise syntax_error("define-record-type: bad field spec", spec, form.loc)
    modifier = parts[2] if len(parts) == 3 else None
    return strip(parts[0]), parts[1], modifier


def parse_constructor_spec(spec: Any, known: list[Symbol], form: Pair):
    """Return (constructor, field symbols) of SPEC; KNOWN lists the fields."""
    if spec is False:
        return None
    if type(spec) is not Pair or not is_identifier(spec.car):
        raise syntax_error("define-record-type: invalid constructor spec", form)
    fields = []
    for item in form_list(spec.cdr, form):
        if not is_identifier(item) or strip(item) not in known:
            raise syntax_error(
                "define-record-type: unknown field in constructor spec", form
            )
        fields.append(strip(item))
    return spec.car, fields


@special("define-record-type", module=("srfi", "srfi-9"))
def compile_define_record_type(form: Pair, scope: Scope, tail: bool) -> Node:
    """Compile a top-level ``define-record-type``: define each name in the module."""
    spec = parse_record_spec(form)
    # Limitation: names a macro introduces are defined as written, as
    # top-level define does.
    cells = [define_cell(scope.module, strip(name)) for name in spec.identifiers()]

    def define_record_type(frame: list) -> Any:
        for cell, value in zip(cells, spec.make_values(), strict=True):
            cell.value = value
        return UNSPECIFIED

    return define_record_type


def body_define_record_type(form: Pair, scope: Scope) -> list:
    """Return the body items of an internal ``define-record-type`` FORM."""
    spec = parse_record_spec(form)
    slots = [scope.bind(name, checked=True).slot for name in spec.identifiers()]

    def define_record_type(frame: list) -> Any:
        for slot, value in zip(slots, spec.make_values(), strict=True):
            frame[slot] = value
        return UNSPECIFIED

    return [("node", define_record_type)]


BODY_DEFINERS["define-record-type"] = body_define_record_type


__all__ = [
    "Record",
    "RecordType",
    "make_accessor",
    "make_constructor",
    "make_modifier",
    "make_predicate",
    "wrong_record",
]
