"""Builds run in the sandbox: only the inputs are visible, and no network."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

PROGRAM = """
(use-modules (guix gexp) (guix store) (guix monads) (guix derivations))
(define visible (plain-file "visible" "an input"))
(define hidden (plain-file "hidden" "not an input"))
(define probe
  (gexp->derivation "probe"
    #~(begin
        (use-modules (ice-9 rdelim))
        (call-with-output-file #$output
          (lambda (port)
            (write (list (file-exists? #$visible)
                         (file-exists? (getenv "HIDDEN"))
                         (call-with-input-file "/proc/net/dev"
                           (lambda (in)
                             (read-line in) (read-line in)
                             (let loop ((names '()))
                               (let ((line (read-line in)))
                                 (if (eof-object? line)
                                     (reverse names)
                                     (loop (cons (car (string-split
                                                       (string-trim line) #\\:))
                                                 names)))))))
                         (file-exists? "/home"))
                   port))))
    #:env-vars
    `(("HIDDEN" . ,(with-store s (run-with-store s (lower-object hidden)))))))
(with-store store
  (let ((drv (run-with-store store probe)))
    (build-derivations store (list drv))
    (display (call-with-input-file (derivation->output-path drv) read-line))))
"""


def test_builder_sees_its_inputs_only_and_no_network(tmp_path: Path) -> None:
    program = tmp_path / "probe.scm"
    program.write_text(PROGRAM)
    env = {
        **os.environ,
        "OSCDSL_STORE": str(tmp_path / "store"),
        "OSCDSL_STATE_DIR": str(tmp_path / "state"),
    }
    result = subprocess.run(
        [sys.executable, "-m", "oscdsl", "run", str(program)],
        capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout == '(#t #f ("lo") #f)'
