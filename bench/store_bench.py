"""Benchmark the store: a "file union" of 1,000 text items, cold then warm.

Cold adds the items, writes the derivation and builds it; warm repeats every
step with everything already valid. Run: ``.venv/bin/python bench/store_bench.py``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time

from oscdsl.store import Store

UNION_BUILDER = """\
import os, sys
out = os.environ["out"]
os.mkdir(out)
with open(os.environ["entriesPath"]) as entries:
    for line in entries:
        name, target = line.rstrip("\\n").split("\\t")
        os.symlink(target, os.path.join(out, name))
"""


def file_union(store: Store, count: int) -> str:
    """Add COUNT text items and a derivation linking them; return the .drv path."""
    files = [
        store.add_text(f"file-{i}.txt", f"contents of file {i}\n") for i in range(count)
    ]
    entries = store.add_text(
        "union-entries",
        "".join(f"file-{i}.txt\t{path}\n" for i, path in enumerate(files)),
        files,
    )
    builder = store.add_text("union-builder.py", UNION_BUILDER)
    drv = store.derivation(
        "file-union",
        sys.executable,
        ["-S", builder],
        env={"entriesPath": entries},
        input_sources=[builder, entries],
    )
    return store.write_derivation(drv)


def run(store: Store, count: int) -> tuple[float, str]:
    """Return the seconds taken to add, write and build the union, and its output."""
    start = time.perf_counter()
    drv_path = file_union(store, count)
    out = store.build([drv_path])[drv_path]["out"]
    return time.perf_counter() - start, out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as root:
        with Store(f"{root}/store", f"{root}/state") as store:
            cold, out = run(store, args.count)
            warm, warm_out = run(store, args.count)
            assert warm_out == out and len(store.references(out)) == args.count
            store.close()
            with Store(f"{root}/store", f"{root}/state") as fresh:
                fresh.collect_garbage()
    items = args.count + 3  # the files, the entries list, the builder, the .drv
    print(f"file union of {args.count} text items ({items} store items + 1 output)")
    print(f"cold: {cold:8.3f} s  {items / cold:10.0f} items/s")
    print(f"warm: {warm:8.3f} s  {items / warm:10.0f} items/s")
    print(f"warm/cold time ratio: {warm / cold:.3f}")


if __name__ == "__main__":
    main()
