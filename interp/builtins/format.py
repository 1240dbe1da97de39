"""The ``format`` procedure of ``(ice-9 format)`` and Guile's ``simple-format``.

A template is parsed into a tree of text and directives (``~{...~}`` and
``~[...~]`` hold their bodies), then run against the arguments.  The output
keeps track of its column, which ``~&`` and ``~t`` need.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

from ..datums import DEFAULT, NIL, UNSPECIFIED, Char, Pair
from ..errors import scheme_error
from .registry import primitive

FORMAT_MODULE = ("ice-9", "format")
BLOCKS = {"{": "}", "[": "]", "(": ")"}


# ---------------------------------------------------------------------------
# Parsing templates


class Directive:
    """One ``~X`` of a template: its parameters, modifiers and, for blocks, body.

    START and END delimit its text in the template and HEAD is the text of the
    directive itself, without a block's body, for error messages.  A
    ``~{`` or ``~(`` has a BODY; a ``~[`` has CLAUSES and, after ``~:;``, a
    DEFAULT clause index.
    """

    __slots__ = (
        "char", "params", "colon", "at", "start", "end",
        "body", "clauses", "default", "head",
    )  # fmt: skip

    def __init__(self, char: str, params: list, colon: bool, at: bool, start: int):
        self.char = char
        self.params = params
        self.colon = colon
        self.at = at
        self.start = start
        self.end = start
        self.head = ""
        self.body: list = []
        self.clauses: list[list] = []
        self.default: int | None = None


class Template:
    """A parsed template: the source TEXT and the NODES (strings and directives)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.nodes = _parse(self, 0, "")[0]

    def error(self, directive: Directive | None, problem: str, *irritants: Any):
        """Return the error for PROBLEM with DIRECTIVE, showing where it is."""
        where = f"format string {_quote(self.text)}"
        if directive is not None:
            where += f", directive {directive.head}"
        message = f"{where}: {problem}"
        if irritants:
            message = message.replace("~", "~~") + ":" + " ~s" * len(irritants)
        return scheme_error("misc-error", message, *irritants, who="format")


def _quote(text: str) -> str:
    """Return TEXT as a string literal, for messages."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def _parse(template: Template, index: int, closer: str) -> tuple[list, int, Any]:
    """Parse TEMPLATE from INDEX up to the directive CLOSER (or the end).

    Return the nodes, the index after the closer, and the closing directive
    (None at the end of the text).  ``~;`` also stops a ``~[`` clause.
    """
    text = template.text
    nodes: list = []
    while index < len(text):
        tilde = text.find("~", index)
        if tilde < 0:
            nodes.append(text[index:])
            index = len(text)
            break
        if tilde > index:
            nodes.append(text[index:tilde])
        directive, index = _parse_directive(template, tilde)
        char = directive.char
        if char == "\n":
            index = _skip_newline(text, directive, index, nodes)
        elif char in BLOCKS:
            index = _parse_block(template, directive, index)
            nodes.append(directive)
        elif char in "}])" or char == ";":
            if closer and (char == closer or (char == ";" and closer == "]")):
                return nodes, index, directive
            raise template.error(directive, "unmatched closing directive")
        else:
            nodes.append(directive)
    if closer:
        raise template.error(None, f"missing ~{closer}")
    return nodes, index, None


def _parse_directive(template: Template, index: int) -> tuple[Directive, int]:
    """Parse the directive whose tilde is at INDEX; return it and the index after."""
    text = template.text
    start = index
    params: list = []
    while True:
        param, index = _parse_param(template, index + 1)
        if index < len(text) and text[index] == ",":
            params.append(param)
            continue
        if param is not None or params:
            params.append(param)
        break
    colon = at = False
    while index < len(text) and text[index] in ":@":
        colon, at = colon or text[index] == ":", at or text[index] == "@"
        index += 1
    if index >= len(text):
        raise template.error(None, "the template ends inside a directive")
    directive = Directive(text[index].lower(), params, colon, at, start)
    directive.end = index + 1
    directive.head = text[start : index + 1]
    return directive, index + 1


def _parse_param(template: Template, index: int) -> tuple[Any, int]:
    """Parse the directive parameter at INDEX, if any; return it and the index after.

    A parameter is an integer, a quoted character ``'c``, ``v`` (taken from
    the arguments) or ``#`` (the number of arguments left).
    """
    text = template.text
    char = text[index : index + 1]
    if char and char in "+-0123456789":
        end = index + 1
        while end < len(text) and text[end].isdigit():
            end += 1
        try:
            return int(text[index:end]), end
        except ValueError:
            raise template.error(None, "malformed numeric parameter") from None
    if char == "'" and index + 1 < len(text):
        return Char(text[index + 1]), index + 2
    if char and char in "vV#":
        return char.lower(), index + 1
    return None, index


def _skip_newline(text: str, directive: Directive, index: int, nodes: list) -> int:
    """Handle ``~`` before a newline: drop the newline and the indentation after it.

    With ``:`` the indentation is kept; with ``@`` the newline is.
    """
    if directive.at:
        nodes.append("\n")
    if directive.colon:
        return index
    while index < len(text) and text[index] in " \t":
        index += 1
    return index


def _parse_block(template: Template, directive: Directive, index: int) -> int:
    """Parse the body or clauses of the block DIRECTIVE; return the index after it."""
    closer = BLOCKS[directive.char]
    while True:
        body, index, end = _parse(template, index, closer)
        if directive.char != "[":
            directive.body = body
            directive.end = end.end
            return index
        directive.clauses.append(body)
        if end.char == "]":
            directive.end = end.end
            return index
        if end.colon:
            directive.default = len(directive.clauses)


# ---------------------------------------------------------------------------
# Running templates


class Output:
    """Where formatted text accumulates; COLUMN is that of the next character."""

    def __init__(self, column: int = 0) -> None:
        self.parts: list[str] = []
        self.column = column

    def emit(self, text: str) -> None:
        """Append TEXT and advance the column."""
        if not text:
            return
        self.parts.append(text)
        newline = text.rfind("\n")
        self.column = (
            self.column + len(text) if newline < 0 else len(text) - newline - 1
        )

    def text(self) -> str:
        """Return everything emitted."""
        return "".join(self.parts)


class Arguments:
    """The arguments a directive consumes, with a cursor into them."""

    def __init__(self, items: list) -> None:
        self.items = items
        self.index = 0

    def remaining(self) -> int:
        """Return how many arguments are left."""
        return len(self.items) - self.index

    def next(self, template: Template, directive: Directive) -> Any:
        """Consume and return the next argument; it is an error if there is none."""
        if self.index >= len(self.items):
            raise template.error(directive, "missing argument(s)")
        self.index += 1
        return self.items[self.index - 1]


class Escape(Exception):
    """Raised by ``~^`` to leave the enclosing iteration; ALL for ``~:^``."""

    def __init__(self, leave_all: bool) -> None:
        super().__init__()
        self.leave_all = leave_all


def run(template: Template, nodes: list, args: Arguments, out: Output) -> None:
    """Run the NODES of TEMPLATE, taking arguments from ARGS, writing to OUT."""
    for node in nodes:
        if type(node) is str:
            out.emit(node)
            continue
        handler = HANDLERS.get(node.char)
        if handler is None:
            raise template.error(node, f"unknown control character `{node.char}'")
        handler(template, node, args, out)


def params(
    template: Template, directive: Directive, args: Arguments, defaults: list
) -> list:
    """Return the parameters of DIRECTIVE, DEFAULTS filling those not given.

    ``v`` takes the value from the arguments and ``#`` is the number of
    arguments left; character parameters become strings.
    """
    values = list(defaults)
    for position, param in enumerate(directive.params[: len(defaults)]):
        if param == "v":
            param = args.next(template, directive)
            param = None if param is False else param
        elif param == "#":
            param = args.remaining()
        if isinstance(param, Char):
            param = param.char
        if param is None:
            continue
        wanted = str if type(defaults[position]) is str else int
        if type(param) is not wanted:
            kind = "a character" if wanted is str else "an integer"
            raise template.error(directive, f"parameter {position + 1} must be {kind}")
        values[position] = param
    return values


def pad(text: str, width: int, padchar: str = " ", left: bool = True) -> str:
    """Return TEXT padded with PADCHAR to WIDTH characters, on the LEFT or right."""
    filling = padchar * max(width - len(text), 0)
    return filling + text if left else text + filling


# ---------------------------------------------------------------------------
# Directives: objects and characters


def _object(template: Template, directive: Directive, args: Arguments, out: Output):
    """Handle ``~a`` and ``~s``: an object displayed or written, padded."""
    from ..printer import display_string, write_string

    mincol, colinc, minpad, padchar = params(template, directive, args, [0, 1, 0, " "])
    value = args.next(template, directive)
    text = write_string(value) if directive.char == "s" else display_string(value)
    filling = minpad
    while len(text) + filling < mincol and colinc > 0:
        filling += colinc
    out.emit(pad(text, len(text) + filling, padchar, left=directive.at))


def _character(template: Template, directive: Directive, args: Arguments, out: Output):
    """Handle ``~c``: a character, written with ``@``, as ``^X`` with ``:``."""
    from ..printer import write_string

    value = args.next(template, directive)
    if not isinstance(value, Char):
        raise template.error(directive, "argument not a character", value)
    char = value.char
    if directive.at:
        out.emit(write_string(value))
    elif directive.colon and (ord(char) < 32 or ord(char) == 127):
        out.emit("^" + chr(ord(char) ^ 64))
    else:
        out.emit(char)


def _plural(template: Template, directive: Directive, args: Arguments, out: Output):
    """Handle ``~p``: "s" unless the argument is 1; ``~:p`` reuses the previous
    argument; ``~@p`` gives "y" or "ies"."""
    if directive.colon:
        args.index = max(0, args.index - 1)
    count = args.next(template, directive)
    singular = count == 1 and type(count) is not bool
    if directive.at:
        out.emit("y" if singular else "ies")
    elif not singular:
        out.emit("s")


def _repeat(text: str):
    """Return a handler that emits TEXT as many times as its parameter says."""

    def handler(template: Template, directive: Directive, args: Arguments, out: Output):
        (count,) = params(template, directive, args, [1])
        out.emit(text * count)

    return handler


def _fresh_line(template: Template, directive: Directive, args: Arguments, out: Output):
    """Handle ``~&``: a newline unless at the start of a line, then N-1 more."""
    (count,) = params(template, directive, args, [1])
    if count > 0:
        out.emit(("\n" if out.column else "") + "\n" * (count - 1))


def _tabulate(template: Template, directive: Directive, args: Arguments, out: Output):
    """Handle ``~t``: move to column COLNUM, or past it by multiples of COLINC."""
    colnum, colinc = params(template, directive, args, [1, 1])
    if directive.at:
        target = out.column + colnum
        if colinc > 1 and target % colinc:
            target += colinc - target % colinc
    elif out.column < colnum:
        target = colnum
    else:
        target = out.column
        if colinc > 0 and (out.column - colnum) % colinc:
            target += colinc - (out.column - colnum) % colinc
    out.emit(" " * (target - out.column))


def _pretty(template: Template, directive: Directive, args: Arguments, out: Output):
    """Handle ``~y``: the argument written, then a newline."""
    from ..printer import write_string

    # Limitation: long data are not broken over several lines as Guile's
    # pretty printer does, because no config output depends on the layout.

    out.emit(write_string(args.next(template, directive)) + "\n")


# ---------------------------------------------------------------------------
# Directives: numbers


def _integer_text(value: int, radix: int, directive: Directive, comma: list) -> str:
    """Return the digits of VALUE in RADIX, grouped with COMMA = [char, width]."""
    digits = _digits(abs(value), radix)
    if directive.colon:
        commachar, width = comma
        groups = []
        while len(digits) > width:
            groups.insert(0, digits[-width:])
            digits = digits[:-width]
        digits = commachar.join([digits, *groups])
    sign = "-" if value < 0 else "+" if directive.at else ""
    return sign + digits


def _digits(value: int, radix: int) -> str:
    """Return the lower-case digits of the non-negative VALUE in RADIX."""
    if radix == 10:
        return str(value)
    alphabet = "0123456789abcdefghijklmnopqrstuvwxyz"
    digits = ""
    while True:
        value, digit = divmod(value, radix)
        digits = alphabet[digit] + digits
        if not value:
            return digits


def _integer_directive(radix: int):
    """Return the handler of ``~d``, ``~x``, ``~o`` or ``~b`` for RADIX."""

    def handler(template: Template, directive: Directive, args: Arguments, out: Output):
        mincol, padchar, commachar, width = params(
            template, directive, args, [0, " ", ",", 3]
        )
        value = args.next(template, directive)
        text = _integer(template, directive, value, radix, [commachar, width])
        out.emit(pad(text, mincol, padchar))

    return handler


def _integer(
    template: Template, directive: Directive, value: Any, radix: int, comma: list
) -> str:
    """Return the integer VALUE as a directive shows it; integral floats as such."""
    from ..printer import display_string

    if type(value) is float and value.is_integer():
        return display_string(value)
    if type(value) is not int:
        raise template.error(directive, "argument not an integer", value)
    return _integer_text(value, radix, directive, comma)


def _radix(template: Template, directive: Directive, args: Arguments, out: Output):
    """Handle ``~r``: in a radix if one is given, else in English or Roman."""
    if directive.params and directive.params[0] is not None:
        radix, mincol, padchar, commachar, width = params(
            template, directive, args, [10, 0, " ", ",", 3]
        )
        value = args.next(template, directive)
        text = _integer(template, directive, value, radix, [commachar, width])
        out.emit(pad(text, mincol, padchar))
        return
    value = args.next(template, directive)
    if type(value) is not int:
        raise template.error(directive, "argument not an integer", value)
    if directive.at:
        out.emit(_roman(template, directive, value))
    elif directive.colon:
        out.emit(_ordinal(value))
    else:
        out.emit(_cardinal(value))


ONES = (
    "zero one two three four five six seven eight nine ten eleven twelve "
    "thirteen fourteen fifteen sixteen seventeen eighteen nineteen"
).split()
TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
SCALES = ["", " thousand", " million", " billion", " trillion", " quadrillion"]
ORDINAL_WORDS = {
    "one": "first", "two": "second", "three": "third", "five": "fifth",
    "eight": "eighth", "nine": "ninth", "twelve": "twelfth",
}  # fmt: skip


def _cardinal(value: int) -> str:
    """Return VALUE in English words: ``forty-two``, ``one thousand, two``."""
    if value < 0:
        return "minus " + _cardinal(-value)
    if value < 100:
        if value < 20:
            return ONES[value]
        tens, ones = divmod(value, 10)
        return TENS[tens] + (f"-{ONES[ones]}" if ones else "")
    if value < 1000:
        hundreds, rest = divmod(value, 100)
        return f"{ONES[hundreds]} hundred" + (f" {_cardinal(rest)}" if rest else "")
    groups = []
    scale = 0
    while value:
        value, group = divmod(value, 1000)
        if group:
            if scale >= len(SCALES):
                raise scheme_error("misc-error", "~r: number too large", who="format")
            groups.insert(0, _cardinal(group) + SCALES[scale])
        scale += 1
    return ", ".join(groups)


def _ordinal(value: int) -> str:
    """Return VALUE as an English ordinal: ``first``, ``forty-second``."""
    words = _cardinal(value)
    head, separator, last = max(
        words.rpartition(" "), words.rpartition("-"), key=lambda parts: len(parts[0])
    )
    if last in ORDINAL_WORDS:
        last = ORDINAL_WORDS[last]
    elif last.endswith("y"):
        last = last[:-1] + "ieth"
    else:
        last += "th"
    return head + separator + last


def _roman(template: Template, directive: Directive, value: int) -> str:
    """Return VALUE in Roman numerals; with ``:`` too, without subtractive pairs."""
    if not 0 < value < 4000:
        raise template.error(
            directive, "argument out of range for Roman numerals", value
        )
    numerals = [(1000, "M"), (500, "D"), (100, "C"), (50, "L"), (10, "X"), (5, "V"),
                (1, "I")]  # fmt: skip
    if not directive.colon:
        numerals += [(900, "CM"), (400, "CD"), (90, "XC"), (40, "XL"), (9, "IX"),
                     (4, "IV")]  # fmt: skip
        numerals.sort(reverse=True)
    text = ""
    for amount, numeral in numerals:
        count, value = divmod(value, amount)
        text += numeral * count
    return text


def _real(template: Template, directive: Directive, value: Any) -> float:
    """Return VALUE, a real number or a string holding one, as a float."""
    if type(value) is str:
        try:
            return float(value)
        except ValueError:
            raise template.error(directive, "illegal number string", value) from None
    if type(value) not in (int, float, Fraction):
        raise template.error(directive, "argument is not a number", value)
    return float(value)


def _fixed_text(number: float, places: int | None) -> str:
    """Return NUMBER in fixed notation, rounded half up to PLACES decimals.

    Rounding works on the shortest decimal form of NUMBER, so 0.15 rounds to
    0.2 as Guile does, not to the binary value's 0.1.
    """
    decimal = Decimal(repr(number))
    if places is None:
        text = format(decimal, "f")
        return text if "." in text else text + ".0"
    text = format(decimal.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP), "f")
    return text if places else text + "."


def _fixed(template: Template, directive: Directive, args: Arguments, out: Output):
    """Handle ``~f``: a real number in fixed notation, W wide with D decimals."""
    from ..printer import display_string

    width, places, scale, overflow, padchar = params(
        template, directive, args, [None, None, 0, "", " "]
    )
    number = _real(template, directive, args.next(template, directive))
    if number != number or number in (float("inf"), float("-inf")):
        out.emit(pad(display_string(number), width or 0, padchar))
        return
    text = _fixed_text(number * 10**scale, places)
    if directive.at and not text.startswith("-"):
        text = "+" + text
    if width is not None and len(text) > width and overflow:
        text = overflow * width
    out.emit(pad(text, width or 0, padchar))


def _exponential(
    template: Template, directive: Directive, args: Arguments, out: Output
):
    """Handle ``~e``: a real number as MANTISSA``E``EXPONENT."""
    width, places = params(template, directive, args, [None, None])[:2]
    number = _real(template, directive, args.next(template, directive))
    decimal = abs(Decimal(repr(number)))
    exponent = decimal.adjusted() if decimal else 0
    mantissa = decimal.scaleb(-exponent)
    if places is not None:
        mantissa = mantissa.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)
        if mantissa >= 10:
            exponent += 1
            mantissa = (mantissa / 10).quantize(Decimal(1).scaleb(-places))
    text = _fixed_text(float(mantissa), places) if places is None else str(mantissa)
    if places == 0:
        text += "."
    sign = "-" if number < 0 else "+" if directive.at else ""
    out.emit(pad(f"{sign}{text}E{exponent:+d}", width or 0))


def _money(template: Template, directive: Directive, args: Arguments, out: Output):
    """Handle ``~$``: D decimals (2), at least N integer digits (1), W wide."""
    places, digits, width, padchar = params(template, directive, args, [2, 1, 0, " "])
    number = _real(template, directive, args.next(template, directive))
    text = _fixed_text(abs(number), places).rstrip(".")
    whole, _, fraction = text.partition(".")
    text = whole.rjust(digits, "0") + ("." + fraction if fraction else "")
    sign = "-" if number < 0 else "+" if directive.at else ""
    out.emit(pad(sign + text, width, padchar))


# ---------------------------------------------------------------------------
# Directives: arguments, iteration, conditionals, case


def _goto(template: Template, directive: Directive, args: Arguments, out: Output):
    """Handle ``~*``: skip N arguments, back up with ``:``, jump to N with ``@``."""
    (count,) = params(template, directive, args, [0 if directive.at else 1])
    if directive.at:
        target = count
    elif directive.colon:
        target = args.index - count
    else:
        target = args.index + count
    if not 0 <= target <= len(args.items):
        raise template.error(directive, "argument index out of range")
    args.index = target


def _indirect(template: Template, directive: Directive, args: Arguments, out: Output):
    """Handle ``~?``: format the next argument with the list after it (or the rest)."""
    inner = Template(_template_text(template, directive, args))
    if directive.at:
        run(inner, inner.nodes, args, out)
        return
    items = _list_argument(template, directive, args.next(template, directive))
    run(inner, inner.nodes, Arguments(items), out)


def _template_text(template: Template, directive: Directive, args: Arguments) -> str:
    """Consume the next argument, which must be a template string."""
    text = args.next(template, directive)
    if type(text) is not str:
        raise template.error(directive, "expected a string argument", text)
    return text


def _list_argument(template: Template, directive: Directive, value: Any) -> list:
    """Return the elements of the proper list VALUE, for ``~{`` and ``~?``."""
    items = []
    while type(value) is Pair:
        items.append(value.car)
        value = value.cdr
    if value is not NIL:
        raise template.error(directive, "expected a list argument", value)
    return items


def _iterate(template: Template, directive: Directive, args: Arguments, out: Output):
    """Handle ``~{...~}``: run the body over a list (``@``: the rest of the args).

    With ``:`` each element is itself the list of arguments of one step.  The
    parameter caps the number of steps.  Guile 3.0.8 ignores the ``:`` of
    ``~:}`` (run at least once), and so does this.
    """
    (limit,) = params(template, directive, args, [None])
    body, inner = directive.body, template
    if not body:
        inner = Template(_template_text(template, directive, args))
        body = inner.nodes
    if directive.at:
        items = args
    else:
        value = args.next(template, directive)
        items = Arguments(_list_argument(template, directive, value))
    steps = 0
    while limit is None or steps < limit:
        if not items.remaining():
            break
        before = items.index
        try:
            if directive.colon:
                step = items.next(template, directive)
                run(inner, body, Arguments(_list_argument(template, directive, step)),
                    out)  # fmt: skip
            else:
                run(inner, body, items, out)
        except Escape as escape:
            if escape.leave_all or not directive.colon:
                break
        steps += 1
        if items.index == before and limit is None:
            # A body that consumes nothing would loop for ever.
            break


def _escape(template: Template, directive: Directive, args: Arguments, out: Output):
    """Handle ``~^``: leave the iteration when no argument is left."""
    given = params(template, directive, args, [None] * 3)[: len(directive.params)]
    if len(given) == 0:
        leave = args.remaining() == 0
    elif len(given) == 1:
        leave = given[0] == 0
    elif len(given) == 2:
        leave = given[0] == given[1]
    else:
        leave = given[0] <= given[1] <= given[2]
    if leave:
        raise Escape(directive.colon)


def _conditional(
    template: Template, directive: Directive, args: Arguments, out: Output
):
    """Handle ``~[...~]``: run the clause the argument selects.

    ``~:[`` picks the second clause for a true argument and the first for
    ``#f``; ``~@[`` runs its only clause when the argument is true, leaving
    the argument for it.
    """
    clauses = directive.clauses
    if directive.colon:
        chosen = 0 if args.next(template, directive) is False else 1
    elif directive.at:
        if args.remaining() and args.items[args.index] is False:
            args.index += 1
            return
        chosen = 0
    else:
        (selector,) = params(template, directive, args, [None])
        if selector is None:
            selector = args.next(template, directive)
        if type(selector) is not int or selector < 0:
            raise template.error(directive, "argument not a positive integer", selector)
        chosen = selector
    count = len(clauses) - (1 if directive.default is not None else 0)
    if chosen >= count:
        chosen = directive.default
    if chosen is not None and chosen < len(clauses):
        run(template, clauses[chosen], args, out)


def _case(template: Template, directive: Directive, args: Arguments, out: Output):
    """Handle ``~(...~)``: the body's output in lower case, or upper with a modifier.

    Guile 3.0.8 upcases for ``~:(`` and ``~@(`` alike, not capitalizing as
    Common Lisp does; this follows Guile.
    """
    inner = Output(out.column)
    run(template, directive.body, args, inner)
    text = inner.text()
    out.emit(text.upper() if directive.colon or directive.at else text.lower())


# Limitation: ~< (justification), ~i (complex numbers) and ~q are not
# handled, because Guile 3.0.8 itself rejects ~< and configs use none of them.
HANDLERS = {
    "a": _object,
    "s": _object,
    "c": _character,
    "p": _plural,
    "d": _integer_directive(10),
    "x": _integer_directive(16),
    "o": _integer_directive(8),
    "b": _integer_directive(2),
    "r": _radix,
    "f": _fixed,
    "e": _exponential,
    "$": _money,
    "%": _repeat("\n"),
    "~": _repeat("~"),
    "|": _repeat("\f"),
    "&": _fresh_line,
    "t": _tabulate,
    "y": _pretty,
    "*": _goto,
    "?": _indirect,
    "{": _iterate,
    "^": _escape,
    "[": _conditional,
    "(": _case,
}


# ---------------------------------------------------------------------------
# Entry points


def format_string(template: str, args: list, column: int = 0) -> str:
    """Return TEMPLATE with its directives replaced by the formatted ARGS.

    COLUMN is where the text will start on its line, for ``~&`` and ``~t``.
    Extra arguments are ignored, as Guile does.
    """
    parsed = Template(template)
    out = Output(column)
    try:
        run(parsed, parsed.nodes, Arguments(list(args)), out)
    except Escape:
        pass
    return out.text()


@primitive("format")
@primitive("format", module=FORMAT_MODULE)
def format_(destination: Any, template: Any = DEFAULT, *args: Any) -> Any:
    """Format ARGS by TEMPLATE; return the string (DESTINATION #f) or print it.

    DESTINATION is #f, #t (the current output port) or an output port.
    """
    from .ports import OutputPort, current_output_port

    if type(destination) is str:
        raise scheme_error(
            "wrong-type-arg",
            "the destination must be #f, #t or a port, not a string:",
            destination,
            who="format",
            hint='write (format #f "..." ...) to get a string',
        )
    if type(template) is not str:
        raise scheme_error(
            "wrong-type-arg",
            "expected a string for the format string:",
            template,
            who="format",
        )
    if destination is False:
        return format_string(template, list(args))
    port = current_output_port.value if destination is True else destination
    if not isinstance(port, OutputPort):
        raise scheme_error(
            "wrong-type-arg",
            "the destination must be #f, #t or a port:",
            destination,
            who="format",
        )
    port.write_text(format_string(template, list(args), port.column))
    return UNSPECIFIED


@primitive("simple-format")
def simple_format(destination: Any, template: Any, *args: Any) -> Any:
    """Format ARGS by TEMPLATE knowing only ``~a``, ``~s``, ``~%`` and ``~~``."""
    if type(template) is str:
        _check_simple(template, len(args))
    return format_(destination, template, *args)


def _check_simple(template: str, count: int) -> None:
    """Raise an error if TEMPLATE uses more than simple-format knows or COUNT needs."""
    index = template.find("~")
    used = 0
    while index >= 0:
        char = template[index + 1 : index + 2]
        if char.lower() not in ("a", "s", "%", "~"):
            raise scheme_error(
                "misc-error",
                f"unsupported directive ~{char} (use (ice-9 format) instead)",
                who="simple-format",
            )
        used += char.lower() in ("a", "s")
        index = template.find("~", index + 2)
    if used != count:
        raise scheme_error(
            "misc-error",
            f"the template takes {used} arguments, but {count} were given",
            who="simple-format",
        )
