"""The Scheme bindings of ``(guix monads)``, ``(guix store)``,
``(guix derivations)`` and ``(guix gexp)``, registered as primitives.

Importing this module also registers the special forms of :mod:`.forms`.
Store work is imported lazily: evaluating a config that never touches the
store does not load SQLite.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

from ..builtins.registry import define_value, primitive
from ..datums import NIL, Keyword, Pair, Values, list_to_python, make_list
from ..errors import scheme_error
from ..runtime.parameters import Parameter
from ..runtime.procedures import call
from . import forms, monads
from .derivations import DerivationOutputValue, StoreDerivation
from .objects import (
    ComputedFile,
    FileAppend,
    FileUnion,
    Gexp,
    LocalFile,
    MixedTextFile,
    PlainFile,
    ProgramFile,
    SchemeFile,
    approximate_sexp,
)

MONADS = ("guix", "monads")
STORE = ("guix", "store")
DERIVATIONS = ("guix", "derivations")
GEXP = ("guix", "gexp")


def keyword_arguments(
    args: tuple, who: str, allowed: dict[str, Any]
) -> tuple[list, dict[str, Any]]:
    """Split ARGS into positional ones and ``#:name value`` options.

    ALLOWED maps each option name to its default; an unknown option is an
    error naming WHO.
    """
    positional: list = []
    options = dict(allowed)
    index = 0
    while index < len(args):
        item = args[index]
        if type(item) is Keyword:
            if item.name not in allowed:
                raise scheme_error(
                    "keyword-argument-error", f"{who}: unknown option #:{item.name}"
                )
            if index + 1 >= len(args):
                raise scheme_error(
                    "keyword-argument-error", f"{who}: no value for #:{item.name}"
                )
            options[item.name] = args[index + 1]
            index += 2
        else:
            positional.append(item)
            index += 1
    return positional, options


def _strings(value: Any, who: str) -> list[str]:
    items = list_to_python(value) if value is not NIL else []
    for item in items:
        if not isinstance(item, str):
            raise scheme_error("wrong-type-arg", f"{who}: expected a string", item)
    return items


def _store(value: Any, who: str):
    from ..store import Store

    if not isinstance(value, Store):
        raise scheme_error("wrong-type-arg", f"{who}: not a store connection", value)
    return value


def monadic(function: Callable[..., Any]) -> Callable:
    """Return the store-monad value running FUNCTION(store)."""

    def run(store: Any) -> Values:
        return Values((function(store), store))

    return run


# --- (guix monads) --------------------------------------------------------------

for _module in (MONADS, STORE):
    define_value("%store-monad", monads.STORE_MONAD, _module)
define_value("%identity-monad", monads.IDENTITY_MONAD, MONADS)
define_value("%state-monad", monads.STATE_MONAD, MONADS)


@primitive("monad?", module=MONADS)
def is_monad(value: Any) -> bool:
    """Return true if VALUE is a monad."""
    return type(value) is monads.Monad


@primitive("mapm", module=MONADS)
def scheme_mapm(monad: Any, mproc: Any, *lists: Any) -> Any:
    """Map the monadic procedure MPROC over LISTS in MONAD."""
    return monads.mapm(monads.check_monad(monad, "mapm"), mproc, *lists)


@primitive("foldm", module=MONADS)
def scheme_foldm(monad: Any, mproc: Any, init: Any, *lists: Any) -> Any:
    """Fold MPROC (element accumulator) over LISTS from INIT, in MONAD."""
    return monads.foldm(monads.check_monad(monad, "foldm"), mproc, init, *lists)


@primitive("sequence", module=MONADS)
def scheme_sequence(monad: Any, mvalues: Any) -> Any:
    """Run MVALUES in order in MONAD; return the list of their results."""
    return monads.sequence(monads.check_monad(monad, "sequence"), mvalues)


@primitive("anym", module=MONADS)
def scheme_anym(monad: Any, mproc: Any, lst: Any) -> Any:
    """Return the first true result of MPROC over LST, in MONAD."""
    return monads.anym(monads.check_monad(monad, "anym"), mproc, lst)


@primitive("listm", module=MONADS)
def scheme_listm(monad: Any, *mvalues: Any) -> Any:
    """Run MVALUES in MONAD and return the list of their results."""
    return monads.listm(monads.check_monad(monad, "listm"), *mvalues)


@primitive("lift", module=MONADS)
def scheme_lift(arity: int, proc: Any, monad: Any) -> Any:
    """Return PROC of ARITY arguments lifted into MONAD."""
    return monads.lift(arity, proc, monads.check_monad(monad, "lift"))


def _make_lift(arity: int) -> Callable:
    def lift_n(proc: Any, monad: Any) -> Any:
        return monads.lift(arity, proc, monads.check_monad(monad, f"lift{arity}"))

    lift_n.__doc__ = f"Return the {arity}-argument PROC lifted into MONAD."
    return lift_n


for _arity in range(8):
    primitive(f"lift{_arity}", module=MONADS)(_make_lift(_arity))


@primitive("run-with-state", module=MONADS)
def scheme_run_with_state(mvalue: Any, state: Any = NIL) -> Any:
    """Run the state-monad value MVALUE from STATE; return value and final state."""
    return monads.run_with_state(mvalue, state)


primitive("current-state", module=MONADS)(monads.current_state)
primitive("set-current-state", module=MONADS)(monads.set_current_state)
primitive("state-push", module=MONADS)(monads.state_push)
primitive("state-pop", module=MONADS)(monads.state_pop)
primitive("state-return", module=MONADS)(monads.state_return)
primitive("state-bind", module=MONADS)(monads.state_bind)


# --- (guix store) ---------------------------------------------------------------


class StorePrefix(Parameter):
    """``%store-prefix``: the store directory; by default the one the store
    core would pick (``$OSCDSL_STORE`` or the per-user default)."""

    def __call__(self, *args: Any) -> Any:
        if args:
            return super().__call__(*args)
        if self.value is None:
            from ..store import default_prefix

            return default_prefix()
        return self.value


STORE_PREFIX = StorePrefix(None, name="%store-prefix")
define_value("%store-prefix", STORE_PREFIX, STORE)


@primitive("open-connection", module=STORE)
def open_connection(*args: Any) -> Any:
    """Return a connection to the store at ``(%store-prefix)``.

    The optional file name (a daemon socket in Guix) is ignored: oscdsl
    opens the store directly.
    """
    from ..store import Store

    keyword_arguments(args, "open-connection", {"reserve-space?": True})
    return Store(STORE_PREFIX())


@primitive("close-connection", module=STORE)
def close_connection(store: Any) -> Any:
    """Close STORE."""
    from ..datums import UNSPECIFIED

    _store(store, "close-connection").close()
    return UNSPECIFIED


def call_with_store(proc: Any) -> Any:
    """Call PROC with a new store connection, closed when PROC returns or fails."""
    store = open_connection()
    try:
        return call(proc, store)
    finally:
        store.close()


primitive("call-with-store", module=STORE)(call_with_store)


@primitive("store-connection?", module=STORE)
def is_store_connection(value: Any) -> bool:
    """Return true if VALUE is a store connection."""
    from ..store import Store

    return isinstance(value, Store)


@primitive("add-text-to-store", module=STORE)
def add_text_to_store(store: Any, name: str, text: Any, references: Any = NIL) -> str:
    """Add a file NAME holding TEXT (referring to REFERENCES); return its path."""
    if isinstance(text, bytearray):
        text = bytes(text)
    refs = _strings(references, "add-text-to-store")
    return _store(store, "add-text-to-store").add_text(name, text, refs)


@primitive("add-to-store", module=STORE)
def add_to_store(
    store: Any, name: str, recursive: Any, hash_algo: Any, file: str
) -> str:
    """Add FILE to STORE as NAME (a whole tree when RECURSIVE); return its path."""
    del hash_algo  # Limitation: only SHA-256 is used, the store's one algorithm.
    return _store(store, "add-to-store").add_path(name, file, recursive is not False)


@primitive("build-derivations", "build-things", module=STORE)
def build_derivations(store: Any, derivations: Any, mode: Any = None) -> bool:
    """Build DERIVATIONS (derivations or ``.drv`` paths); return #t."""
    paths = [_drv_path(d) for d in list_to_python(derivations)]
    _store(store, "build-derivations").build(paths)
    return True


def _drv_path(value: Any) -> str:
    if isinstance(value, StoreDerivation):
        return value.file_name
    if isinstance(value, str) and value.endswith(".drv"):
        return value
    raise scheme_error("wrong-type-arg", "expected a derivation", value)


@primitive("valid-path?", module=STORE)
def is_valid_path(store: Any, path: str) -> bool:
    """Return true if PATH is a valid item of STORE."""
    return _store(store, "valid-path?").is_valid(path)


@primitive("references", module=STORE)
def references(store: Any, path: str) -> Any:
    """Return the list of items PATH refers to."""
    return make_list(sorted(_store(store, "references").references(path)))


@primitive("referrers", module=STORE)
def referrers(store: Any, path: str) -> Any:
    """Return the list of items that refer to PATH."""
    return make_list(sorted(_store(store, "referrers").referrers(path)))


@primitive("requisites", module=STORE)
def requisites(store: Any, paths: Any) -> Any:
    """Return the closure of PATHS (a list of items)."""
    items = _strings(paths, "requisites")
    return make_list(sorted(_store(store, "requisites").requisites(items)))


@primitive("add-indirect-root", module=STORE)
def add_indirect_root(store: Any, link: str, path: Any = None) -> Any:
    """Make the symlink LINK (pointing at PATH, if given) a GC root."""
    from ..datums import UNSPECIFIED

    target = path if isinstance(path, str) else os.readlink(link)
    _store(store, "add-indirect-root").add_root(link, target)
    return UNSPECIFIED


@primitive("store-path?", module=STORE)
def is_store_path(path: Any) -> bool:
    """Return true if PATH names an item directly under ``(%store-prefix)``."""
    from ..store import hashing

    return isinstance(path, str) and hashing.is_store_path(path, STORE_PREFIX())


@primitive("direct-store-path?", module=STORE)
def is_direct_store_path(path: Any) -> bool:
    """Return true if PATH is exactly a store item (not a file inside one)."""
    from ..store import hashing

    if not is_store_path(path):
        return False
    return hashing.to_store_path(path, STORE_PREFIX()) == os.path.normpath(path)


@primitive("store-path-hash-part", module=STORE)
def store_path_hash_part(path: str) -> str:
    """Return the hash part of the store item PATH."""
    from ..store import hashing

    return hashing.hash_part(path)


@primitive("store-path-package-name", module=STORE)
def store_path_package_name(path: str) -> str:
    """Return the name part of the store item PATH."""
    from ..store import hashing

    return hashing.store_path_name(path)


@primitive("run-with-store", module=STORE)
def run_with_store(store: Any, mvalue: Any, *options: Any) -> Any:
    """Run the store-monad value MVALUE with STORE; return its value.

    ``#:guile-for-build``, ``#:system`` and ``#:target`` are accepted;
    oscdsl builds for the host only, with its own interpreter.
    """
    keyword_arguments(
        options,
        "run-with-store",
        {"guile-for-build": False, "system": False, "target": False},
    )
    value, _ = monads.run_state(mvalue, _store(store, "run-with-store"))
    return value


@primitive("store-lift", module=STORE)
def store_lift(proc: Any) -> Callable:
    """Return PROC (store args...) as a procedure returning a store-monad value."""

    def lifted(*args: Any) -> Any:
        return monadic(lambda store: call(proc, store, *args))

    lifted.name = getattr(proc, "name", None) or "store-lifted"
    return lifted


@primitive("store-lower", module=STORE)
def store_lower(mproc: Any) -> Callable:
    """Return the monadic procedure MPROC as a procedure of (store args...)."""

    def lowered(store: Any, *args: Any) -> Any:
        return monads.run_state(call(mproc, *args), store)[0]

    return lowered


@primitive("text-file", module=STORE)
def text_file(name: str, text: Any, references: Any = NIL) -> Callable:
    """Return the store-monad value adding a file NAME holding TEXT."""
    return monadic(lambda store: add_text_to_store(store, name, text, references))


@primitive("binary-file", module=STORE)
def binary_file(name: str, data: Any, references: Any = NIL) -> Callable:
    """Return the store-monad value adding a file NAME holding the bytevector DATA."""
    return text_file(name, bytes(data), references)


@primitive("interned-file", module=STORE)
def interned_file(file: str, *args: Any) -> Callable:
    """Return the store-monad value adding FILE (optionally as NAME) to the store."""
    positional, options = keyword_arguments(
        args, "interned-file", {"recursive?": True, "select?": False}
    )
    name = positional[0] if positional else os.path.basename(file.rstrip("/"))
    local = LocalFile(
        os.path.abspath(file),
        name,
        options["recursive?"] is not False,
        options["select?"] or None,
    )
    return monadic(lambda store: _lower(store, local).path)


# --- (guix derivations) -------------------------------------------------------------


@primitive("derivation", module=DERIVATIONS)
def derivation(store: Any, name: str, builder: str, args: Any, *options: Any) -> Any:
    """Return the derivation NAME running BUILDER with ARGS, written to STORE.

    Options: ``#:outputs`` (names), ``#:inputs`` (derivations, ``.drv`` or
    store paths, or lists ``(drv output...)``), ``#:env-vars`` (alist),
    ``#:system``; others of Guix are accepted and ignored.
    """
    _, options = keyword_arguments(
        options,
        "derivation",
        {
            "outputs": make_list(["out"]),
            "inputs": NIL,
            "env-vars": NIL,
            "system": False,
            "hash": False,
            "hash-algo": False,
            "recursive?": False,
            "references-graphs": False,
            "allowed-references": False,
            "disallowed-references": False,
            "leaked-env-vars": False,
            "local-build?": False,
            "substitutable?": True,
            "properties": NIL,
        },
    )
    store = _store(store, "derivation")
    input_drvs, sources = _derivation_inputs(store, options["inputs"])
    env = {str(k): str(v) for k, v in _alist(options["env-vars"])}
    drv = store.derivation(
        name,
        builder,
        args=_strings(args, "derivation"),
        env=env,
        input_derivations=input_drvs,
        input_sources=sources,
        outputs=_strings(options["outputs"], "derivation"),
        system=options["system"] or None,
    )
    return StoreDerivation(store.write_derivation(drv), drv)


def _alist(value: Any) -> list[tuple[Any, Any]]:
    return [(p.car, p.cdr) for p in list_to_python(value)]


def _derivation_inputs(store: Any, inputs: Any) -> tuple[dict, list]:
    input_drvs: dict[str, set[str]] = {}
    sources: list[str] = []
    for item in list_to_python(inputs):
        parts = list_to_python(item) if type(item) is Pair else [item]
        head, outputs = parts[0], [o for o in parts[1:] if isinstance(o, str)]
        if isinstance(head, StoreDerivation) or (
            isinstance(head, str) and head.endswith(".drv")
        ):
            path = _drv_path(head)
            input_drvs.setdefault(path, set()).update(outputs or ["out"])
        elif isinstance(head, str):
            sources.append(head)
        else:
            raise scheme_error("wrong-type-arg", "derivation: bad input", item)
    return input_drvs, sources


@primitive("derivation?", module=DERIVATIONS)
def is_derivation(value: Any) -> bool:
    """Return true if VALUE is a derivation."""
    return isinstance(value, StoreDerivation)


def _derivation(value: Any, who: str) -> StoreDerivation:
    if not isinstance(value, StoreDerivation):
        raise scheme_error("wrong-type-arg", f"{who}: not a derivation", value)
    return value


@primitive("derivation-file-name", module=DERIVATIONS)
def derivation_file_name(drv: Any) -> str:
    """Return the ``.drv`` file name of DRV."""
    return _derivation(drv, "derivation-file-name").file_name


@primitive("derivation->output-path", module=DERIVATIONS)
def derivation_output_path(drv: Any, output: str = "out") -> str:
    """Return the store path of DRV's OUTPUT."""
    return _derivation(drv, "derivation->output-path").output_path(output)


@primitive("derivation->output-paths", module=DERIVATIONS)
def derivation_output_paths(drv: Any) -> Any:
    """Return DRV's outputs as an alist of (name . path)."""
    outputs = _derivation(drv, "derivation->output-paths").drv.output_paths()
    return make_list(Pair(name, path) for name, path in sorted(outputs.items()))


@primitive("derivation-outputs", module=DERIVATIONS)
def derivation_outputs(drv: Any) -> Any:
    """Return DRV's outputs as an alist of (name . derivation-output)."""
    outputs = _derivation(drv, "derivation-outputs").drv.output_paths()
    return make_list(
        Pair(name, DerivationOutputValue(name, path))
        for name, path in sorted(outputs.items())
    )


@primitive("derivation-output-path", module=DERIVATIONS)
def derivation_output_value_path(output: Any) -> str:
    """Return the store path of the derivation output OUTPUT."""
    return output.path


@primitive("derivation-name", module=DERIVATIONS)
def derivation_name(drv: Any) -> str:
    """Return the name of DRV."""
    from ..store.derivation import derivation_name as name_of

    return name_of(_derivation(drv, "derivation-name").drv)


@primitive("derivation-builder", module=DERIVATIONS)
def derivation_builder(drv: Any) -> str:
    """Return the builder of DRV."""
    return _derivation(drv, "derivation-builder").drv.builder


@primitive("derivation-builder-arguments", module=DERIVATIONS)
def derivation_arguments(drv: Any) -> Any:
    """Return the builder's arguments of DRV."""
    return make_list(_derivation(drv, "derivation-builder-arguments").drv.args)


@primitive("derivation-builder-environment-vars", module=DERIVATIONS)
def derivation_env(drv: Any) -> Any:
    """Return the environment of DRV's builder as an alist."""
    env = _derivation(drv, "derivation-builder-environment-vars").drv.env
    return make_list(Pair(k, v) for k, v in sorted(env.items()))


@primitive("derivation-sources", module=DERIVATIONS)
def derivation_sources(drv: Any) -> Any:
    """Return the store items DRV uses directly (not built by derivations)."""
    return make_list(_derivation(drv, "derivation-sources").drv.input_sources)


@primitive("derivation-system", module=DERIVATIONS)
def derivation_system(drv: Any) -> str:
    """Return the system DRV is built for."""
    return _derivation(drv, "derivation-system").drv.system


@primitive("read-derivation-from-file", module=DERIVATIONS)
def read_derivation_from_file(file: str) -> StoreDerivation:
    """Return the derivation stored in the ``.drv`` FILE."""
    from ..store.derivation import read_derivation_file

    return StoreDerivation(file, read_derivation_file(file))


@primitive("built-derivations", module=DERIVATIONS)
def built_derivations(derivations: Any) -> Callable:
    """Return the store-monad value building DERIVATIONS."""
    return monadic(lambda store: build_derivations(store, derivations))


for _name in ("built-derivations",):
    primitive(_name, module=STORE)(built_derivations)
primitive("build-derivations", module=DERIVATIONS)(build_derivations)


# --- (guix gexp) --------------------------------------------------------------------


def _lower(store: Any, value: Any):
    from .lower import lower_object

    return lower_object(store, value)


def _gexp(value: Any, who: str) -> Gexp:
    if not isinstance(value, Gexp):
        raise scheme_error("wrong-type-arg", f"{who}: not a gexp", value)
    return value


@primitive("gexp?", module=GEXP)
def is_gexp(value: Any) -> bool:
    """Return true if VALUE is a gexp."""
    return isinstance(value, Gexp)


@primitive("file-like?", module=GEXP)
def is_file_like(value: Any) -> bool:
    """Return true if VALUE can be lowered to a store item."""
    from .lower import is_file_like as file_like

    return file_like(value)


@primitive("gexp->approximate-sexp", module=GEXP)
def gexp_approximate_sexp(gexp: Any) -> Any:
    """Return the code of GEXP, its references to store items left out."""
    return approximate_sexp(_gexp(gexp, "gexp->approximate-sexp"))


_DERIVATION_OPTIONS = {
    "system": False,
    "target": False,
    "env-vars": NIL,
    "modules": NIL,
    "module-path": False,
    "guile-for-build": False,
    "effective-version": False,
    "graft?": False,
    "references-graphs": False,
    "allowed-references": False,
    "disallowed-references": False,
    "leaked-env-vars": False,
    "local-build?": False,
    "substitutable?": True,
    "properties": NIL,
    "script-name": False,
    "deprecation-warnings": False,
    "hash": False,
    "hash-algo": False,
    "recursive?": False,
    "options": NIL,
}


@primitive("gexp->derivation", module=GEXP)
def gexp_to_derivation(name: str, exp: Any, *args: Any) -> Callable:
    """Return the store-monad value of a derivation NAME whose builder runs EXP.

    Options: ``#:env-vars`` (alist), ``#:modules`` (imported as with
    ``with-imported-modules``), ``#:system``; Guix's other options are
    accepted and ignored.
    """
    from .lower import gexp_to_derivation as to_derivation

    # Limitation: options about grafts, substitutes, reference checks and
    # cross-building are accepted and ignored, because the store core has no
    # counterpart for them yet.
    _, options = keyword_arguments(args, "gexp->derivation", _DERIVATION_OPTIONS)
    gexp = _gexp(exp, "gexp->derivation")
    env = {str(k): str(v) for k, v in _alist(options["env-vars"])}
    modules = _resolved_modules(options["modules"])
    return monadic(
        lambda store: to_derivation(
            store, name, gexp, env, options["system"] or None, modules
        )
    )


def _resolved_modules(modules: Any) -> tuple:
    """Return the (name, source file) of each module of the list MODULES."""
    if modules is NIL or modules is False:
        return ()
    return tuple(
        r
        for r in (
            forms._module_source(_DefaultPath(), m) for m in list_to_python(modules)
        )
        if r is not None
    )


class _DefaultPath:
    """The default load path (``OSCDSL_LOAD_PATH``, then stdlib), for finding
    module files outside of any module system.

    Limitation: ``-L`` directories are not searched by ``#:modules``, because
    a primitive does not know the module system that called it; use
    ``with-imported-modules``, which does.
    """

    def __init__(self) -> None:
        from ..builtins.registry import TABLES
        from ..modules.system import stdlib_directory

        env = os.environ.get("OSCDSL_LOAD_PATH", "")
        self.load_path = [p for p in env.split(":") if p] + [str(stdlib_directory())]
        self.tables = TABLES

    def find_file(self, name: tuple):
        from pathlib import Path

        for directory in self.load_path:
            path = Path(directory, *name[:-1], name[-1] + ".scm")
            if path.is_file():
                return path
        return None


@primitive("gexp->script", module=GEXP)
def gexp_to_script(name: str, exp: Any, *args: Any) -> Callable:
    """Return the store-monad value of an executable script NAME running EXP."""
    from .lower import gexp_to_script as to_script

    keyword_arguments(args, "gexp->script", {"module-path": False, "guile": False})
    gexp = _gexp(exp, "gexp->script")
    return monadic(lambda store: to_script(store, name, gexp))


@primitive("gexp->file", module=GEXP)
def gexp_to_file(name: str, exp: Any, *args: Any) -> Callable:
    """Return the store-monad value of a file NAME holding the code of EXP."""
    from .lower import gexp_to_file as to_file

    _, options = keyword_arguments(
        args,
        "gexp->file",
        {
            "splice?": False,
            "set-load-path?": True,
            "module-path": False,
            "guile": False,
        },
    )
    gexp = _gexp(exp, "gexp->file")
    return monadic(
        lambda store: to_file(
            store,
            name,
            gexp,
            options["splice?"] is not False,
            options["set-load-path?"] is not False,
        )
    )


@primitive("lower-object", module=GEXP)
def lower_object(obj: Any, *args: Any) -> Callable:
    """Return the store-monad value of OBJ lowered: a derivation or a store path."""

    def lower(store: Any) -> Any:
        lowered = _lower(store, obj)
        return lowered.derivation if lowered.derivation is not None else lowered.path

    return monadic(lower)


@primitive("plain-file", module=GEXP)
def plain_file(name: str, content: Any) -> PlainFile:
    """Return a file-like object: a file NAME holding CONTENT (string or bytes)."""
    if isinstance(content, bytearray):
        content = bytes(content)
    if not isinstance(content, (str, bytes)):
        raise scheme_error(
            "wrong-type-arg", "plain-file: content must be a string", content
        )
    return PlainFile(name, content)


@primitive("computed-file", module=GEXP)
def computed_file(name: str, gexp: Any, *args: Any) -> ComputedFile:
    """Return a file-like object: what GEXP's builder writes at ``#$output``."""
    _, options = keyword_arguments(
        args, "computed-file", {"guile": False, "local-build?": True, "options": NIL}
    )
    extra = dict(zip(*[iter(list_to_python(options["options"]))] * 2, strict=False))
    env = {str(k): str(v) for k, v in _alist(extra.get(Keyword("env-vars"), NIL))}
    return ComputedFile(
        name, _gexp(gexp, "computed-file"), {"env_vars": env} if env else {}
    )


@primitive("program-file", module=GEXP)
def program_file(name: str, gexp: Any, *args: Any) -> ProgramFile:
    """Return a file-like object: an executable script NAME running GEXP."""
    keyword_arguments(args, "program-file", {"guile": False, "module-path": False})
    return ProgramFile(name, _gexp(gexp, "program-file"))


@primitive("scheme-file", module=GEXP)
def scheme_file(name: str, gexp: Any, *args: Any) -> SchemeFile:
    """Return a file-like object: a file NAME holding the code of GEXP."""
    _, options = keyword_arguments(
        args, "scheme-file", {"splice?": False, "set-load-path?": True, "guile": False}
    )
    return SchemeFile(
        name,
        _gexp(gexp, "scheme-file"),
        options["splice?"] is not False,
        options["set-load-path?"] is not False,
    )


@primitive("mixed-text-file", module=GEXP)
def mixed_text_file(name: str, *parts: Any) -> MixedTextFile:
    """Return a file-like object: a text file NAME made of PARTS (strings and
    file-likes, which stand for their store path)."""
    return MixedTextFile(name, list(parts))


@primitive("text-file*", module=GEXP)
def text_file_star(name: str, *parts: Any) -> Callable:
    """Return the store-monad value of the derivation of a mixed-text-file."""
    file = MixedTextFile(name, list(parts))
    return monadic(lambda store: _lower(store, file).derivation)


@primitive("file-append", module=GEXP)
def file_append(base: Any, *suffixes: str) -> FileAppend:
    """Return a file-like object: the path of BASE followed by SUFFIXES."""
    for suffix in suffixes:
        if not isinstance(suffix, str):
            raise scheme_error(
                "wrong-type-arg", "file-append: expected a string", suffix
            )
    return FileAppend(base, tuple(suffixes))


@primitive("file-union", module=GEXP)
def file_union(name: str, files: Any, *args: Any) -> FileUnion:
    """Return a file-like object: a directory NAME with a symlink per entry of
    FILES, a list of (relative-path file-like)."""
    keyword_arguments(args, "file-union", {"record-references?": False})
    entries = []
    for entry in list_to_python(files):
        parts = list_to_python(entry)
        if len(parts) != 2 or not isinstance(parts[0], str):
            raise scheme_error(
                "wrong-type-arg", "file-union: expected (file-name file-like)", entry
            )
        entries.append((parts[0], parts[1]))
    return FileUnion(name, entries)


def make_local_file(
    directory: str | None, loc: Any, file: Any, *args: Any
) -> LocalFile:
    """Return the local-file FILE, relative to DIRECTORY (where the form is)."""
    positional, options = keyword_arguments(
        args, "local-file", {"recursive?": False, "select?": False}
    )
    if not isinstance(file, str):
        raise scheme_error(
            "wrong-type-arg", "local-file: expected a file name", file, loc=loc
        )
    absolute = os.path.abspath(os.path.join(directory or os.getcwd(), file))
    if not os.path.lexists(absolute):
        raise scheme_error(
            "system-error", f"local-file: {absolute}: file not found", loc=loc
        )
    name = positional[0] if positional else os.path.basename(absolute)
    return LocalFile(
        absolute, name, options["recursive?"] is not False, options["select?"] or None
    )


@primitive("%register-gexp-compiler!", module=GEXP)
def register_gexp_compiler(predicate: Any, procedure: Any) -> Any:
    """Lower values satisfying PREDICATE with PROCEDURE, which returns a
    store-monad value, a derivation, a file-like or a store path."""
    from ..datums import UNSPECIFIED
    from .lower import SCHEME_COMPILERS

    SCHEME_COMPILERS.append((predicate, procedure))
    return UNSPECIFIED


def _accessor(name: str, cls: type, attribute: str) -> None:
    def access(value: Any) -> Any:
        if not isinstance(value, cls):
            raise scheme_error("wrong-type-arg", f"{name}: wrong type", value)
        return getattr(value, attribute)

    primitive(name, module=GEXP)(access)


for _cls, _kind in (
    (PlainFile, "plain-file"),
    (ComputedFile, "computed-file"),
    (ProgramFile, "program-file"),
    (SchemeFile, "scheme-file"),
    (LocalFile, "local-file"),
    (FileAppend, "file-append"),
):
    primitive(f"{_kind}?", module=GEXP)(
        (lambda cls: lambda value: isinstance(value, cls))(_cls)
    )
_accessor("plain-file-name", PlainFile, "name")
_accessor("plain-file-content", PlainFile, "content")
_accessor("computed-file-name", ComputedFile, "name")
_accessor("computed-file-gexp", ComputedFile, "gexp")
_accessor("program-file-name", ProgramFile, "name")
_accessor("program-file-gexp", ProgramFile, "gexp")
_accessor("scheme-file-name", SchemeFile, "name")
_accessor("local-file-file", LocalFile, "file")
_accessor("local-file-name", LocalFile, "name")
_accessor("file-append-base", FileAppend, "base")
_accessor("file-append-suffix", FileAppend, "suffixes")
