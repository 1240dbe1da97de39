"""``syntax-rules`` macros: pattern matching, template expansion, hygiene.

Each expansion renames the symbols its template introduces (see
:class:`scope.Renamed`): a renamed symbol bound by the expansion cannot
capture the user's variables, and a free one refers to the binding visible
where the macro was defined, even if the user shadowed that name.
"""

from __future__ import annotations

from typing import Any

from ..datums import NIL, UNSPECIFIED, Pair, Symbol, equal
from .core import Macro, compile_body, form_list, special, strip_syntax, syntax_error
from .definitions import BODY_DEFINERS
from .scope import Renamed, Scope, is_identifier, strip

ELLIPSIS = Symbol("...")
UNDERSCORE = Symbol("_")


class NoMatch(Exception):
    """A pattern did not match (internal to the matcher)."""


class SyntaxRules:
    """A compiled ``syntax-rules`` transformer: LITERALS, RULES, and where defined."""

    def __init__(
        self, name: str, ellipsis: Any, literals: list, rules: list, scope, module
    ):
        self.name = name
        self.ellipsis = ellipsis
        self.literals = {strip(literal) for literal in literals}
        self.rules = rules
        self.scope = scope
        self.module = module
        self.use_scope: Scope | None = None

    def expand(self, form: Pair, use_scope: Scope) -> Any:
        """Return FORM rewritten by the first rule whose pattern matches it."""
        self.use_scope = use_scope
        for pattern, template in self.rules:
            bindings: dict[Any, Any] = {}
            try:
                # The keyword position of the pattern is ignored.
                self.match(pattern.cdr, form.cdr, bindings)
            except NoMatch:
                continue
            renames: dict[Any, Renamed] = {}
            return self.instantiate(template, bindings, renames)
        raise syntax_error(f"no rule of macro {self.name} matches", form)

    # -- matching --------------------------------------------------------

    def is_ellipsis(self, x: Any) -> bool:
        return is_identifier(x) and strip(x) is self.ellipsis

    def match(self, pattern: Any, form: Any, bindings: dict) -> None:
        """Match FORM against PATTERN, adding pattern variables to BINDINGS."""
        if is_identifier(pattern):
            symbol = strip(pattern)
            if symbol in self.literals:
                if not (is_identifier(form) and strip(form) is symbol):
                    raise NoMatch
                if self.locally_bound(form):
                    raise NoMatch  # the user's variable, not the literal
            elif symbol is not UNDERSCORE:
                bindings[pattern] = form
            return
        if type(pattern) is Pair:
            if type(pattern.cdr) is Pair and self.is_ellipsis(pattern.cdr.car):
                self.match_ellipsis(pattern, form, bindings)
                return
            if type(form) is not Pair:
                raise NoMatch
            self.match(pattern.car, form.car, bindings)
            self.match(pattern.cdr, form.cdr, bindings)
            return
        if type(pattern) is list:
            if type(form) is not list:
                raise NoMatch
            self.match(to_list(pattern), to_list(form), bindings)
            return
        if pattern is NIL:
            if form is not NIL:
                raise NoMatch
            return
        if not equal(strip_syntax(pattern), strip_syntax(form)):
            raise NoMatch

    def match_ellipsis(self, pattern: Pair, form: Any, bindings: dict) -> None:
        """Match ``(p ... tail)``: as many P as the tail leaves room for."""
        repeated, tail = pattern.car, pattern.cdr.cdr
        minimum = 0
        rest = tail
        while type(rest) is Pair:
            minimum += 1
            rest = rest.cdr
        items = []
        current = form
        while type(current) is Pair:
            items.append(current)
            current = current.cdr
        available = len(items) - minimum
        if available < 0:
            raise NoMatch
        matches = []
        for pair in items[:available]:
            sub: dict[Any, Any] = {}
            self.match(repeated, pair.car, sub)
            matches.append(sub)
        for variable in pattern_variables(repeated, self):
            bindings[variable] = Repeated([m.get(variable) for m in matches])
        remainder = items[available] if available < len(items) else current
        self.match(tail, remainder, bindings)

    def locally_bound(self, identifier: Any) -> bool:
        """Return whether IDENTIFIER is a lexical variable where the macro is used."""
        from .scope import Local, resolve

        scope = self.use_scope
        if scope is None:
            return False
        binding, _ = resolve(scope, identifier, scope.module)
        return type(binding) is Local

    # -- instantiation ---------------------------------------------------

    def instantiate(self, template: Any, bindings: dict, renames: dict) -> Any:
        """Return TEMPLATE with pattern variables replaced and other symbols renamed."""
        if is_identifier(template):
            if template in bindings:
                value = bindings[template]
                if type(value) is Repeated:
                    raise syntax_error(
                        f"pattern variable {strip(template).name} used "
                        "without ellipsis",
                        template,
                    )
                return value
            renamed = renames.get(template)
            if renamed is None:
                renamed = renames[template] = Renamed(template, self.scope, self.module)
            return renamed
        if type(template) is Pair:
            if self.is_ellipsis(template.car) and type(template.cdr) is Pair:
                # (... ...) escapes the ellipsis: the rest is taken literally.
                return self.escaped(template.cdr.car, bindings, renames)
            if type(template.cdr) is Pair and self.is_ellipsis(template.cdr.car):
                return self.instantiate_ellipsis(template, bindings, renames)
            return Pair(
                self.instantiate(template.car, bindings, renames),
                self.instantiate(template.cdr, bindings, renames),
                template.loc,
            )
        if type(template) is list:
            expanded = self.instantiate(to_list(template), bindings, renames)
            return list(expanded) if expanded is not NIL else []
        return template

    def escaped(self, template: Any, bindings: dict, renames: dict) -> Any:
        saved = self.ellipsis
        self.ellipsis = object()
        try:
            return self.instantiate(template, bindings, renames)
        finally:
            self.ellipsis = saved

    def instantiate_ellipsis(
        self, template: Pair, bindings: dict, renames: dict
    ) -> Any:
        """Expand ``(sub ... rest)`` (and ``sub ... ...``) into the repeated items."""
        sub = template.car
        rest = template.cdr.cdr
        depth = 1
        while type(rest) is Pair and self.is_ellipsis(rest.car):
            depth += 1
            rest = rest.cdr
        results = self.repeat(sub, bindings, renames, depth)
        tail = self.instantiate(rest, bindings, renames)
        for item in reversed(results):
            tail = Pair(item, tail)
        return tail

    def repeat(self, sub: Any, bindings: dict, renames: dict, depth: int) -> list:
        """Return the instances of SUB, one per match of its repeated variables."""
        variables = [
            v
            for v in template_variables(sub, bindings)
            if type(bindings[v]) is Repeated
        ]
        if not variables:
            raise syntax_error("no pattern variable before ellipsis in template", sub)
        lengths = {len(bindings[v].items) for v in variables}
        if len(lengths) > 1:
            raise syntax_error(
                "pattern variables under one ellipsis matched different lengths", sub
            )
        results = []
        for index in range(lengths.pop()):
            inner = dict(bindings)
            for variable in variables:
                inner[variable] = bindings[variable].items[index]
            if depth > 1:
                results.extend(self.repeat(sub, inner, renames, depth - 1))
            else:
                results.append(self.instantiate(sub, inner, renames))
        return results


class Repeated:
    """The matches of a pattern variable under an ellipsis."""

    __slots__ = ("items",)

    def __init__(self, items: list) -> None:
        self.items = items


def to_list(items: list) -> Any:
    result = NIL
    for item in reversed(items):
        result = Pair(item, result)
    return result


def pattern_variables(pattern: Any, rules: SyntaxRules) -> list:
    """Return the pattern variables occurring in PATTERN."""
    found: list = []
    stack = [pattern]
    while stack:
        item = stack.pop()
        if is_identifier(item):
            symbol = strip(item)
            if (
                symbol not in rules.literals
                and symbol is not UNDERSCORE
                and not rules.is_ellipsis(item)
            ):
                found.append(item)
        elif type(item) is Pair:
            stack.append(item.cdr)
            stack.append(item.car)
        elif type(item) is list:
            stack.extend(item)
    return found


def template_variables(template: Any, bindings: dict) -> list:
    """Return the pattern variables (keys of BINDINGS) occurring in TEMPLATE."""
    found: list = []
    stack = [template]
    while stack:
        item = stack.pop()
        if is_identifier(item):
            if item in bindings and item not in found:
                found.append(item)
        elif type(item) is Pair:
            stack.append(item.cdr)
            stack.append(item.car)
        elif type(item) is list:
            stack.extend(item)
    return found


# ---------------------------------------------------------------------------
# The forms that make macros


def make_transformer(spec: Any, name: str, scope: Scope | None, module) -> Macro:
    """Return the macro that the transformer expression SPEC describes."""
    if type(spec) is not Pair or not is_identifier(spec.car):
        raise syntax_error("bad macro transformer", spec)
    head = strip(spec.car).name
    if head != "syntax-rules":
        # Limitation: only syntax-rules transformers; syntax-case and
        # er-macro-transformer are not implemented, and configs use neither.
        raise syntax_error(
            f"unsupported macro transformer {head}; use syntax-rules", spec
        )
    items = form_list(spec.cdr, spec)
    ellipsis = ELLIPSIS
    if items and is_identifier(items[0]):
        ellipsis, items = strip(items[0]), items[1:]
    if not items:
        raise syntax_error("bad syntax-rules", spec)
    literals = form_list(items[0], spec)
    rules = []
    for rule in items[1:]:
        parts = form_list(rule, spec)
        if len(parts) != 2 or type(parts[0]) is not Pair:
            raise syntax_error(
                "bad syntax-rules clause", rule if type(rule) is Pair else spec
            )
        rules.append((parts[0], parts[1]))
    rules_object = SyntaxRules(name, ellipsis, literals, rules, scope, module)
    return Macro(name, rules_object.expand)


def transformer_scope(scope: Scope) -> Scope | None:
    """Return the scope free template identifiers resolve in (None at top level)."""
    return None if scope.parent is None and not scope.names else scope


@special("define-syntax", "define-syntax-public")
def compile_define_syntax(form: Pair, scope: Scope, tail: bool):
    items = form_list(form, form)
    if len(items) != 3 or not is_identifier(items[1]):
        raise syntax_error("bad define-syntax", form)
    name = strip(items[1])
    macro = make_transformer(
        items[2], name.name, transformer_scope(scope), scope.module
    )
    scope.module.define_syntax(name, macro)
    if strip(items[0]).name == "define-syntax-public":
        scope.module.exports.add(name)
    return lambda frame: UNSPECIFIED


@special("define-syntax-rule")
def compile_define_syntax_rule(form: Pair, scope: Scope, tail: bool):
    name, macro = syntax_rule_macro(form, scope)
    scope.module.define_syntax(name, macro)
    return lambda frame: UNSPECIFIED


def syntax_rule_macro(form: Pair, scope: Scope) -> tuple[Symbol, Macro]:
    """Return (name, macro) of ``(define-syntax-rule (name . pattern) template)``."""
    items = form_list(form, form)
    if (
        len(items) not in (3, 4)
        or type(items[1]) is not Pair
        or not is_identifier(items[1].car)
    ):
        raise syntax_error("bad define-syntax-rule", form)
    name = strip(items[1].car)
    rules = SyntaxRules(
        name.name,
        ELLIPSIS,
        [],
        [(items[1], items[-1])],
        transformer_scope(scope),
        scope.module,
    )
    return name, Macro(name.name, rules.expand)


def body_define_syntax(form: Pair, scope: Scope) -> list:
    """Bind an internal define-syntax (or define-syntax-rule) in the body's scope."""
    items = form_list(form, form)
    if strip(items[0]).name == "define-syntax-rule":
        name, macro = syntax_rule_macro(form, scope)
        scope.bind_syntax(items[1].car, macro)
        return []
    if len(items) != 3 or not is_identifier(items[1]):
        raise syntax_error("bad define-syntax", form)
    scope.bind_syntax(
        items[1], make_transformer(items[2], strip(items[1]).name, scope, scope.module)
    )
    return []


BODY_DEFINERS["define-syntax"] = body_define_syntax
BODY_DEFINERS["define-syntax-rule"] = body_define_syntax


@special("let-syntax", "letrec-syntax")
def compile_let_syntax(form: Pair, scope: Scope, tail: bool):
    items = form_list(form, form)
    if len(items) < 3:
        raise syntax_error("bad let-syntax", form)
    inner = scope.child()
    recursive = strip(items[0]).name == "letrec-syntax"
    for binding in form_list(items[1], form):
        parts = form_list(binding, form)
        if len(parts) != 2 or not is_identifier(parts[0]):
            raise syntax_error("bad let-syntax binding", form)
        macro = make_transformer(
            parts[1], strip(parts[0]).name, inner if recursive else scope, scope.module
        )
        inner.bind_syntax(parts[0], macro)
    return compile_body(items[2:], inner, tail, form)


@special("syntax-rules")
def compile_syntax_rules(form: Pair, scope: Scope, tail: bool):
    raise syntax_error("syntax-rules used outside define-syntax", form)
