"""``(oscdsl boot)``: what a system's boot program calls, and nothing more.

The boot program runs inside the container, where every import costs start
time, so this module needs neither the OS model nor the store.
"""

from __future__ import annotations

from typing import Any

from ..builtins.registry import primitive


@primitive("boot-system", module=("oscdsl", "boot"))
def boot_system(description_file: str) -> Any:
    """Replace this process, the container's PID 1, with the boot program proper."""
    from ..init.launch import boot_thunk

    return boot_thunk(description_file)()
