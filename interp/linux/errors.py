"""The error that container setup raises, as oscdsl's build errors render it."""

from __future__ import annotations

from ..errors import BuildError


class ContainerError(BuildError):
    """Starting, entering or setting up a container failed."""

    label = "container error"
