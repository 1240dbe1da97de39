"""``(ice-9 match)``: match, match-lambda[*], match-let[*] and match-letrec.

Each pattern is compiled once into a matcher, a Python function
``(value, frame) -> bool`` that tests VALUE and stores what the pattern's
variables matched into frame slots; clause bodies then run in tail position.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..datums import (
    NIL,
    QUASIQUOTE,
    QUOTE,
    UNQUOTE,
    UNQUOTE_SPLICING,
    Char,
    Keyword,
    Loc,
    Pair,
    Symbol,
    equal,
    make_list,
)
from ..errors import Condition, SchemeError
from ..runtime.procedures import apply_procedure, python_error
from .binding import finish
from .core import (
    Node,
    compile_body,
    compile_expr,
    form_list,
    special,
    strip_syntax,
    syntax_error,
)
from .forms import compile_lambda, is_named, keyword
from .records import Record
from .scope import Local, Renamed, Scope, is_identifier, strip
from .specialize import PRIMITIVE_ERRORS

Matcher = Callable[[Any, list], bool]

WILDCARD = Symbol("_")
ELLIPSES = (Symbol("..."), Symbol("___"))
ONE_OR_MORE = Symbol("..1")
PREDICATE = Symbol("?")
APPLICATION = Symbol("=")
AND = Symbol("and")
OR = Symbol("or")
NOT = Symbol("not")
RECORD = Symbol("$")
FAILURE = Symbol("=>")

# Pattern forms: head symbol -> PatternCompiler method compiling them.
PATTERN_FORMS = {
    QUOTE: "quoted",
    QUASIQUOTE: "quasiquoted",
    PREDICATE: "predicate",
    APPLICATION: "application",
    AND: "conjunction",
    OR: "alternatives",
    NOT: "negation",
    RECORD: "record",
}

# Limitation: these forms live in the root module, so they are visible
# without importing their module, and #:select, #:renamer or #:hide on
# the module do not reach them, because module tables cannot hold syntax
# yet.  The empty table lets the module be imported.
MATCH_MODULE = ("ice-9", "match")


def match_any(value: Any, frame: list) -> bool:
    """Match anything, binding nothing: the pattern ``_``."""
    return True


def match_nil(value: Any, frame: list) -> bool:
    """Match the empty list only."""
    return value is NIL


def ellipsis_minimum(x: Any) -> int | None:
    """Return how many items the ellipsis X asks for at least, or None if X is none."""
    if is_identifier(x):
        symbol = strip(x)
        if symbol in ELLIPSES:
            return 0
        if symbol is ONE_OR_MORE:
            return 1
    return None


def no_match(value: Any, loc: Loc | None) -> SchemeError:
    """Return the error raised when no clause matches VALUE, as Guile throws it."""
    message = "no matching pattern"
    condition = Condition(
        Symbol("match-error"),
        message,
        [value],
        who="match",
        loc=loc,
        args=make_list(["match", message, value]),
    )
    return SchemeError(condition)


def call_checked(proc: Any, value: Any, loc: Loc | None) -> Any:
    """Return PROC applied to VALUE; errors escaping a primitive become conditions."""
    try:
        return apply_procedure(proc, (value,))
    except SchemeError as error:
        error.add_frame("match", loc)
        raise
    except PRIMITIVE_ERRORS as error:
        converted = python_error(proc, error, (value,))
        converted.add_frame("match", loc)
        raise converted from None


# ---------------------------------------------------------------------------
# Matchers for the shapes of patterns


def literal_matcher(datum: Any) -> Matcher:
    """Return a matcher of values equal? to DATUM, cheap for the common kinds."""
    kind = type(datum)
    if kind in (Symbol, Keyword, Char, bool) or datum is NIL:
        return lambda value, frame: value is datum
    if kind is int or kind is str:
        return lambda value, frame: type(value) is kind and value == datum
    return lambda value, frame: equal(value, datum)


def binder(slot: int) -> Matcher:
    """Return a matcher binding anything to the variable in SLOT."""

    def bind(value: Any, frame: list) -> bool:
        frame[slot] = value
        return True

    bind.slot = slot
    return bind


def same_as(slot: int) -> Matcher:
    """Return a matcher of values equal? to what the variable in SLOT matched."""
    return lambda value, frame: equal(value, frame[slot])


def conjunction(matchers: list[Matcher]) -> Matcher:
    """Return a matcher succeeding when every one of MATCHERS does, in order."""
    matchers = [m for m in matchers if m is not match_any]
    if not matchers:
        return match_any
    if len(matchers) == 1:
        return matchers[0]
    steps = tuple(matchers)

    def match_all(value: Any, frame: list) -> bool:
        for matcher in steps:
            if not matcher(value, frame):
                return False
        return True

    return match_all


def fixed_list_matcher(elements: list[Matcher], tail: Matcher) -> Matcher:
    """Return a matcher of lists of len(ELEMENTS) items whose end matches TAIL."""
    slots = [getattr(m, "slot", 0) if m is not match_any else 0 for m in elements]
    if all(slots[i] or elements[i] is match_any for i in range(len(elements))):
        return variables_list_matcher(tuple(slots), tail)
    steps = tuple(elements)
    if tail is match_nil:

        def match_proper(value: Any, frame: list) -> bool:
            for matcher in steps:
                if type(value) is not Pair or not matcher(value.car, frame):
                    return False
                value = value.cdr
            return value is NIL

        return match_proper

    def match_list(value: Any, frame: list) -> bool:
        for matcher in steps:
            if type(value) is not Pair or not matcher(value.car, frame):
                return False
            value = value.cdr
        return tail(value, frame)

    return match_list


def variables_list_matcher(slots: tuple[int, ...], tail: Matcher) -> Matcher:
    """Return a matcher of lists whose items go to SLOTS (0: ignored), then TAIL."""
    if tail is match_nil:

        def match_variables(value: Any, frame: list) -> bool:
            for slot in slots:
                if type(value) is not Pair:
                    return False
                if slot:
                    frame[slot] = value.car
                value = value.cdr
            return value is NIL

        return match_variables

    def match_variables_tail(value: Any, frame: list) -> bool:
        for slot in slots:
            if type(value) is not Pair:
                return False
            if slot:
                frame[slot] = value.car
            value = value.cdr
        return tail(value, frame)

    return match_variables_tail


class Repetition:
    """The pattern before an ellipsis: MATCHER, the SLOTS of its variables, and
    the MINIMUM number of items it must match."""

    __slots__ = ("matcher", "slots", "minimum")

    def __init__(self, matcher: Matcher, slots: list[int], minimum: int) -> None:
        self.matcher = matcher
        self.slots = slots
        self.minimum = minimum

    def runner(self) -> Callable[[list, list], bool]:
        """Return a function matching every item of a Python list, collecting
        each variable's matches into a Scheme list in its slot."""
        matcher, slots = self.matcher, tuple(self.slots)
        slot = getattr(matcher, "slot", None)
        if slot is not None:

            def collect_all(items: list, frame: list) -> bool:
                frame[slot] = make_list(items)
                return True

            return collect_all
        if not slots:
            return lambda items, frame: all(matcher(item, frame) for item in items)

        def collect(items: list, frame: list) -> bool:
            matches: list[list] = [[] for _ in slots]
            for item in items:
                if not matcher(item, frame):
                    return False
                for found, variable_slot in zip(matches, slots, strict=True):
                    found.append(frame[variable_slot])
            for found, variable_slot in zip(matches, slots, strict=True):
                frame[variable_slot] = make_list(found)
            return True

        return collect


def sequence_matcher(
    prefix: list[Matcher], repetition: Repetition, suffix: list[Matcher]
) -> Callable[[list, list], bool]:
    """Return a function matching a Python list: PREFIX items, as many items as
    REPETITION takes, then SUFFIX items."""
    start, fixed = len(prefix), len(prefix) + len(suffix)
    minimum = repetition.minimum
    repeat = repetition.runner()
    before, after = tuple(prefix), tuple(suffix)

    def match_sequence(items: list, frame: list) -> bool:
        count = len(items) - fixed
        if count < minimum:
            return False
        for matcher, item in zip(before, items, strict=False):
            if not matcher(item, frame):
                return False
        if not repeat(items[start : start + count], frame):
            return False
        for matcher, item in zip(after, items[start + count :], strict=True):
            if not matcher(item, frame):
                return False
        return True

    return match_sequence


def ellipsis_list_matcher(
    prefix: list[Matcher], repetition: Repetition, suffix: list[Matcher]
) -> Matcher:
    """Return a matcher of proper lists with a repeated part."""
    match_items = sequence_matcher(prefix, repetition, suffix)

    def match_list(value: Any, frame: list) -> bool:
        items = []
        while type(value) is Pair:
            items.append(value.car)
            value = value.cdr
        return value is NIL and match_items(items, frame)

    return match_list


def vector_matcher(
    prefix: list[Matcher], repetition: Repetition | None, suffix: list[Matcher]
) -> Matcher:
    """Return a matcher of vectors made of PREFIX, REPETITION and SUFFIX items."""
    if repetition is not None:
        match_items = sequence_matcher(prefix, repetition, suffix)
        return lambda value, frame: type(value) is list and match_items(value, frame)
    steps, count = tuple(prefix), len(prefix)

    def match_vector(value: Any, frame: list) -> bool:
        if type(value) is not list or len(value) != count:
            return False
        for matcher, item in zip(steps, value, strict=True):
            if not matcher(item, frame):
                return False
        return True

    return match_vector


# ---------------------------------------------------------------------------
# Compiling patterns


class PatternCompiler:
    """Compile the patterns of one clause, binding their variables in SCOPE.

    VARIABLES maps each identifier bound so far to its Local, so that a
    repeated identifier tests for an equal? value; SHARED holds the
    variables of the branches of an enclosing ``or``, which all branches
    bind to the same slot.  FORM is the whole match form, for errors.
    """

    def __init__(self, scope: Scope, form: Pair) -> None:
        self.scope = scope
        self.form = form
        self.variables: dict[Any, Local] = {}
        self.shared: dict[Any, Local] = {}

    def compile(self, pattern: Any) -> Matcher:
        """Return the matcher of PATTERN."""
        if is_identifier(pattern):
            return self.variable(pattern)
        if type(pattern) is Pair:
            head = pattern.car
            if is_identifier(head):
                special_form = self.special_pattern(strip(head))
                if special_form is not None:
                    return special_form(pattern)
            return self.list_pattern(pattern, self.compile)
        if type(pattern) is list:
            return self.vector_pattern(pattern, self.compile)
        if pattern is NIL:
            return match_nil
        return literal_matcher(pattern)

    def special_pattern(self, symbol: Symbol) -> Callable[[Pair], Matcher] | None:
        """Return the compile method of the pattern form headed by SYMBOL, if any."""
        # Limitation: the tree search ``***`` and the ``get!``/``set!``
        # patterns are not supported; configurations do not use them.
        method = PATTERN_FORMS.get(symbol)
        return getattr(self, method) if method is not None else None

    def error(self, message: str, pattern: Any) -> SchemeError:
        """Return a syntax error about PATTERN, located at the match form."""
        return syntax_error(f"match: {message}", pattern, self.form.loc)

    def arguments(self, pattern: Pair, least: int, most: int | None = None) -> list:
        """Return the items after the head of the pattern form PATTERN, checking
        that there are at least LEAST and at most MOST of them."""
        items = form_list(pattern.cdr, self.form)
        if len(items) < least or (most is not None and len(items) > most):
            raise self.error("bad pattern", pattern)
        return items

    # -- variables

    def variable(self, identifier: Any) -> Matcher:
        """Return the matcher of an identifier pattern: ``_``, or a variable."""
        symbol = strip(identifier)
        if symbol is WILDCARD:
            return match_any
        if ellipsis_minimum(identifier) is not None:
            raise self.error("misplaced ellipsis", identifier)
        local = self.variables.get(identifier)
        if local is not None:
            return same_as(local.slot)
        local = self.shared.get(identifier) or self.scope.bind(identifier)
        self.variables[identifier] = local
        return binder(local.slot)

    # -- literals

    def quoted(self, pattern: Pair) -> Matcher:
        """Return the matcher of ``(quote DATUM)``."""
        (datum,) = self.arguments(pattern, 1, 1)
        return literal_matcher(strip_syntax(datum))

    def quasiquoted(self, pattern: Pair) -> Matcher:
        """Return the matcher of ``(quasiquote TEMPLATE)``."""
        (template,) = self.arguments(pattern, 1, 1)
        return self.quasi(template)

    def quasi(self, template: Any) -> Matcher:
        """Return the matcher of a quasiquote TEMPLATE: literal but for unquotes."""
        if type(template) is Pair:
            if is_named(template.car, UNQUOTE):
                (pattern,) = self.arguments(template, 1, 1)
                return self.compile(pattern)
            if is_named(template.car, UNQUOTE_SPLICING):
                # Guile 3.0.8 refuses ,@ in patterns as well.
                raise self.error("unquote-splicing in a pattern", template)
            return self.list_pattern(template, self.quasi)
        if type(template) is list:
            return self.vector_pattern(template, self.quasi)
        if template is NIL:
            return match_nil
        return literal_matcher(strip_syntax(template))

    # -- lists and vectors

    def list_pattern(self, pattern: Pair, element: Callable[[Any], Matcher]) -> Matcher:
        """Return the matcher of a list pattern, compiling its items with ELEMENT."""
        items, tail = [], pattern
        while type(tail) is Pair:
            if items and self.is_tail_pattern(tail, element):
                break
            items.append(tail.car)
            tail = tail.cdr
        prefix, repetition, suffix = self.sequence(items, element, pattern)
        if repetition is None:
            tail_matcher = element(tail) if tail is not NIL else match_nil
            return fixed_list_matcher(prefix, tail_matcher)
        if tail is not NIL:
            raise self.error("dotted tail not allowed after ellipsis", pattern)
        return ellipsis_list_matcher(prefix, repetition, suffix)

    def is_tail_pattern(self, tail: Pair, element: Callable[[Any], Matcher]) -> bool:
        """Return whether the rest TAIL of a list pattern is one pattern, not items.

        ``(a . (and b c))`` reads as ``(a and b c)``; Guile's matcher takes
        any tail headed by a pattern keyword as that keyword's pattern, and
        so does this one.  In a quasiquote, only an unquote is such a tail.
        """
        head = tail.car
        if not is_identifier(head):
            return False
        if element == self.quasi:
            return is_named(head, UNQUOTE)
        symbol = strip(head)
        if symbol is APPLICATION:
            return len(form_list(tail, self.form)) == 3
        return self.special_pattern(symbol) is not None

    def vector_pattern(self, items: list, element: Callable[[Any], Matcher]) -> Matcher:
        """Return the matcher of the vector pattern ITEMS."""
        prefix, repetition, suffix = self.sequence(items, element, items)
        return vector_matcher(prefix, repetition, suffix)

    def sequence(self, items: list, element: Callable[[Any], Matcher], pattern: Any):
        """Return (prefix, Repetition or None, suffix) of the item patterns ITEMS."""
        marks = [
            i for i, item in enumerate(items) if ellipsis_minimum(item) is not None
        ]
        if not marks:
            return [element(item) for item in items], None, []
        if len(marks) > 1 or marks[0] == 0:
            raise self.error("bad use of an ellipsis", pattern)
        mark = marks[0]
        prefix = [element(item) for item in items[: mark - 1]]
        repetition = self.repetition(
            items[mark - 1], ellipsis_minimum(items[mark]), element
        )
        suffix = [element(item) for item in items[mark + 1 :]]
        return prefix, repetition, suffix

    def repetition(self, pattern: Any, minimum: int, element) -> Repetition:
        """Return the Repetition of PATTERN, whose variables each get a list."""
        outer = self.variables
        self.variables = {}
        try:
            matcher = element(pattern)
        finally:
            inner, self.variables = self.variables, outer
        for identifier, local in inner.items():
            if identifier in outer:
                # Limitation: a variable both inside and outside an ellipsis
                # is refused, because the two bindings would share one slot.
                raise self.error(
                    "variable used inside and outside an ellipsis", pattern
                )
            outer[identifier] = local
        return Repetition(matcher, [local.slot for local in inner.values()], minimum)

    # -- combinators

    def predicate(self, pattern: Pair) -> Matcher:
        """Return the matcher of ``(? PREDICATE PATTERN ...)``."""
        test, *patterns = self.arguments(pattern, 1)
        # Compiled here, the predicate sees the variables bound to its left,
        # as in Guile.
        predicate = compile_expr(test, self.scope)
        rest = conjunction([self.compile(p) for p in patterns])
        loc = self.form.loc

        def match_predicate(value: Any, frame: list) -> bool:
            if call_checked(predicate(frame), value, loc) is False:
                return False
            return rest(value, frame)

        return match_predicate

    def application(self, pattern: Pair) -> Matcher:
        """Return the matcher of ``(= PROCEDURE PATTERN)``."""
        items = self.arguments(pattern, 2, 2)
        procedure = compile_expr(items[0], self.scope)
        result = self.compile(items[1])
        loc = self.form.loc
        return lambda value, frame: result(
            call_checked(procedure(frame), value, loc), frame
        )

    def conjunction(self, pattern: Pair) -> Matcher:
        """Return the matcher of ``(and PATTERN ...)``."""
        return conjunction([self.compile(p) for p in self.arguments(pattern, 0)])

    def alternatives(self, pattern: Pair) -> Matcher:
        """Return the matcher of ``(or PATTERN ...)``; its branches share variables."""
        branches = self.arguments(pattern, 0)
        before, outer_shared = self.variables, self.shared
        self.shared = dict(outer_shared)
        union = dict(before)
        compiled = []
        for branch in branches:
            self.variables = dict(before)
            matcher = self.compile(branch)
            bound = {
                key: local for key, local in self.variables.items() if key not in before
            }
            self.shared.update(bound)
            union.update(bound)
            compiled.append((matcher, set(bound)))
        self.variables, self.shared = union, outer_shared
        new = set(union) - set(before)
        steps = tuple(
            unset_missing(matcher, [union[key].slot for key in new - bound])
            for matcher, bound in compiled
        )

        def match_any_branch(value: Any, frame: list) -> bool:
            for matcher in steps:
                if matcher(value, frame):
                    return True
            return False

        return match_any_branch

    def negation(self, pattern: Pair) -> Matcher:
        """Return the matcher of ``(not PATTERN)``, which binds nothing."""
        (inner,) = self.arguments(pattern, 1, 1)
        saved_variables, saved_scope = dict(self.variables), self.scope
        self.scope = self.scope.child()
        try:
            matcher = self.compile(inner)
        finally:
            self.variables, self.scope = saved_variables, saved_scope
        return lambda value, frame: not matcher(value, frame)

    def record(self, pattern: Pair) -> Matcher:
        """Return the matcher of ``($ RECORD-TYPE PATTERN ...)``, fields in order."""
        type_expression, *patterns = self.arguments(pattern, 1)
        record_type = compile_expr(type_expression, self.scope)
        fields = tuple(self.compile(p) for p in patterns)
        count = len(fields)

        def match_record(value: Any, frame: list) -> bool:
            if not isinstance(value, Record) or value.type is not record_type(frame):
                return False
            values = value.fields
            if len(values) < count:
                return False
            for matcher, item in zip(fields, values, strict=False):
                if not matcher(item, frame):
                    return False
            return True

        return match_record


def unset_missing(matcher: Matcher, slots: list[int]) -> Matcher:
    """Return MATCHER, also setting SLOTS to #f when it succeeds.

    An ``or`` branch that does not bind some variable of another branch
    leaves it false, rather than holding a stale value.
    """
    if not slots:
        return matcher

    def match_and_unset(value: Any, frame: list) -> bool:
        if not matcher(value, frame):
            return False
        for slot in slots:
            frame[slot] = False
        return True

    return match_and_unset


# ---------------------------------------------------------------------------
# Clauses and the match forms


class NextClause(Exception):
    """Raised by the failure procedure of a ``(=> fail)`` clause."""

    def __init__(self, token: object) -> None:
        super().__init__("match failure continuation called")
        self.token = token


# What a ``(=> fail)`` clause's body returns when it gave up.
TRY_NEXT = object()


class Clause:
    """A compiled match clause: MATCHER, BODY, and whether the body may give up
    (FAILABLE, for ``(=> fail)`` clauses) and return TRY_NEXT."""

    __slots__ = ("matcher", "body", "failable")

    def __init__(self, matcher: Matcher, body: Node, failable: bool = False) -> None:
        self.matcher = matcher
        self.body = body
        self.failable = failable


def compile_clause(clause: Any, scope: Scope, tail: bool, form: Pair) -> Clause:
    """Return the Clause of the match CLAUSE ``(pattern [(=> fail)] body ...)``."""
    if type(clause) is not Pair:
        raise syntax_error("match: bad clause", clause, form.loc)
    parts = form_list(clause, form)
    clause_scope = scope.child()
    matcher = PatternCompiler(clause_scope, form).compile(parts[0])
    body = parts[1:]
    if body and type(body[0]) is Pair and is_named(body[0].car, FAILURE):
        failure = form_list(body[0], form)
        if len(failure) != 2 or not is_identifier(failure[1]):
            raise syntax_error("match: bad (=> fail) clause", clause, form.loc)
        slot = clause_scope.bind(failure[1]).slot
        body_node = compile_body(body[1:], clause_scope, False, clause)
        return Clause(matcher, failable_body(body_node, slot), failable=True)
    return Clause(matcher, compile_body(body, clause_scope, tail, clause))


def failable_body(body: Node, slot: int) -> Node:
    """Return BODY run with a procedure in SLOT that gives up, for the next clause."""
    # Limitation: the body of a (=> fail) clause is not in tail position,
    # because calling the failure procedure must come back to this match.

    def run_failable(frame: list) -> Any:
        token = object()

        def fail() -> Any:
            raise NextClause(token)

        frame[slot] = fail
        try:
            return finish(body(frame))
        except NextClause as escape:
            if escape.token is not token:
                raise
            return TRY_NEXT

    return run_failable


def clauses_node(subject: Node, clauses: list[Clause], loc: Loc | None) -> Node:
    """Return a node matching SUBJECT's value against CLAUSES in turn."""
    steps = tuple((clause.matcher, clause.body) for clause in clauses)
    if any(clause.failable for clause in clauses):

        def match_failable(frame: list) -> Any:
            value = subject(frame)
            for matcher, body in steps:
                if matcher(value, frame):
                    result = body(frame)
                    if result is not TRY_NEXT:
                        return result
            raise no_match(value, loc)

        return match_failable

    def match(frame: list) -> Any:
        value = subject(frame)
        for matcher, body in steps:
            if matcher(value, frame):
                return body(frame)
        raise no_match(value, loc)

    return match


@special("match", module=MATCH_MODULE)
def compile_match(form: Pair, scope: Scope, tail: bool) -> Node:
    """Compile ``(match expression clause ...)``."""
    items = form_list(form, form)
    if len(items) < 2:
        raise syntax_error("bad match: expected (match expression clause ...)", form)
    subject = compile_expr(items[1], scope)
    clauses = [compile_clause(clause, scope, tail, form) for clause in items[2:]]
    return clauses_node(subject, clauses, form.loc)


def temporary(scope: Scope) -> Renamed:
    """Return a fresh identifier for the value being matched."""
    return Renamed(Symbol("match-value"), None, scope.module)


@special("match-lambda", module=MATCH_MODULE)
def compile_match_lambda(form: Pair, scope: Scope, tail: bool) -> Node:
    """Compile ``(match-lambda clause ...)``: a procedure of one matched argument."""
    value = temporary(scope)
    body = Pair(keyword("match"), Pair(value, form.cdr), form.loc)
    lambda_form = Pair(
        keyword("lambda"), make_list([make_list([value]), body]), form.loc
    )
    return compile_lambda(lambda_form, scope, tail)


@special("match-lambda*", module=MATCH_MODULE)
def compile_match_lambda_star(form: Pair, scope: Scope, tail: bool) -> Node:
    """Compile ``(match-lambda* clause ...)``: clauses match the argument list."""
    value = temporary(scope)
    body = Pair(keyword("match"), Pair(value, form.cdr), form.loc)
    lambda_form = Pair(keyword("lambda"), make_list([value, body]), form.loc)
    return compile_lambda(lambda_form, scope, tail)


def match_bindings(bindings: Any, form: Pair) -> list[tuple[Any, Any]]:
    """Return the (pattern, expression) pairs of a match-let binding list."""
    result = []
    for binding in form_list(bindings, form):
        parts = form_list(binding, form) if type(binding) is Pair else []
        if len(parts) != 2:
            raise syntax_error("bad match-let binding", form)
        result.append((parts[0], parts[1]))
    return result


def checked_steps(steps: tuple, body: Node, loc: Loc | None) -> Node:
    """Return a node matching each (init, matcher) of STEPS in turn, then BODY."""

    def match_let(frame: list) -> Any:
        for init, matcher in steps:
            value = init(frame)
            if not matcher(value, frame):
                raise no_match(value, loc)
        return body(frame)

    return match_let


@special("match-let", module=MATCH_MODULE)
def compile_match_let(form: Pair, scope: Scope, tail: bool) -> Node:
    """Compile ``(match-let ((pattern expression) ...) body ...)``."""
    items = form_list(form, form)
    if len(items) < 3:
        raise syntax_error("bad match-let", form)
    if is_identifier(items[1]):
        return compile_named_match_let(form, scope, tail)
    bindings = match_bindings(items[1], form)
    inits = [compile_expr(expression, scope) for _, expression in bindings]
    inner = scope.child()
    patterns = PatternCompiler(inner, form)
    matchers = [patterns.compile(pattern) for pattern, _ in bindings]
    body = compile_body(items[2:], inner, tail, form)
    loc = form.loc
    pairs = tuple(zip(inits, matchers, strict=True))

    def match_let(frame: list) -> Any:
        values = [init(frame) for init, _ in pairs]
        for (_, matcher), value in zip(pairs, values, strict=True):
            if not matcher(value, frame):
                raise no_match(value, loc)
        return body(frame)

    return match_let


def compile_named_match_let(form: Pair, scope: Scope, tail: bool) -> Node:
    """Compile ``(match-let NAME ((pattern init) ...) body ...)``, a matching loop."""
    items = form_list(form, form)
    bindings = match_bindings(items[2], form)
    temporaries = [temporary(scope) for _ in bindings]
    inner = make_list(
        [
            make_list([pattern, value])
            for (pattern, _), value in zip(bindings, temporaries, strict=True)
        ]
    )
    body = Pair(keyword("match-let"), Pair(inner, form.cdr.cdr.cdr), form.loc)
    loop_bindings = make_list(
        [
            make_list([value, init])
            for (_, init), value in zip(bindings, temporaries, strict=True)
        ]
    )
    loop = make_list([keyword("let"), items[1], loop_bindings, body])
    loop.loc = form.loc
    return compile_expr(loop, scope, tail)


@special("match-let*", module=MATCH_MODULE)
def compile_match_let_star(form: Pair, scope: Scope, tail: bool) -> Node:
    """Compile ``(match-let* ((pattern expression) ...) body ...)``, in sequence."""
    items = form_list(form, form)
    if len(items) < 3:
        raise syntax_error("bad match-let*", form)
    current = scope
    steps = []
    for pattern, expression in match_bindings(items[1], form):
        init = compile_expr(expression, current)
        current = current.child()
        steps.append((init, PatternCompiler(current, form).compile(pattern)))
    body = compile_body(items[2:], current, tail, form)
    return checked_steps(tuple(steps), body, form.loc)


@special("match-letrec", module=MATCH_MODULE)
def compile_match_letrec(form: Pair, scope: Scope, tail: bool) -> Node:
    """Compile ``(match-letrec ((pattern expression) ...) body ...)``.

    The pattern variables are bound before the expressions are compiled, so
    the expressions (typically lambdas) may refer to them.
    """
    items = form_list(form, form)
    if len(items) < 3:
        raise syntax_error("bad match-letrec", form)
    bindings = match_bindings(items[1], form)
    inner = scope.child()
    patterns = PatternCompiler(inner, form)
    matchers = [patterns.compile(pattern) for pattern, _ in bindings]
    inits = [compile_expr(expression, inner) for _, expression in bindings]
    body = compile_body(items[2:], inner, tail, form)
    return checked_steps(tuple(zip(inits, matchers, strict=True)), body, form.loc)
