"""The values of ``(guix gexp)``: gexps, their inputs, and the file-like objects.

A :class:`Gexp` is a template (a datum with :class:`Hole` placeholders) plus
the values that fill the holes, which lowering turns into store paths.  The
file-like classes only describe what to put in the store; the compilers of
:mod:`.lower` make it so.
"""

from __future__ import annotations

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


class GexpInput:
    """What fills a hole: a VALUE (or, for ``#$output``, an OUTPUT name only).

    OUTPUT names the output of a derivation or file-like VALUE that is meant
    (``out`` by default); NATIVE is true for ``#+``, which oscdsl treats like
    ``#$`` since it builds for the host only; IS_OUTPUT marks ``#$output``.
    """

    __slots__ = ("value", "output", "native", "is_output")

    def __init__(
        self,
        value: Any,
        output: str = "out",
        native: bool = False,
        is_output: bool = False,
    ) -> None:
        self.value = value
        self.output = output
        self.native = native
        self.is_output = is_output


class Gexp:
    """A G-expression: TEMPLATE with holes filled by INPUTS, made at LOC.

    MODULES are the modules that ``with-imported-modules`` made available to
    the code; they are added to the store and to the load path of the
    program the gexp becomes.
    """

    __slots__ = ("template", "inputs", "modules", "loc")

    def __init__(
        self,
        template: Any,
        inputs: list[GexpInput],
        modules: tuple = (),
        loc: Loc | None = None,
    ) -> None:
        self.template = template
        self.inputs = inputs
        self.modules = modules
        self.loc = loc

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
    """Base of the declarative objects that lower to store items.

    A subclass lists its FIELDS; the constructor takes them in that order,
    the trailing ones optional with the defaults in DEFAULTS.
    """

    kind = "file-like"
    fields: tuple[str, ...] = ()
    defaults: tuple = ()
    name: str

    def __init__(self, *args: Any) -> None:
        missing = len(self.fields) - len(args)
        values = (*args, *self.defaults[len(self.defaults) - missing :])
        if missing < 0 or len(values) != len(self.fields):
            raise TypeError(f"{self.kind}: expected {len(self.fields)} arguments")
        for name, value in zip(self.fields, values, strict=True):
            setattr(self, name, value)

    def scheme_repr(self, write: bool) -> str:
        return f"#<{self.kind} {self.name}>"

    def __repr__(self) -> str:
        return self.scheme_repr(True)


class PlainFile(FileLike):
    """A file NAME in the store holding CONTENT (text or bytes)."""

    fields = ("name", "content")

    kind = "plain-file"


class ComputedFile(FileLike):
    """Whatever the program GEXP writes at ``#$output``, built as a derivation."""

    fields = ("name", "gexp", "options")
    defaults = (None,)

    kind = "computed-file"


class ProgramFile(FileLike):
    """An executable oscdsl script running GEXP (``gexp->script``'s counterpart)."""

    fields = ("name", "gexp")

    kind = "program-file"


class SchemeFile(FileLike):
    """A file holding the code of GEXP (with SPLICE, its elements one by one)."""

    fields = ("name", "gexp", "splice", "set_load_path")
    defaults = (
        False,
        True,
    )

    kind = "scheme-file"


class MixedTextFile(FileLike):
    """A text file made of PARTS: strings, and file-likes standing for their path."""

    fields = ("name", "parts")

    kind = "mixed-text-file"


class FileAppend(FileLike):
    """The path of BASE followed by SUFFIXES, as in ``(file-append bash "/bin/sh")``."""

    fields = ("base", "suffixes")

    kind = "file-append"

    @property
    def name(self) -> str:
        return f"{getattr(self.base, 'name', '?')}{''.join(self.suffixes)}"


class FileUnion(FileLike):
    """A directory NAME of symlinks: FILES lists (relative path, file-like)."""

    fields = ("name", "files")

    kind = "file-union"


class LocalFile(FileLike):
    """The file or tree at the absolute FILE, added to the store as NAME.

    With RECURSIVE, directories and the executable bit are kept; SELECT, a
    procedure of (file stat), chooses which files of a tree are added.
    """

    fields = ("file", "name", "recursive", "select")
    defaults = (
        False,
        None,
    )

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
