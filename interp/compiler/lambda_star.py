"""``lambda*`` and ``define*``: optional and keyword arguments, as in Guile.

A lambda list is ``(required ... #:optional opt ... #:key key ...
[#:allow-other-keys] [#:rest rest])`` (or a dotted rest).  Optional and key
parameters are NAME or (NAME DEFAULT); a default is evaluated at call time and
sees the parameters before it.
"""

from __future__ import annotations

from typing import Any

from ..datums import NIL, Keyword, Pair, make_list
from ..errors import scheme_error
from ..runtime.procedures import UNBOUND, Closure, arity_error
from .core import Node, compile_body, compile_expr, form_list, special, syntax_error
from .definitions import BODY_DEFINERS, define_global_node
from .scope import Scope, is_identifier, strip

OPTIONAL = Keyword("optional")
KEY = Keyword("key")
REST = Keyword("rest")
ALLOW_OTHER_KEYS = Keyword("allow-other-keys")


class KeywordClosure(Closure):
    """A closure with optional and keyword parameters (see the module docstring)."""

    __slots__ = ("optionals", "keys", "rest_slot", "allow_other_keys", "nparams")

    def make_frame(self, args: list | tuple) -> list:
        frame = [self.env] + [UNBOUND] * self.nparams
        frame.extend(self.pad)
        count, nreq = len(args), self.nreq
        if count < nreq:
            raise arity_error(self, count)
        frame[1 : nreq + 1] = args[:nreq]
        position = nreq
        for slot, default in self.optionals:
            if position < count and not (self.keys and type(args[position]) is Keyword):
                frame[slot] = args[position]
                position += 1
            else:
                frame[slot] = default(frame) if default is not None else False
        remaining = args[position:]
        if self.rest_slot is not None:
            frame[self.rest_slot] = make_list(remaining)
        if self.keys:
            self.bind_keys(frame, remaining)
        elif remaining and self.rest_slot is None:
            raise arity_error(self, count)
        return frame

    def bind_keys(self, frame: list, remaining: Any) -> None:
        """Store keyword arguments from REMAINING, then the defaults of the others."""
        given: dict[Keyword, Any] = {}
        index = 0
        while index < len(remaining):
            keyword = remaining[index]
            if type(keyword) is not Keyword:
                if self.rest_slot is not None:
                    index += 1
                    continue
                raise scheme_error(
                    "keyword-argument-error",
                    "Invalid keyword",
                    keyword,
                    who=self.display_name(),
                )
            if index + 1 >= len(remaining):
                raise scheme_error(
                    "keyword-argument-error",
                    "Keyword argument has no value",
                    keyword,
                    who=self.display_name(),
                )
            if keyword not in self.slots_by_keyword and not self.allow_other_keys:
                raise scheme_error(
                    "keyword-argument-error",
                    "Unrecognized keyword",
                    keyword,
                    who=self.display_name(),
                )
            given[keyword] = remaining[index + 1]  # the last one wins, as in Guile
            index += 2
        for keyword, slot, default in self.keys:
            if keyword in given:
                frame[slot] = given[keyword]
            else:
                frame[slot] = default(frame) if default is not None else False

    @property
    def slots_by_keyword(self) -> set:
        return {keyword for keyword, _, _ in self.keys}

    def display_name(self) -> str:
        return self.name.name if self.name is not None else "anonymous procedure"

    def __call__(self, *args: Any) -> Any:
        return self.body(self.make_frame(args))


def parse_parameter(spec: Any, form: Any) -> tuple[Any, Any]:
    """Return (identifier, default expression or None) of NAME or (NAME DEFAULT)."""
    if is_identifier(spec):
        return spec, None
    parts = form_list(spec, form) if type(spec) is Pair else []
    if len(parts) in (2, 3) and is_identifier(parts[0]):
        return parts[0], parts[1]
    raise syntax_error("bad lambda* parameter", form)


def compile_lambda_star(form: Pair, scope: Scope, tail: bool, name: Any = None) -> Node:
    """Compile a ``lambda*`` form (or a lambda whose list has #:keywords)."""
    if type(form.cdr) is not Pair:
        raise syntax_error("bad lambda*", form)
    params, body = form.cdr.car, form.cdr.cdr
    inner = scope.new_frame()
    section = "required"
    nreq = 0
    optionals, keys = [], []
    rest_slot = None
    allow_other_keys = False
    rest = params
    while type(rest) is Pair:
        item = rest.car
        rest = rest.cdr
        if item is OPTIONAL or item is KEY:
            section = item.name
            continue
        if item is ALLOW_OTHER_KEYS:
            allow_other_keys = True
            continue
        if item is REST:
            if type(rest) is not Pair or not is_identifier(rest.car):
                raise syntax_error("bad #:rest in lambda list", form)
            rest_slot = inner.bind(rest.car).slot
            rest = rest.cdr
            continue
        identifier, default = parse_parameter(item, form)
        default_node = compile_expr(default, inner) if default is not None else None
        slot = inner.bind(identifier).slot
        if section == "required":
            if default is not None:
                raise syntax_error("required parameters take no default", form)
            nreq += 1
        elif section == "optional":
            optionals.append((slot, default_node))
        else:
            keys.append((Keyword(strip(identifier).name), slot, default_node))
    if rest is not NIL:
        if not is_identifier(rest):
            raise syntax_error("bad lambda list", form)
        rest_slot = inner.bind(rest).slot
    body_node = compile_body(form_list(body, form), inner, True, form)
    nparams = nreq + len(optionals) + len(keys) + (rest_slot is not None)
    nlocals = inner.frame.size - 1 - nparams
    symbol = strip(name) if name is not None else None
    loc = form.loc

    def make(frame: list) -> KeywordClosure:
        closure = KeywordClosure(nreq, True, nlocals, body_node, frame, symbol, loc)
        closure.optionals = optionals
        closure.keys = keys
        closure.rest_slot = rest_slot
        closure.allow_other_keys = allow_other_keys
        closure.nparams = nparams
        return closure

    return make


@special("lambda*")
def compile_lambda_star_form(form: Pair, scope: Scope, tail: bool) -> Node:
    return compile_lambda_star(form, scope, tail)


def define_star_parts(form: Pair) -> tuple[Any, Any]:
    """Return (name, lambda* expression) of a ``define*`` form."""
    items = form_list(form, form)
    if len(items) < 3:
        raise syntax_error("bad define*", form)
    target = items[1]
    if is_identifier(target):
        return target, items[2]
    if type(target) is not Pair or not is_identifier(target.car):
        raise syntax_error("bad define*", form)
    keyword = _special("lambda*")
    return target.car, Pair(keyword, Pair(target.cdr, form.cdr.cdr), form.loc)


def _special(name: str):
    from .core import SPECIAL_FORMS

    return SPECIAL_FORMS[name]


@special("define*")
def compile_define_star(form: Pair, scope: Scope, tail: bool) -> Node:
    name, expression = define_star_parts(form)
    return define_global_node(name, expression, scope)


def body_define_star(form: Pair, scope: Scope) -> list:
    """Turn an internal define* into a body definition."""
    name, expression = define_star_parts(form)
    local = scope.bind(name, checked=True)
    return [("define", (local, expression))]


BODY_DEFINERS["define*"] = body_define_star
