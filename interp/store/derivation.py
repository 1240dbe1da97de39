"""Derivations: build recipes, their ``.drv`` ATerm form and their output paths.

Serialisation, parsing and the "hash modulo" follow Nix byte for byte, so a
derivation gets the ``.drv`` path and output paths Nix or Guix would give it.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace

from ..errors import BuildError
from . import hashing

log = logging.getLogger(__name__)

#: Return the derivation stored at a ``.drv`` path (used to hash inputs).
Resolver = Callable[[str], "Derivation"]


@dataclass(frozen=True)
class DerivationOutput:
    """One output: its PATH and, for a fixed output, HASH_ALGO and hex HASH.

    HASH_ALGO is ``sha256`` for a flat file hash and ``r:sha256`` for a NAR
    hash; both are empty for an ordinary (input-addressed) output.
    """

    path: str
    hash_algo: str = ""
    hash: str = ""

    @property
    def is_fixed(self) -> bool:
        """Return true if the output's content is known in advance."""
        return bool(self.hash)

    @property
    def is_recursive(self) -> bool:
        """Return true if the fixed hash is of the NAR, not of a flat file."""
        return self.hash_algo.startswith("r:")


@dataclass
class Derivation:
    """A build recipe, field for field what a ``.drv`` file holds.

    OUTPUTS maps output names to outputs; INPUT_DERIVATIONS maps ``.drv``
    paths to the output names used; INPUT_SOURCES are plain store items;
    BUILDER runs with ARGS and the environment ENV on SYSTEM.
    """

    outputs: dict[str, DerivationOutput]
    input_derivations: dict[str, list[str]] = field(default_factory=dict)
    input_sources: list[str] = field(default_factory=list)
    system: str = "x86_64-linux"
    builder: str = ""
    args: list[str] = field(default_factory=list)
    env: dict[str, str] = field(default_factory=dict)

    @property
    def is_fixed_output(self) -> bool:
        """Return true if this is a fixed-output derivation (one known output)."""
        return list(self.outputs) == ["out"] and self.outputs["out"].is_fixed

    def output_paths(self) -> dict[str, str]:
        """Return {output name: store path}."""
        return {name: out.path for name, out in self.outputs.items()}

    def references(self) -> set[str]:
        """Return the store items the ``.drv`` file refers to: inputs of both kinds."""
        return set(self.input_sources) | set(self.input_derivations)


# --- ATerm writing -------------------------------------------------------------

_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _quote(text: str) -> str:
    """Return TEXT as an ATerm string literal."""
    return '"' + "".join(_ESCAPES.get(c, c) for c in text) + '"'


def _list(items: Iterable[str]) -> str:
    return "[" + ",".join(items) + "]"


def to_aterm(
    drv: Derivation,
    mask_outputs: bool = False,
    input_derivations: Mapping[str, Iterable[str]] | None = None,
) -> str:
    """Return DRV serialised exactly as Nix writes a ``.drv`` file.

    With MASK_OUTPUTS, output paths are written as empty strings (as when the
    output paths are being computed); INPUT_DERIVATIONS, when given, replaces
    the input derivations (hash modulo writes hashes in place of paths).
    """
    outputs = []
    for name in sorted(drv.outputs):
        out = drv.outputs[name]
        path = "" if mask_outputs else out.path
        fields = (name, path, out.hash_algo, out.hash)
        outputs.append("(" + ",".join(_quote(f) for f in fields) + ")")
    inputs = drv.input_derivations if input_derivations is None else input_derivations
    input_drvs = [
        "(" + _quote(path) + "," + _list(map(_quote, sorted(set(inputs[path])))) + ")"
        for path in sorted(inputs)
    ]
    env = [f"({_quote(k)},{_quote(v)})" for k, v in sorted(drv.env.items())]
    return (
        "Derive("
        + ",".join(
            [
                _list(outputs),
                _list(input_drvs),
                _list(map(_quote, sorted(set(drv.input_sources)))),
                _quote(drv.system),
                _quote(drv.builder),
                _list(map(_quote, drv.args)),
                _list(env),
            ]
        )
        + ")"
    )


# --- ATerm reading -------------------------------------------------------------


class _Parser:
    """A cursor over ATerm text; each method consumes one construct."""

    _UNESCAPES = {"n": "\n", "r": "\r", "t": "\t"}

    def __init__(self, text: str, origin: str) -> None:
        self.text, self.pos, self.origin = text, 0, origin

    def fail(self, what: str) -> BuildError:
        near = self.text[self.pos : self.pos + 20]
        return BuildError(
            f"malformed derivation {self.origin}: expected {what} at offset "
            f"{self.pos} (near {near!r})"
        )

    def expect(self, token: str) -> None:
        if not self.text.startswith(token, self.pos):
            raise self.fail(repr(token))
        self.pos += len(token)

    def peek(self, token: str) -> bool:
        return self.text.startswith(token, self.pos)

    def string(self) -> str:
        self.expect('"')
        chars = []
        while True:
            end = self.pos
            while end < len(self.text) and self.text[end] not in '"\\':
                end += 1
            chars.append(self.text[self.pos : end])
            if end >= len(self.text):
                self.pos = end
                raise self.fail("closing quote")
            if self.text[end] == '"':
                self.pos = end + 1
                return "".join(chars)
            escaped = self.text[end + 1 : end + 2]
            chars.append(self._UNESCAPES.get(escaped, escaped))
            self.pos = end + 2

    def sequence(self, item: Callable[[], object]) -> list:
        self.expect("[")
        items = []
        while not self.peek("]"):
            if items:
                self.expect(",")
            items.append(item())
        self.expect("]")
        return items

    def output(self) -> tuple[str, DerivationOutput]:
        self.expect("(")
        name = self.string()
        fields = []
        for _ in range(3):
            self.expect(",")
            fields.append(self.string())
        self.expect(")")
        return name, DerivationOutput(*fields)

    def input_derivation(self) -> tuple[str, list[str]]:
        self.expect("(")
        path = self.string()
        self.expect(",")
        outputs = self.sequence(self.string)
        self.expect(")")
        return path, outputs

    def pair(self) -> tuple[str, str]:
        self.expect("(")
        key = self.string()
        self.expect(",")
        value = self.string()
        self.expect(")")
        return key, value


def read_derivation(text: str, origin: str = "<string>") -> Derivation:
    """Return the Derivation the ATerm TEXT describes; ORIGIN names it in errors."""
    parser = _Parser(text, origin)
    parser.expect("Derive(")
    outputs = dict(parser.sequence(parser.output))
    parser.expect(",")
    input_derivations = dict(parser.sequence(parser.input_derivation))
    parser.expect(",")
    input_sources = parser.sequence(parser.string)
    parser.expect(",")
    system = parser.string()
    parser.expect(",")
    builder = parser.string()
    parser.expect(",")
    args = parser.sequence(parser.string)
    parser.expect(",")
    env = dict(parser.sequence(parser.pair))
    parser.expect(")")
    if parser.pos != len(text):
        raise parser.fail("end of derivation")
    return Derivation(
        outputs, input_derivations, input_sources, system, builder, args, env
    )


def read_derivation_file(drv_path: str) -> Derivation:
    """Return the derivation stored in the ``.drv`` file DRV_PATH."""
    try:
        with open(drv_path, encoding="utf-8") as file:
            return read_derivation(file.read(), drv_path)
    except OSError as error:
        raise BuildError(
            f"cannot read derivation {drv_path}: {error.strerror}"
        ) from None


# --- hashes and paths ----------------------------------------------------------


def hash_modulo(
    drv: Derivation,
    resolve: Resolver,
    mask_outputs: bool = False,
    cache: dict[str, bytes] | None = None,
) -> bytes:
    """Return DRV's SHA-256 "modulo fixed-output derivations".

    A fixed-output derivation hashes to its output's content hash and path, so
    changing how it is fetched changes nothing downstream. Any other hashes
    its ATerm with each input ``.drv`` path replaced by the hex of that input's
    own hash modulo (RESOLVE reads input derivations; CACHE, keyed by ``.drv``
    path, avoids rehashing shared inputs).
    """
    if drv.is_fixed_output:
        out = drv.outputs["out"]
        text = f"fixed:out:{out.hash_algo}:{out.hash}:{out.path}"
        return hashing.sha256(text.encode())
    cache = {} if cache is None else cache
    replaced: dict[str, set[str]] = {}
    for path, outputs in drv.input_derivations.items():
        if path not in cache:
            cache[path] = hash_modulo(resolve(path), resolve, False, cache)
        # Two inputs with the same hash (equal fixed outputs) merge their outputs.
        replaced.setdefault(cache[path].hex(), set()).update(outputs)
    aterm = to_aterm(drv, mask_outputs, replaced)
    return hashing.sha256(aterm.encode())


def derivation_name(drv: Derivation) -> str:
    """Return the derivation's name: its ``name`` variable or its out's name."""
    if "name" in drv.env:
        return drv.env["name"]
    first = drv.outputs.get("out") or next(iter(drv.outputs.values()))
    return hashing.store_path_name(first.path)


def derivation_path(drv: Derivation, prefix: str, name: str | None = None) -> str:
    """Return the ``.drv`` store path of DRV: a text item referring to its inputs."""
    name = name or derivation_name(drv)
    text = to_aterm(drv).encode()
    return hashing.store_path_for_text(f"{name}.drv", text, drv.references(), prefix)


def fixed_output(
    name: str, algo: str, digest: bytes, recursive: bool, prefix: str
) -> DerivationOutput:
    """Return the out of a fixed-output derivation NAME with ALGO DIGEST."""
    path = hashing.store_path_for_fixed(name, digest, prefix, recursive, algo)
    method = "r:" if recursive else ""
    return DerivationOutput(path, method + algo, digest.hex())


def make_derivation(
    name: str,
    builder: str,
    prefix: str,
    resolve: Resolver,
    *,
    args: Iterable[str] = (),
    env: Mapping[str, str] | None = None,
    input_derivations: Mapping[str, Iterable[str]] | None = None,
    input_sources: Iterable[str] = (),
    outputs: Iterable[str] = ("out",),
    system: str = "x86_64-linux",
    fixed: DerivationOutput | None = None,
    cache: dict[str, bytes] | None = None,
) -> Derivation:
    """Return a complete derivation NAME, its output paths computed as Nix does.

    ENV gets ``name``, ``builder``, ``system`` and one variable per output, as
    Nix's ``derivation`` primitive sets them. Output paths come from the hash
    modulo of the derivation with outputs and their variables blanked; FIXED,
    when given, is the out of a fixed-output derivation (see `fixed_output`).
    """
    hashing.check_name(name)
    outputs = sorted(set(outputs))
    if not outputs:
        raise BuildError(f"derivation {name!r} has no outputs")
    full_env = {**(env or {}), "name": name, "builder": builder, "system": system}
    drv = Derivation(
        outputs={},
        input_derivations={
            p: sorted(set(o)) for p, o in (input_derivations or {}).items()
        },
        input_sources=sorted(set(input_sources)),
        system=system,
        builder=builder,
        args=list(args),
        env=full_env,
    )
    if fixed is not None:
        if outputs != ["out"]:
            raise BuildError(f"fixed-output derivation {name!r} must have only 'out'")
        drv.outputs = {"out": fixed}
        drv.env["out"] = fixed.path
        return drv
    masked = replace(
        drv,
        outputs={o: DerivationOutput("") for o in outputs},
        env={**full_env, **{o: "" for o in outputs}},
    )
    digest = hash_modulo(masked, resolve, mask_outputs=True, cache=cache)
    for output in outputs:
        path = hashing.store_path_for_output(name, output, digest, prefix)
        drv.outputs[output] = DerivationOutput(path)
        drv.env[output] = path
    log.debug("derivation %s: outputs %s", name, drv.output_paths())
    return drv


def drv_basename(drv_path: str) -> str:
    """Return the file name of DRV_PATH (``<hash>-<name>.drv``)."""
    return os.path.basename(drv_path)
