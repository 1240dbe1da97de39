"""Guix-style records: ``define-record-type*``, its constructor forms, ``match-record``.

A record type declared with ``define-record-type*`` gets a constructor
*form* taking named fields, ``(ctor (field expr) ... (inherit record))``,
checked at compile time (missing, duplicate and unknown fields are syntax
errors pointing at the offending field).  Field properties are ``default``,
``thunked``, ``delayed``, ``innate`` and ``sanitize``.

The forms are not global: ``install(module)`` binds them in ``(guix records)``,
which a user file imports as in Guix.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from typing import Any

from ..compiler.core import (
    Node,
    SpecialForm,
    compile_expr,
    form_list,
    syntax_error,
)
from ..compiler.definitions import define_cell
from ..compiler.forms import keyword, make_lambda_form
from ..compiler.records import Record, RecordType, make_predicate, named, wrong_record
from ..compiler.scope import Scope, is_identifier, strip
from ..datums import NIL, UNSPECIFIED, Loc, Pair, Symbol, make_list
from ..errors import scheme_error
from ..runtime.procedures import call

MISSING = object()
_printing = False
THIS_RECORD = Symbol("this-record")
INHERIT = Symbol("inherit")
PARENT = Symbol("%inherited-record")
PROPERTIES = ("default", "thunked", "delayed", "innate", "sanitize")

# Record type name -> function (record, indent, flat) -> text, for types
# whose printed form is not the constructor form (packages, services, service types).
PRINTERS: dict[str, Callable[[Any, int, bool], str]] = {}


# ---------------------------------------------------------------------------
# Values


class Lazy:
    """A delayed field's value: THUNK is called once, on first access, and its
    value passed through SANITIZE when there is one."""

    __slots__ = ("thunk", "sanitize", "value", "done")

    def __init__(self, thunk: Any, sanitize: Any = None) -> None:
        self.thunk = thunk
        self.sanitize = sanitize
        self.value = None
        self.done = False

    def force(self) -> Any:
        """Return the value, computing it the first time."""
        if not self.done:
            value = call(self.thunk)
            if self.sanitize is not None:
                value = call(self.sanitize, value)
            self.value = value
            self.done, self.thunk, self.sanitize = True, None, None
        return self.value


class SourceLocation:
    """Where a record was constructed: the value of an innate ``location`` field."""

    __slots__ = ("loc",)

    def __init__(self, loc: Loc) -> None:
        self.loc = loc

    def scheme_repr(self, write: bool) -> str:
        return f"#<location {self.loc!r}>"


class FieldSpec:
    """One field of a ``define-record-type*``: its NAME, ACCESSOR and properties."""

    __slots__ = (
        "name",
        "accessor",
        "default",
        "thunked",
        "delayed",
        "innate",
        "sanitize",
    )

    def __init__(self, name: Symbol, accessor: Any) -> None:
        self.name = name
        self.accessor = accessor
        self.default: Any = None  # the default's expression, or None
        self.thunked = self.delayed = self.innate = False
        self.sanitize: Any = None  # the sanitizer's expression, or None


class StarRecord(Record):
    """A record of a ``define-record-type*`` type.

    GIVEN lists the fields written in the constructor form (or in the one it
    inherits from), so that printing shows what the author wrote.
    """

    __slots__ = ("given",)

    def __init__(self, record_type: RecordType, fields: list[Any]) -> None:
        super().__init__(record_type, fields)
        self.given: tuple[Symbol, ...] = ()

    def scheme_repr(self, write: bool) -> str:
        # Laid out over lines only when printed on its own, not inside data
        # that the general printer writes.
        global _printing
        if _printing:
            return render(self, 0, flat=True)
        _printing = True
        try:
            return render(self, 0)
        finally:
            _printing = False

    def scheme_equal(self, other: Any) -> bool:
        return other is self or super().scheme_equal(other)


class TypeInfo:
    """What the constructor form needs about a type, at compile and run time.

    The compile-time part (FIELDS, THIS_ID) is known when the definition is
    compiled; RTD, DEFAULTS and SANITIZERS are filled when it runs.
    """

    def __init__(
        self, name: Symbol, ctor: Symbol, fields: list[FieldSpec], this_id
    ) -> None:
        self.name = name
        self.ctor = ctor
        self.fields = fields
        self.by_name = {spec.name: i for i, spec in enumerate(fields)}
        self.this_id = this_id
        self.rtd: RecordType | None = None
        self.defaults: list[Any] = [None] * len(fields)
        self.sanitizers: list[Any] = [None] * len(fields)

    def required(self) -> list[Symbol]:
        """Return the fields that have no default."""
        return [spec.name for spec in self.fields if spec.default is None]


def info_of(record: Any) -> TypeInfo | None:
    """Return the TypeInfo of RECORD's type, or None for other values."""
    if isinstance(record, StarRecord):
        return record.type.properties.get("info")
    return None


def field_value(record: StarRecord, index: int) -> Any:
    """Return field INDEX of RECORD as its accessor does: thunks run, delays forced."""
    info: TypeInfo = record.type.properties["info"]
    spec = info.fields[index]
    value = record.fields[index]
    if spec.thunked:
        value = call(value, record)
        sanitize = info.sanitizers[index]
        return value if sanitize is None else call(sanitize, value)
    if spec.delayed and isinstance(value, Lazy):
        return value.force()
    return value


def make_field_accessor(info: TypeInfo, index: int, name: Symbol) -> Callable:
    """Return the accessor procedure of field INDEX of INFO's type."""
    spec = info.fields[index]

    if not (spec.thunked or spec.delayed):

        def access_plain(record: Any) -> Any:
            if isinstance(record, StarRecord) and record.type is info.rtd:
                return record.fields[index]
            raise wrong_record(name, record)

        return named(access_plain, name)

    def access(record: Any) -> Any:
        if isinstance(record, StarRecord) and record.type is info.rtd:
            return field_value(record, index)
        raise wrong_record(name, record)

    return named(access, name)


def inherited_value(parent: StarRecord, record: StarRecord, field: str) -> Any:
    """Return the value of FIELD that RECORD, made from PARENT, overrides.

    A thunked value is computed against RECORD, the record being accessed.
    """
    info = info_of(parent)
    index = info.by_name[Symbol(field)]
    value = parent.fields[index]
    return call(value, record) if info.fields[index].thunked else value


# ---------------------------------------------------------------------------
# Building records at run time


_construction_locs: list[Loc | None] = []


def current_construction_location() -> Any:
    """Return the location of the constructor form being evaluated, or #f."""
    loc = _construction_locs[-1] if _construction_locs else None
    return SourceLocation(loc) if loc is not None else False


def default_value(info: TypeInfo, index: int) -> Any:
    """Return what field INDEX holds when its default applies."""
    spec = info.fields[index]
    default = info.defaults[index]
    if spec.thunked:
        return default
    if spec.delayed:
        return Lazy(default, info.sanitizers[index])
    value = call(default)
    sanitize = info.sanitizers[index]
    return value if sanitize is None else call(sanitize, value)


def given_value(info: TypeInfo, index: int, value: Any) -> Any:
    """Return what field INDEX holds when the constructor form gave VALUE."""
    spec = info.fields[index]
    sanitize = info.sanitizers[index]
    if spec.delayed:
        return Lazy(value, sanitize)
    if spec.thunked or sanitize is None:
        return value
    return call(sanitize, value)


def build_record(
    info: TypeInfo,
    given: dict[int, Any],
    parent: StarRecord | None,
    loc: Loc | None,
) -> StarRecord:
    """Return a record of INFO's type with the field values GIVEN (index -> value).

    Fields not given come from PARENT (except innate ones) or their default.
    """
    fields = [MISSING] * len(info.fields)
    record = StarRecord(info.rtd, fields)
    names = []
    if parent is not None:
        names.extend(parent.given)
    for index, value in given.items():
        fields[index] = given_value(info, index, value)
        names.append(info.fields[index].name)
    _construction_locs.append(loc)
    try:
        for index, spec in enumerate(info.fields):
            if fields[index] is not MISSING:
                continue
            if parent is not None and not spec.innate:
                fields[index] = parent.fields[index]
            elif info.defaults[index] is not None:
                fields[index] = default_value(info, index)
            elif parent is not None:
                fields[index] = parent.fields[index]
            else:
                raise scheme_error(
                    "syntax-error",
                    f"{info.ctor.name}: missing field initializer: {spec.name.name}",
                    loc=loc,
                )
    finally:
        _construction_locs.pop()
    record.given = tuple(dict.fromkeys(names))
    return record


def make_record(info: TypeInfo, **values: Any) -> StarRecord:
    """Return a record of INFO's type; VALUES name fields (``_`` for ``-``)."""
    given = {
        info.by_name[Symbol(key.replace("_", "-"))]: v for key, v in values.items()
    }
    return build_record(info, given, None, None)


# ---------------------------------------------------------------------------
# define-record-type*


def parse_field(spec_form: Any, form: Pair) -> FieldSpec:
    """Return the FieldSpec written as SPEC_FORM, ``(name accessor props...)``."""
    where = spec_form if type(spec_form) is Pair else form
    items = form_list(spec_form, form) if type(spec_form) is Pair else []
    if len(items) < 2 or not is_identifier(items[0]) or not is_identifier(items[1]):
        raise syntax_error("define-record-type*: invalid field specifier", where)
    spec = FieldSpec(strip(items[0]), items[1])
    for prop in items[2:]:
        parts = form_list(prop, form) if type(prop) is Pair else []
        head = strip(parts[0]).name if parts and is_identifier(parts[0]) else None
        if head not in PROPERTIES or (head in ("default", "sanitize")) != (
            len(parts) == 2
        ):
            raise syntax_error(
                "define-record-type*: invalid field property", prop, form.loc
            )
        if head == "default":
            spec.default = parts[1]
        elif head == "sanitize":
            spec.sanitize = parts[1]
        else:
            setattr(spec, head, True)
    return spec


def parse_definition(form: Pair) -> tuple[TypeInfo, Any, Any, Any]:
    """Return (info, type name, make procedure, predicate) of a define-record-type*."""
    items = form_list(form, form)
    if len(items) < 5:
        raise syntax_error("bad define-record-type*", form)
    type_name, ctor, make_proc, predicate = items[1:5]
    rest = items[5:]
    this_id = None
    if rest and is_identifier(rest[0]):
        this_id, rest = rest[0], rest[1:]
    for identifier in (type_name, ctor, make_proc, predicate):
        if not is_identifier(identifier):
            raise syntax_error("define-record-type*: expected a name", form)
    fields = [parse_field(spec, form) for spec in rest]
    seen = [spec.name for spec in fields]
    if len(set(seen)) != len(seen):
        raise syntax_error("define-record-type*: duplicate field", form)
    info = TypeInfo(strip(type_name), strip(ctor), fields, this_id)
    return info, type_name, make_proc, predicate


def thunk_form(expression: Any, this_ids: list[Any], loc: Loc | None, own=None) -> Pair:
    """Return ``(lambda (this-record) (let ((THIS-ID this-record) ...) EXPRESSION))``.

    OWN, when given, is (field identifier, field name): the field's own name is
    then bound to the value it overrides under ``inherit``.
    """
    bindings = [make_list([this_id, THIS_RECORD]) for this_id in this_ids]
    # Limitation: the overridden value is computed on each access even when
    # the expression does not use it, because the binding is a plain let.
    if own is not None:
        identifier, field = own
        getter = make_list([inherited_value, PARENT, THIS_RECORD, field])
        bindings.append(make_list([identifier, getter]))
    body = make_list([keyword("let"), make_list(bindings), expression])
    return make_lambda_form(make_list([THIS_RECORD]), Pair(body, NIL), loc)


def compile_defaults(info: TypeInfo, scope: Scope, loc: Loc | None) -> list[tuple]:
    """Return (index, default node, sanitize node) for the fields of INFO."""
    this_ids = [info.this_id] if info.this_id is not None else []
    nodes = []
    for index, spec in enumerate(info.fields):
        default = sanitize = None
        if spec.default is not None:
            if spec.thunked:
                default = compile_expr(thunk_form(spec.default, this_ids, loc), scope)
            else:
                default = compile_expr(
                    make_lambda_form(NIL, Pair(spec.default, NIL), loc), scope
                )
        if spec.sanitize is not None:
            sanitize = compile_expr(spec.sanitize, scope)
        nodes.append((index, default, sanitize))
    return nodes


def compile_define_record_type_star(form: Pair, scope: Scope, tail: bool) -> Node:
    """Compile a top-level ``define-record-type*``."""
    # Limitation: only at top level (not in a body), because the constructor
    # form is bound in the module; configurations define record types there.
    info, type_name, make_proc, predicate = parse_definition(form)
    module = scope.module
    defaults = compile_defaults(info, scope, form.loc)
    module.define_syntax(
        info.ctor, SpecialForm(info.ctor.name, constructor_compiler(info))
    )
    if info.this_id is not None:
        module.define_syntax(
            strip(info.this_id), outside_thunk_form(strip(info.this_id))
        )
    type_cell = define_cell(module, strip(type_name))
    make_cell = define_cell(module, strip(make_proc))
    predicate_cell = define_cell(module, strip(predicate))
    accessor_cells = [define_cell(module, strip(spec.accessor)) for spec in info.fields]

    def define_record_type_star(frame: list) -> Any:
        rtd = RecordType(info.name, [spec.name for spec in info.fields])
        rtd.properties["info"] = info
        info.rtd = rtd
        for index, default, sanitize in defaults:
            info.defaults[index] = default(frame) if default else None
            info.sanitizers[index] = sanitize(frame) if sanitize else None
        type_cell.value = rtd
        make_cell.value = positional_constructor(info, strip(make_proc))
        predicate_cell.value = make_predicate(rtd, strip(predicate))
        for index, cell in enumerate(accessor_cells):
            cell.value = make_field_accessor(
                info, index, strip(info.fields[index].accessor)
            )
        return UNSPECIFIED

    return define_record_type_star


def positional_constructor(info: TypeInfo, name: Symbol) -> Callable:
    """Return the procedure taking every field's value in order (the make procedure)."""

    def construct(*values: Any) -> StarRecord:
        if len(values) != len(info.fields):
            raise scheme_error(
                "wrong-number-of-args",
                f"{name.name} takes {len(info.fields)} arguments, given {len(values)}",
            )
        return build_record(info, dict(enumerate(values)), None, None)

    return named(construct, name)


def outside_thunk_form(name: Symbol) -> SpecialForm:
    """Return a keyword that is an error anywhere but inside a thunked field."""

    def compile_outside(form: Any, scope: Scope, tail: bool) -> Node:
        raise syntax_error(f"{name.name} used outside of a thunked record field", form)

    return SpecialForm(name.name, compile_outside)


def compile_this_record(form: Any, scope: Scope, tail: bool) -> Node:
    """Reject ``this-record`` outside a thunked field, where it means nothing."""
    raise syntax_error("this-record used outside of a thunked record field", form)


# ---------------------------------------------------------------------------
# The constructor form


def field_error(info: TypeInfo, item: Any, form: Pair, message: str, hint=None):
    """Return a syntax error about the field initializer ITEM of FORM."""
    from ..compiler.core import strip_syntax
    from ..printer import write_string

    loc = item.loc if type(item) is Pair and item.loc else form.loc
    text = write_string(strip_syntax(item))
    if len(text) > 60:
        text = text[:57] + "..."
    return scheme_error(
        "syntax-error", f"{info.ctor.name}: {message}: {text}", loc=loc, hint=hint
    )


def check_item(info: TypeInfo, item: Any, form: Pair) -> Symbol:
    """Return the field name of the initializer ITEM, or raise a clear error."""
    parts = []
    if type(item) is Pair:
        parts = form_list(item, form)
    if len(parts) == 2 and is_identifier(parts[0]):
        name = strip(parts[0])
        if name is INHERIT or name in info.by_name:
            return name
        hint = None
        if name.name in ("define", "define*", "define-public"):
            hint = (
                "a record body holds (field value) pairs; move the definition "
                f"before the ({info.ctor.name} ...) form"
            )
            raise field_error(info, item, form, "definition in a record body", hint)
        close = difflib.get_close_matches(
            name.name, [spec.name.name for spec in info.fields], n=3, cutoff=0.6
        )
        if close:
            hint = "did you mean " + ", ".join(close) + "?"
        raise field_error(info, item, form, f"unknown field '{name.name}'", hint)
    if parts and is_identifier(parts[0]) and strip(parts[0]).name.startswith("define"):
        hint = (
            f"a record body holds (field value) pairs; move the definition "
            f"before the ({info.ctor.name} ...) form"
        )
        raise field_error(info, item, form, "definition in a record body", hint)
    raise field_error(
        info, item, form, "invalid field specifier; expected (field value)"
    )


def constructor_compiler(info: TypeInfo) -> Callable:
    """Return the compile function of INFO's constructor form."""

    def compile_constructor(form: Pair, scope: Scope, tail: bool) -> Node:
        items = form_list(form.cdr, form)
        seen: dict[Symbol, Any] = {}
        inherit_expr = None
        for item in items:
            name = check_item(info, item, form)
            if name in seen:
                raise field_error(
                    info, item, form, f"duplicate field initializer '{name.name}'"
                )
            seen[name] = item
            if name is INHERIT:
                inherit_expr = item.cdr.car
        if inherit_expr is None:
            missing = [name for name in info.required() if name not in seen]
            if missing:
                names = " ".join(name.name for name in missing)
                raise syntax_error(
                    f"{info.ctor.name}: missing field initializers ({names})", form
                )
        return constructor_node(info, items, inherit_expr, scope, form)

    return compile_constructor


def constructor_node(info, items, inherit_expr, scope: Scope, form: Pair) -> Node:
    """Return the node building a record from the checked initializer ITEMS."""
    parent_node = (
        compile_expr(inherit_expr, scope) if inherit_expr is not None else None
    )
    body_scope = scope.child()
    parent_slot = None
    if inherit_expr is not None:
        # The record inherited from, for the thunked fields that override
        # one of its fields and see the overridden value by its name.
        parent_slot = body_scope.bind(PARENT).slot
    this_ids = [THIS_RECORD] + ([info.this_id] if info.this_id is not None else [])
    steps = []
    for item in items:
        identifier = item.car
        name = strip(identifier)
        if name is INHERIT:
            continue
        index = info.by_name[name]
        spec = info.fields[index]
        expression = item.cdr.car
        if spec.thunked:
            own = (identifier, name.name) if inherit_expr is not None else None
            expression = thunk_form(expression, this_ids[1:], item.loc or form.loc, own)
            node = compile_expr(expression, body_scope)
            slot = None
        elif spec.delayed:
            thunk = make_lambda_form(NIL, Pair(expression, NIL), item.loc or form.loc)
            node = compile_expr(thunk, body_scope)
            slot = None
        else:
            node = compile_expr(expression, body_scope)
            slot = body_scope.bind(identifier).slot
        steps.append((index, node, slot))
    loc = form.loc
    type_name = info.name.name

    def construct(frame: list) -> StarRecord:
        parent = None
        if parent_node is not None:
            parent = parent_node(frame)
            if not (isinstance(parent, StarRecord) and parent.type is info.rtd):
                raise scheme_error(
                    "wrong-type-arg",
                    f"{info.ctor.name}: inherit expects a {type_name} record, given",
                    parent,
                    loc=loc,
                )
        if parent_slot is not None:
            frame[parent_slot] = parent
        given = {}
        for index, node, slot in steps:
            value = node(frame)
            given[index] = value
            if slot is not None:
                frame[slot] = value
        return build_record(info, given, parent, loc)

    return construct


# ---------------------------------------------------------------------------
# match-record


def compile_match_record(form: Pair, scope: Scope, tail: bool) -> Node:
    """Compile ``(match-record RECORD TYPE (field (field var) ...) body ...)``."""
    from ..compiler.core import compile_body

    items = form_list(form, form)
    if len(items) < 4:
        raise syntax_error("bad match-record", form)
    record_node = compile_expr(items[1], scope)
    type_node = compile_expr(items[2], scope)
    body_scope = scope.child()
    bindings = []
    for spec in form_list(items[3], form):
        if is_identifier(spec):
            field, variable = strip(spec), spec
        else:
            parts = form_list(spec, form)
            if len(parts) != 2 or not all(map(is_identifier, parts)):
                raise syntax_error("match-record: bad field", spec, form.loc)
            field, variable = strip(parts[0]), parts[1]
        bindings.append((field, body_scope.bind(variable).slot))
    body = compile_body(items[4:], body_scope, tail, form)

    def match_record(frame: list) -> Any:
        record = record_node(frame)
        rtd = type_node(frame)
        if not (isinstance(record, Record) and record.type is rtd):
            raise scheme_error(
                "wrong-type-arg", "match-record: not a record of type", rtd, record
            )
        for field, slot in bindings:
            index = rtd.index_of(field)
            if isinstance(record, StarRecord):
                frame[slot] = field_value(record, index)
            else:
                frame[slot] = record.fields[index]
        return body(frame)

    return match_record


# ---------------------------------------------------------------------------
# Printing


def render(value: Any, indent: int, flat: bool = False) -> str:
    """Return VALUE written as its constructor form, broken over lines past 78
    columns unless FLAT."""
    from ..printer import write_string

    limit = 10**9 if flat else 78

    if isinstance(value, StarRecord):
        printer = PRINTERS.get(value.type.name.name)
        if printer is not None:
            return printer(value, indent, flat)
        info = info_of(value)
        parts = []
        for name in value.given:
            index = info.by_name[name]
            field = field_value(value, index)
            parts.append((name.name, field))
        head = "(" + info.ctor.name
        flat_parts = [f"({name} {render(field, 0, True)})" for name, field in parts]
        line = " ".join([head, *flat_parts]) + ")"
        if indent + len(line) <= limit:
            return line
        pad = " " * (indent + 2)
        lines = [
            f"{pad}({name} {render(field, indent + 3 + len(name))})"
            for name, field in parts
        ]
        return head + "".join("\n" + text for text in lines) + ")"
    if type(value) is Pair and any(
        isinstance(item, StarRecord) for item in _items(value)
    ):
        items = _items(value)
        if items is not None:
            texts = [render(item, indent + 6, flat) for item in items]
            line = "(list " + " ".join(texts) + ")"
            if indent + len(line) <= limit and "\n" not in line:
                return line
            pad = "\n" + " " * (indent + 6)
            return "(list " + pad.join(texts) + ")"
    if type(value) is Symbol or (
        type(value) is Pair and value.car is not Symbol("quote")
    ):
        text = write_string(value)
        return "'" + text if _quotable(value) else text
    if value is NIL:
        return "'()"
    return write_string(value)


def _quotable(value: Any) -> bool:
    """Return whether VALUE is plain data that reads back with a quote."""
    if type(value) is Pair:
        return all(not isinstance(item, Record) for item in _items(value) or ())
    return type(value) is Symbol


def _items(value: Pair) -> list | None:
    """Return the elements of the proper list VALUE, or None."""
    items = []
    while type(value) is Pair:
        items.append(value.car)
        value = value.cdr
    return items if value is NIL else None


# ---------------------------------------------------------------------------
# Installation into (guix records)


def install(module: Any) -> None:
    """Bind the record forms and procedures in MODULE, normally ``(guix records)``."""
    from . import printers  # noqa: F401  (registers how OS values print)

    forms = {
        "define-record-type*": compile_define_record_type_star,
        "this-record": compile_this_record,
        "match-record": compile_match_record,
    }
    for name, compile_function in forms.items():
        module.define_syntax(Symbol(name), SpecialForm(name, compile_function))
    module.define(
        Symbol("%current-construction-location"), current_construction_location
    )
    current_construction_location.scheme_name = "%current-construction-location"


__all__ = [
    "PRINTERS",
    "StarRecord",
    "TypeInfo",
    "field_value",
    "install",
    "make_record",
]
