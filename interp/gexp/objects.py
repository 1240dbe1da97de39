"""The values of ``(guix gexp)``: gexps, their inputs, and the file-like objects.

A :class:`Gexp` is a template (a datum with :class:`Hole` placeholders) plus
the values that fill the holes, which lowering turns into store paths.  The
file-like classes only describe what to put in the store; the compilers of
:mod:`.lower` make it so.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..datums import Loc


class Hole:
    """A place in a gexp template: input number INDEX, spliced if SPLICING."""

    __slots__ = ("index", "splicing")

    def __init__(self, index: int, splicing: bool = False) -> None:
        self.index = index
        self.splicing = splicing

    def __repr__(self) -> str:
        return f"<hole {self.index}{' @' if self.splicing else ''}>"


@dataclass
class GexpInput:
    """What fills a hole: a VALUE (or, for ``#$output``, an OUTPUT name only).

    OUTPUT names the output of a derivation or file-like VALUE that is meant
    (``out`` by default); NATIVE is true for ``#+``, which oscdsl treats like
    ``#$`` since it builds for the host only; IS_OUTPUT marks ``#$output``.
    """

    value: Any
    output: str = "out"
    native: bool = False
    is_output: bool = False


@dataclass(eq=False)
class Gexp:
    """A G-expression: TEMPLATE with holes filled by INPUTS, made at LOC.

    MODULES are the modules that ``with-imported-modules`` made available to
    the code; they are added to the store and to the load path of the
    program the gexp becomes.
    """

    template: Any
    inputs: list[GexpInput]
    modules: tuple = ()
    loc: Loc | None = None

    def scheme_repr(self, write: bool) -> str:
        from ..printer import write_string

        text = write_string(approximate_sexp(self))
        if len(text) > 60:
            text = text[:57] + "..."
        return f"#<gexp {text}{' ' + repr(self.loc) if self.loc else ''}>"

    def outputs(self) -> list[str]:
        """Return the output names ``#$output`` refers to, here or in nested gexps."""
        names: list[str] = []
        for item in self.inputs:
            if item.is_output:
                found = [item.output]
            elif isinstance(item.value, Gexp):
                found = item.value.outputs()
            else:
                found = []
            names.extend(n for n in found if n not in names)
        return names


def approximate_sexp(gexp: Gexp) -> Any:
    """Return GEXP's template with literal inputs inlined and other references
    shown as ``(*approximate*)``, without touching the store."""
    from ..datums import Pair
    from .lower import fill_template, is_literal

    def value_of(item: GexpInput) -> Any:
        if item.is_output:
            return make_call("getenv", item.output)
        if isinstance(item.value, Gexp):
            return approximate_sexp(item.value)
        if is_literal(item.value) or type(item.value) in (Pair, list):
            return item.value
        return make_call("*approximate*")

    return fill_template(gexp.template, [value_of(i) for i in gexp.inputs])


def make_call(name: str, *args: Any) -> Any:
    """Return the datum ``(NAME ARGS...)``."""
    from ..datums import Symbol, make_list

    return make_list([Symbol(name), *args])


# --- file-like objects ---------------------------------------------------------


class FileLike:
    """Base of the declarative objects that lower to store items."""

    kind = "file-like"
    name: str

    def scheme_repr(self, write: bool) -> str:
        return f"#<{self.kind} {self.name}>"

    def __repr__(self) -> str:
        return self.scheme_repr(True)


@dataclass(eq=False, repr=False)
class PlainFile(FileLike):
    """A file NAME in the store holding CONTENT (text or bytes)."""

    name: str
    content: str | bytes
    kind = "plain-file"


@dataclass(eq=False, repr=False)
class ComputedFile(FileLike):
    """Whatever the program GEXP writes at ``#$output``, built as a derivation."""

    name: str
    gexp: Gexp
    options: dict = field(default_factory=dict)
    kind = "computed-file"


@dataclass(eq=False, repr=False)
class ProgramFile(FileLike):
    """An executable oscdsl script running GEXP (``gexp->script``'s counterpart)."""

    name: str
    gexp: Gexp
    kind = "program-file"


@dataclass(eq=False, repr=False)
class SchemeFile(FileLike):
    """A file holding the code of GEXP (with SPLICE, its elements one by one)."""

    name: str
    gexp: Gexp
    splice: bool = False
    set_load_path: bool = True
    kind = "scheme-file"


@dataclass(eq=False, repr=False)
class MixedTextFile(FileLike):
    """A text file made of PARTS: strings, and file-likes standing for their path."""

    name: str
    parts: list
    kind = "mixed-text-file"


@dataclass(eq=False, repr=False)
class FileAppend(FileLike):
    """The path of BASE followed by SUFFIXES, as in ``(file-append bash "/bin/sh")``."""

    base: Any
    suffixes: tuple[str, ...]
    kind = "file-append"

    @property
    def name(self) -> str:
        return f"{getattr(self.base, 'name', '?')}{''.join(self.suffixes)}"


@dataclass(eq=False, repr=False)
class FileUnion(FileLike):
    """A directory NAME of symlinks: FILES lists (relative path, file-like)."""

    name: str
    files: list[tuple[str, Any]]
    kind = "file-union"


@dataclass(eq=False, repr=False)
class LocalFile(FileLike):
    """The file or tree at the absolute FILE, added to the store as NAME.

    With RECURSIVE, directories and the executable bit are kept; SELECT, a
    procedure of (file stat), chooses which files of a tree are added.
    """

    file: str
    name: str
    recursive: bool = False
    select: Any = None
    kind = "local-file"


class Lowered:
    """A lowered object: the store PATH it stands for and, when the path is a
    derivation output, the DERIVATION (a StoreDerivation) and its OUTPUT name.

    ITEM is the store item to register as an input: PATH itself, except for
    ``file-append``, whose PATH goes on inside ITEM.
    """

    __slots__ = ("path", "derivation", "output", "item")

    def __init__(
        self, path: str, derivation: Any = None, output: str = "out", item=None
    ) -> None:
        self.path = path
        self.derivation = derivation
        self.output = output
        self.item = item or path

    def __repr__(self) -> str:
        return f"<lowered {self.path}>"
