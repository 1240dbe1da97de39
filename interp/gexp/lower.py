"""Lowering: from gexps and file-like objects to store items and derivations.

``lower_object`` finds the compiler of an object's type and returns a
:class:`Lowered` (a store path, and the derivation producing it if any),
cached per store connection so that lowering an object twice is free and
gives the same path.  ``lower_gexp`` substitutes the paths into a gexp's
template and collects its inputs; ``gexp_to_derivation`` turns the result
into a derivation whose builder runs it as an oscdsl program.
"""

from __future__ import annotations

import logging
import os
import tempfile
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from ..datums import NIL, Char, Keyword, Pair, Symbol, make_list
from ..errors import scheme_error
from .derivations import StoreDerivation
from .objects import (
    ComputedFile,
    FileAppend,
    FileUnion,
    Gexp,
    GexpInput,
    Hole,
    LocalFile,
    Lowered,
    MixedTextFile,
    PlainFile,
    ProgramFile,
    SchemeFile,
    make_call,
)

if TYPE_CHECKING:
    from ..store import Store

log = logging.getLogger(__name__)

#: Python type -> compiler (store, object) -> Lowered.
COMPILERS: dict[type, Callable[[Any, Any], Lowered]] = {}
#: (predicate, procedure) pairs registered from Scheme with %register-gexp-compiler!.
SCHEME_COMPILERS: list[tuple[Any, Any]] = []

_caches: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def compiler(cls: type) -> Callable:
    """Register the decorated function as the compiler of CLS's instances."""

    def register(function: Callable) -> Callable:
        COMPILERS[cls] = function
        return function

    return register


def register_compiler(cls: type, function: Callable[[Any, Any], Lowered]) -> None:
    """Make FUNCTION (store, object) -> Lowered the compiler of CLS's instances."""
    COMPILERS[cls] = function


def lowering_cache(store: Store) -> dict[int, tuple[Any, Lowered]]:
    """Return STORE's cache of lowered objects: id -> (object, Lowered)."""
    cache = _caches.get(store)
    if cache is None:
        cache = _caches[store] = {}
    return cache


# --- objects ------------------------------------------------------------------


def find_compiler(value: Any) -> Callable | None:
    """Return the function lowering VALUE, or None if VALUE cannot be lowered."""
    for cls in type(value).__mro__:
        function = COMPILERS.get(cls)
        if function is not None:
            return function
    from ..runtime.procedures import call

    for predicate, procedure in SCHEME_COMPILERS:
        if call(predicate, value) is not False:
            return lambda store, obj: _lower_with_scheme(store, obj, procedure)
    return None


def is_file_like(value: Any) -> bool:
    """Return true if VALUE has a gexp compiler (file-likes, derivations...)."""
    return not isinstance(value, (str, Gexp)) and find_compiler(value) is not None


def lower_object(store: Store, value: Any, loc=None) -> Lowered:
    """Return VALUE lowered in STORE; raise a gexp-input-error if it cannot be."""
    if isinstance(value, str):
        return Lowered(_check_store_path(store, value))
    cache = lowering_cache(store)
    hit = cache.get(id(value))
    if hit is not None and hit[0] is value:
        return hit[1]
    function = find_compiler(value)
    if function is None:
        raise unlowerable(value, loc)
    lowered = function(store, value)
    cache[id(value)] = (value, lowered)
    return lowered


def unlowerable(value: Any, loc=None):
    """Return the error for VALUE, which has no gexp compiler, used at LOC."""
    from ..printer import write_string

    where = f" in the gexp at {loc}" if loc is not None else ""
    return scheme_error(
        "gexp-input-error",
        f"cannot lower {write_string(value)}{where}: it is not a file-like object, "
        "a derivation, a store path or a literal",
        loc=loc,
        hint="only strings, numbers, symbols, lists and file-like objects "
        "can be inserted with #$",
    )


def _check_store_path(store: Store, path: str) -> str:
    from ..store import hashing

    if not hashing.is_store_path(path, store.prefix) or not store.is_valid(path):
        raise scheme_error(
            "gexp-input-error",
            f"{path} is not a valid item of the store {store.prefix}",
        )
    return path


def _lower_with_scheme(store: Store, value: Any, procedure: Any) -> Lowered:
    """Lower VALUE with a compiler written in Scheme: (procedure obj) returns a
    monadic value, a derivation, a file-like or a store path."""
    from ..runtime.procedures import call
    from .monads import run_state

    result = call(procedure, value)
    if callable(result) and find_compiler(result) is None:
        result, _ = run_state(result, store)
    return lower_object(store, result)


@compiler(StoreDerivation)
def _lower_derivation(store: Store, drv: StoreDerivation) -> Lowered:
    return Lowered(drv.output_path("out"), drv, "out")


@compiler(PlainFile)
def _lower_plain_file(store: Store, file: PlainFile) -> Lowered:
    return Lowered(store.add_text(file.name, file.content))


@compiler(LocalFile)
def _lower_local_file(store: Store, file: LocalFile) -> Lowered:
    recursive = file.recursive or os.path.isdir(file.file)
    if file.select is None:
        return Lowered(store.add_path(file.name, file.file, recursive))
    with tempfile.TemporaryDirectory(prefix="oscdsl-local-file-") as directory:
        copy = os.path.join(directory, file.name)
        _copy_selected(file.file, copy, file.select)
        return Lowered(store.add_path(file.name, copy, recursive))


def _copy_selected(source: str, target: str, select: Any) -> None:
    """Copy the tree SOURCE to TARGET, keeping what (SELECT file stat) accepts."""
    import shutil

    from ..builtins.registry import TABLES
    from ..runtime.procedures import call

    stat = TABLES[("guile",)]["stat"]

    def keep(path: str) -> bool:
        return call(select, path, call(stat, path)) is not False

    if os.path.isdir(source) and not os.path.islink(source):
        os.mkdir(target)
        for entry in sorted(os.listdir(source)):
            path = os.path.join(source, entry)
            if keep(path):
                _copy_selected(path, os.path.join(target, entry), select)
    else:
        shutil.copy2(source, target, follow_symlinks=False)


@compiler(FileAppend)
def _lower_file_append(store: Store, file: FileAppend) -> Lowered:
    base = lower_object(store, file.base)
    suffix = "".join(file.suffixes)
    return Lowered(base.path + suffix, base.derivation, base.output, base.item)


@compiler(ComputedFile)
def _lower_computed_file(store: Store, file: ComputedFile) -> Lowered:
    drv = gexp_to_derivation(store, file.name, file.gexp, **(file.options or {}))
    return Lowered(drv.output_path("out"), drv)


@compiler(ProgramFile)
def _lower_program_file(store: Store, file: ProgramFile) -> Lowered:
    drv = gexp_to_script(store, file.name, file.gexp)
    return Lowered(drv.output_path("out"), drv)


@compiler(SchemeFile)
def _lower_scheme_file(store: Store, file: SchemeFile) -> Lowered:
    drv = gexp_to_file(store, file.name, file.gexp, file.splice, file.set_load_path)
    return Lowered(drv.output_path("out"), drv)


@compiler(MixedTextFile)
def _lower_mixed_text(store: Store, file: MixedTextFile) -> Lowered:
    holes = [Hole(i) for i in range(len(file.parts))]
    inputs = [GexpInput(part) for part in file.parts]
    out = Hole(len(inputs))
    inputs.append(GexpInput(None, "out", is_output=True))
    port = Symbol("port")
    writer = make_list(
        [
            Symbol("lambda"),
            make_list([port]),
            make_list(
                [Symbol("display"), make_list([Symbol("string-append"), *holes]), port]
            ),
        ]
    )
    template = make_list([Symbol("call-with-output-file"), out, writer])
    drv = gexp_to_derivation(store, file.name, Gexp(template, inputs))
    return Lowered(drv.output_path("out"), drv)


@compiler(FileUnion)
def _lower_file_union(store: Store, union: FileUnion) -> Lowered:
    entries = [Pair(name, Hole(i)) for i, (name, _) in enumerate(union.files)]
    inputs = [GexpInput(file) for _, file in union.files]
    out = Hole(len(inputs))
    inputs.append(GexpInput(None, "out", is_output=True))
    template = make_list(
        [
            Symbol("let"),
            make_list([make_list([Symbol("out"), out])]),
            make_call("mkdir-p", Symbol("out")),
            make_list(
                [
                    Symbol("for-each"),
                    _read_datum(_LINK_ENTRY),
                    make_list([Symbol("quote"), make_list(entries)]),
                ]
            ),
        ]
    )
    drv = gexp_to_derivation(store, union.name, Gexp(template, inputs))
    return Lowered(drv.output_path("out"), drv)


_LINK_ENTRY = """
(lambda (entry)
  (let ((link (string-append out "/" (car entry))))
    (mkdir-p (dirname link))
    (symlink (cdr entry) link)))
"""


def _read_datum(text: str) -> Any:
    from ..reader import read_all

    return read_all(text, "<oscdsl.gexp>")[0]


# --- gexps --------------------------------------------------------------------


@dataclass
class LoweredGexp:
    """A gexp with store paths substituted: SEXP, the INPUT_DERIVATIONS
    ({drv path: outputs}) and SOURCES it needs, and the MODULE_DIRS to add to
    the load path of the program it becomes."""

    sexp: Any
    input_derivations: dict[str, set[str]] = field(default_factory=dict)
    sources: set[str] = field(default_factory=set)
    module_dirs: list[str] = field(default_factory=list)

    def add(self, lowered: Lowered) -> None:
        """Record LOWERED as an input."""
        if lowered.derivation is not None:
            drv_path = lowered.derivation.file_name
            self.input_derivations.setdefault(drv_path, set()).add(lowered.output)
        else:
            self.sources.add(lowered.item)


def is_literal(value: Any) -> bool:
    """Return true if VALUE goes into a gexp's code as it is."""
    return (
        value is NIL
        or type(value) in (bool, int, float, Fraction, complex, Char, Symbol, Keyword)
        or (type(value) is str)
        or type(value) is bytearray
    )


def lower_gexp(store: Store, gexp: Gexp) -> LoweredGexp:
    """Return GEXP with every input lowered in STORE and its paths substituted."""
    result = LoweredGexp(None)
    result.sexp = _lower_into(store, gexp, result)
    modules = _all_modules(gexp)
    if modules:
        result.module_dirs.append(imported_modules_directory(store, modules))
        result.sources.update(result.module_dirs)
    return result


def _lower_into(store: Store, gexp: Gexp, result: LoweredGexp) -> Any:
    values = [_lower_input(store, gexp, item, result) for item in gexp.inputs]
    return fill_template(gexp.template, values)


# Limitation: #+ (ungexp-native) is lowered like #$, because oscdsl builds
# for the host only and has no cross-compilation.
def _lower_input(store: Store, gexp: Gexp, item: GexpInput, result: LoweredGexp) -> Any:
    if item.is_output:
        return make_call("getenv", item.output)
    return _lower_value(store, gexp, item.value, item.output, result)


def _lower_value(
    store: Store, gexp: Gexp, value: Any, output: str, result: LoweredGexp
) -> Any:
    """Return the code standing for VALUE in GEXP's lowered form."""
    if isinstance(value, Gexp):
        return _lower_into(store, value, result)
    if type(value) is str:
        item = _store_item_of(store, value)
        if item is not None and store.is_valid(item):
            result.sources.add(item)
        return value
    if is_literal(value):
        return value
    if type(value) is Pair:
        items, tail = [], value
        while type(tail) is Pair:
            items.append(_lower_value(store, gexp, tail.car, output, result))
            tail = tail.cdr
        return make_list(items, _lower_value(store, gexp, tail, output, result))
    if type(value) is list:
        return [_lower_value(store, gexp, v, output, result) for v in value]
    lowered = lower_object(store, value, gexp.loc)
    if output != "out" and lowered.derivation is not None:
        path = lowered.derivation.output_path(output)
        lowered = Lowered(path, lowered.derivation, output)
    result.add(lowered)
    return lowered.path


def _store_item_of(store: Store, path: str) -> str | None:
    """Return the store item the string PATH is or lies inside, or None."""
    from ..errors import BuildError
    from ..store import hashing

    if not path.startswith(store.prefix + "/"):
        return None
    try:
        return hashing.to_store_path(path, store.prefix)
    except BuildError:
        return None


def fill_template(template: Any, values: list) -> Any:
    """Return TEMPLATE with each Hole replaced by its value in VALUES."""
    if type(template) is Hole:
        return values[template.index]
    if type(template) is Pair:
        items, tail = [], template
        while type(tail) is Pair:
            car = tail.car
            if type(car) is Hole and car.splicing:
                items.extend(_spliced(values[car.index]))
            else:
                items.append(fill_template(car, values))
            tail = tail.cdr
        return make_list(items, fill_template(tail, values))
    if type(template) is list:
        out: list = []
        for item in template:
            if type(item) is Hole and item.splicing:
                out.extend(_spliced(values[item.index]))
            else:
                out.append(fill_template(item, values))
        return out
    return template


def _spliced(value: Any) -> list:
    items = []
    while type(value) is Pair:
        items.append(value.car)
        value = value.cdr
    if value is not NIL:
        raise scheme_error("wrong-type-arg", "#$@ expects a list, got", value)
    return items


# --- imported modules -----------------------------------------------------------


def _all_modules(gexp: Gexp) -> list[tuple[tuple, Any]]:
    """Return the (module name, source) pairs GEXP and its nested gexps import."""
    found: dict[tuple, Any] = {}
    pending = [gexp]
    while pending:
        current = pending.pop()
        for name, source in current.modules:
            found.setdefault(name, source)
        pending.extend(i.value for i in current.inputs if isinstance(i.value, Gexp))
    return sorted(found.items())


def imported_modules_directory(store: Store, modules: list[tuple[tuple, Any]]) -> str:
    """Return a store directory laying out MODULES as ``a/b/c.scm`` files.

    A module's source is a file name or a file-like object (which must lower
    to a plain store item).
    """
    # Limitation: only the modules named are copied, not the modules they
    # use in turn, because finding that closure means reading every
    # define-module form; list each module the build code needs.
    import shutil

    with tempfile.TemporaryDirectory(prefix="oscdsl-modules-") as directory:
        root = os.path.join(directory, "module-import")
        os.mkdir(root)
        for name, source in modules:
            if not isinstance(source, str):
                source = lower_object(store, source).path
            target = os.path.join(root, *name[:-1], name[-1] + ".scm")
            os.makedirs(os.path.dirname(target), exist_ok=True)
            shutil.copyfile(source, target)
        return store.add_path("module-import", root, recursive=True)


# --- derivations and scripts ------------------------------------------------------


def program_text(
    lowered: LoweredGexp, splice: bool = False, load_path: bool = True
) -> str:
    """Return the oscdsl program LOWERED stands for (its forms, with SPLICE)."""
    from ..printer import write_string

    lines = []
    if load_path:
        lines.extend(
            write_string(make_call("add-to-load-path", d)) for d in lowered.module_dirs
        )
    if splice:
        lines.extend(write_string(form) for form in _spliced(lowered.sexp))
    else:
        lines.append(write_string(lowered.sexp))
    return "\n".join(lines) + "\n"


def program_derivation(
    store: Store,
    name: str,
    program: str,
    lowered: LoweredGexp,
    outputs: list[str] | None = None,
    env: dict[str, str] | None = None,
    system: str | None = None,
) -> StoreDerivation:
    """Return the derivation NAME whose builder runs the oscdsl PROGRAM.

    PROGRAM is added to the store as ``NAME-builder``; the builder is the
    launcher (see :mod:`.launcher`) given that file.
    """
    from .launcher import launcher_path

    launcher = launcher_path(store)
    sources = sorted(lowered.sources | {launcher})
    builder = store.add_text(f"{name}-builder", program, references=lowered.sources)
    drv = store.derivation(
        name,
        launcher,
        args=[builder],
        env=env or {},
        input_derivations={p: sorted(o) for p, o in lowered.input_derivations.items()},
        input_sources=[*sources, builder],
        outputs=outputs or ["out"],
        system=system,
    )
    return StoreDerivation(store.write_derivation(drv), drv)


def gexp_to_derivation(
    store: Store,
    name: str,
    gexp: Gexp,
    env_vars: dict[str, str] | None = None,
    system: str | None = None,
    modules: tuple = (),
) -> StoreDerivation:
    """Return the derivation NAME whose builder runs the code of GEXP.

    Its outputs are those GEXP names with ``#$output`` (``out`` if none).
    MODULES are more (name, source) modules to import.
    """
    if modules:
        gexp = Gexp(gexp.template, gexp.inputs, (*gexp.modules, *modules), gexp.loc)
    lowered = lower_gexp(store, gexp)
    outputs = gexp.outputs() or ["out"]
    return program_derivation(
        store, name, program_text(lowered), lowered, outputs, env_vars, system
    )


def gexp_to_script(store: Store, name: str, gexp: Gexp) -> StoreDerivation:
    """Return the derivation of an executable script NAME running GEXP.

    The script starts with ``#!<launcher>`` and ``!#`` (see :mod:`.launcher`),
    then sets the load path for the imported modules and runs the code.
    """
    from .launcher import launcher_path, script_header

    lowered = lower_gexp(store, gexp)
    launcher = launcher_path(store)
    lowered.sources.add(launcher)
    text = script_header(launcher) + program_text(lowered)
    return _file_derivation(store, name, text, lowered, executable=True)


def gexp_to_file(
    store: Store,
    name: str,
    gexp: Gexp,
    splice: bool = False,
    set_load_path: bool = True,
) -> StoreDerivation:
    """Return the derivation of a file NAME holding the code of GEXP."""
    lowered = lower_gexp(store, gexp)
    text = program_text(lowered, splice, set_load_path)
    return _file_derivation(store, name, text, lowered, executable=False)


def _file_derivation(
    store: Store, name: str, text: str, lowered: LoweredGexp, executable: bool
) -> StoreDerivation:
    """Return a derivation writing TEXT at its output (made executable if asked).

    It is a derivation, not a text item, because TEXT may name outputs of
    input derivations that have not been built yet.
    """
    from ..printer import write_string

    out = make_call("getenv", "out")
    port = Symbol("port")
    write = make_list(
        [
            Symbol("call-with-output-file"),
            out,
            make_list(
                [
                    Symbol("lambda"),
                    make_list([port]),
                    make_list([Symbol("display"), text, port]),
                ]
            ),
        ]
    )
    forms = [write]
    if executable:
        forms.append(make_call("chmod", out, 0o555))
    program = "\n".join(write_string(form) for form in forms) + "\n"
    return program_derivation(store, name, program, lowered)


# --- building -----------------------------------------------------------------------


def build_lowered(store: Store, lowered: Lowered) -> str:
    """Build LOWERED if it comes from a derivation; return its path."""
    if lowered.derivation is not None:
        store.build([lowered.derivation.file_name])
    return lowered.path
