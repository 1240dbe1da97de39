"""The syntax of gexps, monads and the store: ``gexp``, ``mlet*``, ``with-store``...

Each form is compiled by rewriting it into core forms whose operators are
Python procedures placed directly in the code (so no user binding can
capture them).  ``with-monad`` binds ``return`` and ``>>=`` lexically.
"""

from __future__ import annotations

import functools
from typing import Any

from ..compiler.core import compile_expr, form_list, special, strip_syntax, syntax_error
from ..compiler.forms import keyword
from ..compiler.scope import Renamed, Scope, is_identifier, strip
from ..datums import (
    GEXP,
    NIL,
    UNGEXP,
    UNGEXP_NATIVE,
    UNGEXP_NATIVE_SPLICING,
    UNGEXP_SPLICING,
    UNSPECIFIED,
    Pair,
    Symbol,
    make_list,
)
from ..errors import scheme_error
from . import monads
from .objects import Gexp, GexpInput, Hole

ARROW = Symbol("->")
OUTPUT = Symbol("output")
RETURN = Symbol("return")
BIND = Symbol(">>=")


def fresh(name: str, scope: Scope) -> Renamed:
    """Return an identifier named NAME that no user code can refer to."""
    return Renamed(Symbol(name), None, scope.module)


def lambda_form(params: list, body: list) -> Pair:
    """Return ``(lambda PARAMS BODY...)`` headed by the core lambda."""
    return make_list([keyword("lambda"), make_list(params), *body])


def let_form(bindings: list[tuple[Any, Any]], body: list) -> Pair:
    """Return ``(let ((NAME VALUE)...) BODY...)`` headed by the core let."""
    return make_list(
        [keyword("let"), make_list(make_list([n, v]) for n, v in bindings), *body]
    )


# --- monads -------------------------------------------------------------------


def _bind(monad: Any, mvalue: Any, mproc: Any) -> Any:
    return monads.check_monad(monad, ">>=").bind(mvalue, mproc)


def _return_of(monad: Any) -> Any:
    return monads.check_monad(monad, "with-monad").return_


def _bind_of(monad: Any) -> Any:
    monad = monads.check_monad(monad, "with-monad")

    def bind(mvalue: Any, *mprocs: Any) -> Any:
        return monads.bind_all(monad, mvalue, *mprocs)

    bind.name = ">>="
    return bind


def _unspecified(monad: Any) -> Any:
    return monads.monadic_unspecified(monads.check_monad(monad, "mwhen"))


def with_monad_form(monad: Any, body: list) -> Pair:
    """Return BODY wrapped so that ``return`` and ``>>=`` are MONAD's."""
    # Limitation: return and >>= are lexical bindings of the plain symbols,
    # not syntax parameters as in Guix, so a macro defined elsewhere whose
    # template says `return' does not see them; such macros are rare.
    bindings = [
        (RETURN, make_list([_return_of, monad])),
        (BIND, make_list([_bind_of, monad])),
    ]
    return let_form(bindings, body)


@special("with-monad")
def compile_with_monad(form: Pair, scope: Scope, tail: bool):
    """Compile ``(with-monad MONAD BODY...)``: BODY sees MONAD's return and >>=."""
    items = form_list(form, form)
    if len(items) < 3:
        raise syntax_error("bad with-monad: expected (with-monad monad body...)", form)
    monad = fresh("monad", scope)
    rewritten = let_form([(monad, items[1])], [with_monad_form(monad, items[2:])])
    return compile_expr(rewritten, scope, tail)


def _apply_values(receiver: Any, values: Any) -> Any:
    from ..datums import Values
    from ..runtime.procedures import call

    return call(receiver, *(values if type(values) is Values else (values,)))


def _mlet_star_body(
    monad: Any, bindings: list, body: list, form: Pair, scope: Scope
) -> Any:
    """Return the chain of binds that mlet* BINDINGS stands for, then BODY."""
    if not bindings:
        return with_monad_form(monad, body)
    binding, rest = bindings[0], bindings[1:]
    parts = form_list(binding, form) if type(binding) is Pair else []
    inner = _mlet_star_body(monad, rest, body, form, scope)
    if len(parts) == 3 and is_identifier(parts[1]) and strip(parts[1]) is ARROW:
        return let_form([(parts[0], parts[2])], [inner])
    if len(parts) != 2 or not (is_identifier(parts[0]) or type(parts[0]) is Pair):
        raise syntax_error(
            "bad mlet* binding: expected (var mvalue) or (var -> value)",
            binding if type(binding) is Pair else form,
        )
    mvalue = with_monad_form(monad, [parts[1]])
    if type(parts[0]) is Pair:
        # ((values a b) mvalue) binds several values, as Guix allows.
        names = form_list(parts[0].cdr, form)
        values = fresh("values", scope)
        receiver = make_list([_apply_values, lambda_form(names, [inner]), values])
        return make_list([_bind, monad, mvalue, lambda_form([values], [receiver])])
    return make_list([_bind, monad, mvalue, lambda_form([parts[0]], [inner])])


def _mlet_parts(form: Pair, what: str) -> tuple[Any, list, list]:
    items = form_list(form, form)
    if len(items) < 4:
        raise syntax_error(
            f"bad {what}: expected ({what} monad (bindings...) body...)", form
        )
    return items[1], form_list(items[2], form), items[3:]


@special("mlet*")
def compile_mlet_star(form: Pair, scope: Scope, tail: bool):
    """Compile ``(mlet* MONAD ((VAR MVAL) | (VAR -> VAL) ...) BODY...)``."""
    monad_expr, bindings, body = _mlet_parts(form, "mlet*")
    monad = fresh("monad", scope)
    chain = _mlet_star_body(monad, bindings, body, form, scope)
    return compile_expr(let_form([(monad, monad_expr)], [chain]), scope, tail)


@special("mlet")
def compile_mlet(form: Pair, scope: Scope, tail: bool):
    """Compile ``(mlet MONAD (BINDINGS...) BODY...)``; no binding sees another."""
    monad_expr, bindings, body = _mlet_parts(form, "mlet")
    monad = fresh("monad", scope)
    temporaries, renamed = [], []
    for binding in bindings:
        parts = form_list(binding, form)
        temporary = fresh("value", scope)
        if len(parts) == 3:
            value = parts[2]
            renamed.append(make_list([parts[0], ARROW, temporary]))
        elif len(parts) == 2:
            value = with_monad_form(monad, [parts[1]])
            renamed.append(make_list([parts[0], temporary]))
        else:
            raise syntax_error("bad mlet binding", binding)
        temporaries.append((temporary, value))
    chain = _mlet_star_body(monad, renamed, body, form, scope)
    return compile_expr(
        let_form([(monad, monad_expr)], [let_form(temporaries, [chain])]), scope, tail
    )


def _mbegin_chain(monad: Any, expressions: list, scope: Scope) -> Any:
    if len(expressions) == 1:
        return with_monad_form(monad, expressions)
    ignored = fresh("ignored", scope)
    rest = _mbegin_chain(monad, expressions[1:], scope)
    return make_list(
        [
            _bind,
            monad,
            with_monad_form(monad, expressions[:1]),
            lambda_form([ignored], [rest]),
        ]
    )


@special("mbegin")
def compile_mbegin(form: Pair, scope: Scope, tail: bool):
    """Compile ``(mbegin MONAD MEXP...)``: run each MEXP, return the last's value."""
    items = form_list(form, form)
    if len(items) < 3:
        raise syntax_error("bad mbegin: expected (mbegin monad mexp...)", form)
    monad = fresh("monad", scope)
    chain = _mbegin_chain(monad, items[2:], scope)
    return compile_expr(let_form([(monad, items[1])], [chain]), scope, tail)


def _compile_conditional(form: Pair, scope: Scope, tail: bool, when: bool):
    name = "mwhen" if when else "munless"
    items = form_list(form, form)
    if len(items) < 4:
        raise syntax_error(f"bad {name}: expected ({name} monad test mexp...)", form)
    monad = fresh("monad", scope)
    chain = _mbegin_chain(monad, items[3:], scope)
    otherwise = make_list([_unspecified, monad])
    branches = [chain, otherwise] if when else [otherwise, chain]
    test = make_list([keyword("if"), items[2], *branches])
    return compile_expr(let_form([(monad, items[1])], [test]), scope, tail)


@special("mwhen")
def compile_mwhen(form: Pair, scope: Scope, tail: bool):
    """Compile ``(mwhen MONAD TEST MEXP...)``."""
    return _compile_conditional(form, scope, tail, True)


@special("munless")
def compile_munless(form: Pair, scope: Scope, tail: bool):
    """Compile ``(munless MONAD TEST MEXP...)``."""
    return _compile_conditional(form, scope, tail, False)


# --- the store ----------------------------------------------------------------


@special("with-store")
def compile_with_store(form: Pair, scope: Scope, tail: bool):
    """Compile ``(with-store STORE BODY...)``: BODY with a connection, closed after."""
    from .scheme import call_with_store

    items = form_list(form, form)
    if len(items) < 3 or not is_identifier(items[1]):
        raise syntax_error("bad with-store: expected (with-store store body...)", form)
    call = make_list([call_with_store, lambda_form([items[1]], items[2:])])
    return compile_expr(call, scope, tail)


# --- gexps --------------------------------------------------------------------


def _is_form(x: Any, *heads: Symbol) -> bool:
    return type(x) is Pair and is_identifier(x.car) and strip(x.car) in heads


class _GexpCompiler:
    """One compilation of a ``(gexp ...)`` form: its holes and their inputs."""

    def __init__(self, form: Pair, scope: Scope) -> None:
        self.form = form
        self.scope = scope
        # One entry per hole: ("value", node, output node, native) or
        # ("output", name).
        self.inputs: list[tuple] = []

    def hole(self, x: Pair, splicing: bool) -> Hole:
        items = form_list(x, x)
        native = strip(x.car) in (UNGEXP_NATIVE, UNGEXP_NATIVE_SPLICING)
        if len(items) not in (2, 3):
            raise syntax_error("bad ungexp: expected (ungexp value [output])", x)
        if is_identifier(items[1]) and strip(items[1]) is OUTPUT and not splicing:
            name = strip_syntax(items[2]) if len(items) == 3 else "out"
            if not isinstance(name, str):
                raise syntax_error("the output name of #$output must be a string", x)
            self.inputs.append(("output", name))
        else:
            value = compile_expr(items[1], self.scope)
            output = compile_expr(items[2], self.scope) if len(items) == 3 else None
            self.inputs.append(("value", value, output, native))
        return Hole(len(self.inputs) - 1, splicing)

    def nested(self, x: Pair) -> Hole:
        self.inputs.append(("value", compile_gexp(x, self.scope, False), None, False))
        return Hole(len(self.inputs) - 1)

    def template(self, x: Any) -> Any:
        """Return the template of X: X with every ungexp replaced by a Hole."""
        if _is_form(x, UNGEXP, UNGEXP_NATIVE):
            return self.hole(x, False)
        if _is_form(x, GEXP):
            return self.nested(x)
        if _is_form(x, UNGEXP_SPLICING, UNGEXP_NATIVE_SPLICING):
            raise syntax_error("#$@ must appear inside a list", x)
        if type(x) is Pair:
            items: list = []
            tail = x
            while type(tail) is Pair:
                if _is_form(tail, UNGEXP, UNGEXP_NATIVE) and items:
                    break  # a dotted tail: (a . #$b)
                car = tail.car
                if _is_form(car, UNGEXP_SPLICING, UNGEXP_NATIVE_SPLICING):
                    items.append(self.hole(car, True))
                else:
                    items.append(self.template(car))
                tail = tail.cdr
            return make_list(items, NIL if tail is NIL else self.template(tail))
        if type(x) is list:
            return [
                self.hole(item, True)
                if _is_form(item, UNGEXP_SPLICING, UNGEXP_NATIVE_SPLICING)
                else self.template(item)
                for item in x
            ]
        return strip_syntax(x)


@special("gexp")
def compile_gexp(form: Pair, scope: Scope, tail: bool):
    """Compile ``(gexp EXP)`` (``#~EXP``) into a node making a Gexp object."""
    items = form_list(form, form)
    if len(items) != 2:
        raise syntax_error("bad gexp: expected one expression", form)
    compiler = _GexpCompiler(form, scope)
    template = compiler.template(items[1])
    specs = tuple(compiler.inputs)
    loc = form.loc

    def make_gexp(frame: list) -> Gexp:
        inputs = []
        for spec in specs:
            if spec[0] == "output":
                inputs.append(GexpInput(None, spec[1], is_output=True))
                continue
            _, value, output, native = spec
            name = output(frame) if output is not None else "out"
            if not isinstance(name, str):
                raise scheme_error(
                    "wrong-type-arg", "ungexp: bad output name", name, loc=loc
                )
            inputs.append(GexpInput(value(frame), name, native))
        return Gexp(template, inputs, tuple(CURRENT_MODULES.value), loc)

    return make_gexp


def _ungexp_outside(form: Pair, scope: Scope, tail: bool):
    raise syntax_error("#$ (ungexp) used outside of a gexp", form)


special("ungexp", "ungexp-splicing", "ungexp-native", "ungexp-native-splicing")(
    _ungexp_outside
)


# --- imported modules and local files ---------------------------------------------


class _Modules:
    """The modules the gexps made now import (set by with-imported-modules)."""

    value: tuple = ()


CURRENT_MODULES = _Modules()


def call_with_imported_modules(system: Any, modules: Any, thunk: Any) -> Any:
    """Call THUNK with MODULES added to what gexps made meanwhile import.

    Each entry of MODULES is a module name, or ``(name => file-like)``;
    names are found as files on SYSTEM's load path.
    """
    from ..runtime.procedures import call

    resolved = [_module_source(system, entry) for entry in _list(modules)]
    saved = CURRENT_MODULES.value
    CURRENT_MODULES.value = (*saved, *(r for r in resolved if r is not None))
    try:
        return call(thunk)
    finally:
        CURRENT_MODULES.value = saved


def _list(value: Any) -> list:
    from ..datums import list_to_python

    try:
        return list_to_python(value)
    except ValueError:
        raise scheme_error(
            "wrong-type-arg", "expected a list of modules", value
        ) from None


def _module_source(system: Any, entry: Any) -> tuple | None:
    """Return (name, source) for one with-imported-modules ENTRY, or None when the
    module is built into oscdsl (written in Python) and needs no file."""
    from ..modules.system import parse_module_name

    items = _list(entry)
    if len(items) == 3 and items[1] is Symbol("=>"):
        return parse_module_name(items[0]), items[2]
    name = parse_module_name(entry)
    path = system.find_file(name)
    if path is None:
        if name in system.tables:
            return None
        raise scheme_error(
            "missing-module",
            "with-imported-modules: no module",
            entry,
            hint="add its directory with -L",
        )
    return name, str(path)


@special("with-imported-modules")
def compile_with_imported_modules(form: Pair, scope: Scope, tail: bool):
    """Compile ``(with-imported-modules MODULES BODY...)``."""
    items = form_list(form, form)
    if len(items) < 3:
        raise syntax_error("bad with-imported-modules", form)
    procedure = functools.partial(call_with_imported_modules, scope.module.system)
    call = make_list([procedure, items[1], lambda_form([], items[2:])])
    return compile_expr(call, scope, tail)


@special("local-file")
def compile_local_file(form: Pair, scope: Scope, tail: bool):
    """Compile ``(local-file FILE [NAME] #:recursive? #:select?)``: FILE is
    relative to the directory of the source file the form is in."""
    from ..compiler.module_forms import source_directory
    from .scheme import make_local_file

    directory = source_directory(form)
    procedure = functools.partial(make_local_file, directory, form.loc)
    call = Pair(procedure, form.cdr, form.loc)
    return compile_expr(call, scope, tail)


__all__ = ["CURRENT_MODULES", "UNSPECIFIED", "compile_gexp"]
