"""Benchmark gexp lowering: a ``file-union`` of 1,000 ``plain-file``s, cold then warm.

The objects are made by evaluating Scheme.  Cold lowers them in an empty store
(adding every file, writing the derivation) and builds the union; warm does the
same with a new connection (so no lowering cache) and everything already
valid, which must build nothing.  Run: ``.venv/bin/python bench/gexp_bench.py``.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time

from oscdsl.api import Interpreter
from oscdsl.gexp.lower import build_lowered, lower_object
from oscdsl.store import Store

PROGRAM = """
(use-modules (guix gexp))
(file-union "bench-union"
  (map (lambda (i)
         (list (string-append "file-" (number->string i))
               (plain-file (string-append "file-" (number->string i) ".txt")
                           (string-append "contents of file "
                                          (number->string i) "\\n"))))
       (iota {count})))
"""


def lower_and_build(prefix: str, union) -> tuple[float, str, int]:
    """Lower and build UNION with a new connection; return (seconds, path, builds)."""
    with Store(prefix, prefix + "-state") as store:
        builds: list[str] = []
        original = store.sandbox
        store.sandbox = lambda job: builds.append(job.drv_path) or original(job)
        start = time.perf_counter()
        path = build_lowered(store, lower_object(store, union))
        return time.perf_counter() - start, path, len(builds)


def main() -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=1000)
    options = parser.parse_args()
    union = Interpreter().eval_string(PROGRAM.format(count=options.count))
    with tempfile.TemporaryDirectory(prefix="oscdsl-gexp-bench-") as directory:
        prefix = os.path.join(directory, "store")
        cold, path, cold_builds = lower_and_build(prefix, union)
        warm, again, warm_builds = lower_and_build(prefix, union)
        assert again == path and warm_builds == 0
        entries = len(os.listdir(path))
    items = options.count + 1
    print(f"file-union of {options.count} plain-files ({entries} links)")
    print(f"cold: {cold:.3f} s, {items / cold:,.0f} items/s, {cold_builds} build(s)")
    print(f"warm: {warm:.3f} s, {items / warm:,.0f} items/s, {warm_builds} build(s)")
    print(f"warm/cold: {warm / cold:.3f}")


if __name__ == "__main__":
    main()
