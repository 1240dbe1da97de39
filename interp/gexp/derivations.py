"""Derivations as Scheme sees them: a ``.drv`` file name with its recipe."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..store import Derivation


class StoreDerivation:
    """The derivation written at FILE_NAME, whose recipe is DRV."""

    __slots__ = ("file_name", "drv")

    def __init__(self, file_name: str, drv: Derivation) -> None:
        self.file_name = file_name
        self.drv = drv

    def output_path(self, output: str = "out") -> str:
        """Return the store path of OUTPUT, or raise a Scheme error naming it."""
        from ..errors import scheme_error

        outputs = self.drv.output_paths()
        if output not in outputs:
            raise scheme_error(
                "misc-error",
                f"derivation {self.file_name} has no output {output!r}",
                who="derivation->output-path",
            )
        return outputs[output]

    def scheme_repr(self, write: bool) -> str:
        paths = " ".join(self.drv.output_paths().values())
        return f"#<derivation {self.file_name} => {paths}>"

    def __repr__(self) -> str:
        return self.scheme_repr(True)

    def __eq__(self, other: Any) -> bool:
        return isinstance(other, StoreDerivation) and other.file_name == self.file_name

    def __hash__(self) -> int:
        return hash(self.file_name)

    def scheme_equal(self, other: Any) -> bool:
        return self == other


class DerivationOutputValue:
    """One output of a derivation, as ``derivation-outputs`` lists it."""

    __slots__ = ("name", "path")

    def __init__(self, name: str, path: str) -> None:
        self.name = name
        self.path = path

    def scheme_repr(self, write: bool) -> str:
        return f"#<derivation-output {self.name} {self.path}>"
