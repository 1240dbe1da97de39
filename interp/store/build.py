"""Running derivation builders and registering what they produce.

Inputs are built first; each builder runs in a fresh build directory with a
clean environment, its output is scanned for references and registered.
"""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import tempfile
from collections import deque
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..errors import BuildError
from . import hashing, items
from .database import PathInfo
from .derivation import Derivation, derivation_name
from .locks import exclusive_locks, shared_lock

if TYPE_CHECKING:
    from .store import Store

log = logging.getLogger(__name__)

#: How many lines of a failed build's log the error shows.
LOG_TAIL_LINES = 10


@dataclass
class BuildJob:
    """Everything needed to run one builder.

    ARGV and ENV are the builder's command and environment; BUILD_DIR is its
    scratch directory and working directory; INPUTS is the closure of its
    inputs (the only store items it should see) and OUTPUTS the paths it must
    create (the only ones it may write). LOCK_FDS are the outputs' locks, which
    the builder inherits: if this process dies, the locks stay held until the
    builder and its children are gone too, so no retry races a stray writer.
    """

    drv_path: str
    drv: Derivation
    argv: list[str]
    env: dict[str, str]
    build_dir: str
    inputs: set[str]
    outputs: dict[str, str]
    log_path: str
    lock_fds: list[int] = field(default_factory=list)


def sandbox_command(job: BuildJob) -> list[str]:
    """Return the command line that runs JOB's builder in isolation.

    The builder runs in new namespaces (see :mod:`oscdsl.store.sandbox`):
    only JOB.inputs of the store are visible, read-only, JOB.outputs are
    written in a private store and moved out afterwards, and there is no
    network.  Where user namespaces do not exist, or OSCDSL_BUILD_SANDBOX=0,
    the builder runs unisolated.  ``Store.sandbox`` holds this function.
    """
    import sys

    from . import sandbox

    if not sandbox.available() or not os.path.exists(job.argv[0]):
        # A missing builder is reported as such by the caller's exec.
        return job.argv
    from ..gexp.launcher import interpreter_files
    from ..modules.system import stdlib_directory

    spec = os.path.join(job.build_dir, ".oscdsl-sandbox.json")
    prefix = os.path.dirname(next(iter(job.outputs.values())))
    # The builder and its arguments may be store items outside the inputs
    # (the launcher that runs oscdsl programs): make them visible too.
    for argument in job.argv:
        if argument.startswith(prefix + "/"):
            item = os.path.join(prefix, argument[len(prefix) + 1 :].split("/")[0])
            job.inputs = job.inputs | {item}
    interpreter = [*interpreter_files(), str(stdlib_directory().parent / "grammar")]
    sandbox.write_spec(spec, job, prefix, interpreter)
    return [sys.executable, "-m", "oscdsl.store.sandbox", spec]


def builder_environment(
    store: Store, drv: Derivation, build_dir: str
) -> dict[str, str]:
    """Return the environment of DRV's builder, as Nix sets it up.

    The derivation's variables may override PATH and HOME but not the build
    directory variables; each output's name is bound to its path.
    """
    env = {"PATH": "/path-not-set", "HOME": "/homeless-shelter",
           "NIX_STORE": store.prefix, "OSCDSL_STORE": store.prefix}  # fmt: skip
    env.update(drv.env)
    for name in ("NIX_BUILD_TOP", "TMPDIR", "TEMPDIR", "TMP", "TEMP", "PWD"):
        env[name] = build_dir
    env.update(drv.output_paths())
    return env


# --- ordering --------------------------------------------------------------------


def derivation_closure(store: Store, drv_paths: list[str]) -> list[str]:
    """Return DRV_PATHS and their input derivations, every input before its users."""
    order: list[str] = []
    state: dict[str, str] = {}
    for root in drv_paths:
        # An explicit stack: derivation graphs can be deeper than Python's recursion.
        stack = [(root, False)]
        while stack:
            path, expanded = stack.pop()
            if expanded:
                state[path] = "done"
                order.append(path)
                continue
            if state.get(path):
                continue
            state[path] = "visiting"
            stack.append((path, True))
            inputs = store.read_derivation(path).input_derivations
            stack.extend((p, False) for p in sorted(inputs) if not state.get(p))
    return order


def build_derivations(store: Store, drv_paths: list[str]) -> dict[str, dict[str, str]]:
    """Build DRV_PATHS and their missing inputs; return {drv: {output: path}}."""
    for drv_path in derivation_closure(store, drv_paths):
        realise(store, drv_path)
    return {p: store.read_derivation(p).output_paths() for p in drv_paths}


# --- one derivation --------------------------------------------------------------


def realise(store: Store, drv_path: str) -> dict[str, str]:
    """Make the outputs of DRV_PATH valid, building them unless they are already.

    The outputs' locks are held from the validity check to the registration,
    so concurrent callers build once and the others find the result valid.
    """
    drv = store.read_derivation(drv_path)
    outputs = drv.output_paths()
    if store._rooted_and_valid(outputs.values()):
        return outputs
    with exclusive_locks(store.lock_file(p) for p in outputs.values()) as locks:
        valid = [p for p in outputs.values() if store.db.is_valid(p)]
        if len(valid) == len(outputs):
            return outputs
        if valid:
            # Limitation: a derivation with some outputs valid and others not is
            # refused, because rebuilding would overwrite the valid ones.
            raise BuildError(
                f"cannot build {drv_path}: only some of its outputs "
                f"are valid ({', '.join(valid)})"
            )
        for path in outputs.values():
            store.clear_leftovers(path)
        inputs = _input_closure(store, drv)
        _run_and_register(store, drv_path, drv, inputs, [lock.fd for lock in locks])
    return outputs


def _input_closure(store: Store, drv: Derivation) -> set[str]:
    """Return the closure of DRV's inputs, rooted for as long as the store is open."""
    direct = set(drv.input_sources)
    for input_path, names in drv.input_derivations.items():
        input_outputs = store.read_derivation(input_path).output_paths()
        direct.update(input_outputs[name] for name in names)
    with shared_lock(store.gc_lock()):
        for path in direct:
            store._write_temp_root(path)
        missing = sorted(p for p in direct if not store.db.is_valid(p))
        if missing:
            raise BuildError(
                f"cannot build {derivation_name(drv)}: input {missing[0]} is not valid"
            )
        return store.db.requisites(direct)


def _run_and_register(
    store: Store, drv_path: str, drv: Derivation, inputs: set[str], lock_fds: list[int]
) -> None:
    """Run DRV's builder and register its outputs; on failure leave nothing valid."""
    outputs = drv.output_paths()
    # Limitation: the builder writes its outputs at their final paths, not at
    # temporaries renamed afterwards, because the contents must name the final
    # paths and only a mount namespace could show a temporary under that name.
    # An output stays unregistered (invalid) until it is complete, and the next
    # attempt removes leftovers under the output lock.
    # Limitation: builders run as the calling user (no build users), because
    # the user namespace of the sandbox is meant to provide the separation.
    build_dir = tempfile.mkdtemp(prefix=f"oscdsl-build-{derivation_name(drv)}-")
    job = BuildJob(drv_path, drv, [drv.builder, *drv.args],
                   builder_environment(store, drv, build_dir), build_dir, inputs,
                   outputs, store.log_file(drv_path), lock_fds)  # fmt: skip
    try:
        _run_builder(store, job)
        infos = [_output_info(store, job, name) for name in sorted(outputs)]
        store.db.register(infos, {drv_path: outputs})
    except BaseException:
        for path in outputs.values():
            items.remove_tree(path)
        raise
    finally:
        items.remove_tree(build_dir)
    log.info("built %s", drv_path)


def _run_builder(store: Store, job: BuildJob) -> None:
    """Run JOB's builder, logging to JOB.log_path; raise BuildError on failure."""
    argv = store.sandbox(job)
    log.debug("running %s for %s in %s", argv, job.drv_path, job.build_dir)
    with open(job.log_path, "wb") as log_file:
        try:
            process = subprocess.Popen(
                argv, env=job.env, cwd=job.build_dir, stdin=subprocess.DEVNULL,
                stdout=log_file, stderr=subprocess.STDOUT, close_fds=True,
                pass_fds=job.lock_fds, start_new_session=True,
                preexec_fn=_die_with(os.getpid()),
            )  # fmt: skip
        except OSError as error:
            raise BuildError(
                f"cannot run the builder {job.argv[0]!r} of "
                f"{job.drv_path}: {error.strerror}"
            ) from None
        status = process.wait()
    if status != 0:
        raise _failure(job, status)


def _die_with(parent: int):
    """Return a function that makes the calling (builder) process die with PARENT.

    Without this a builder whose store process was killed would go on writing
    an output that the next attempt is already rebuilding.
    """

    def set_death_signal() -> None:
        try:
            import prctl

            prctl.set_pdeathsig(signal.SIGKILL)
        except (ImportError, OSError):
            # Limitation: without python-prctl an orphaned builder keeps running.
            pass
        if os.getppid() != parent:  # PARENT died before the signal was set
            os._exit(1)

    return set_death_signal


def _failure(job: BuildJob, status: int) -> BuildError:
    """Return the error for a builder that exited with STATUS (negative: signal)."""
    if status < 0:
        how = f"was killed by signal {signal.Signals(-status).name}"
    else:
        how = f"failed with exit code {status}"
    tail = log_tail(job.log_path)
    message = f"builder for {job.drv_path} {how}"
    if tail:
        message += f"\nlast {len(tail)} lines of the log:\n" + "\n".join(
            "  " + line for line in tail
        )
    message += f"\nfull log: {job.log_path}"
    return BuildError(message)


def log_tail(log_path: str, count: int = LOG_TAIL_LINES) -> list[str]:
    """Return the last COUNT lines of the file LOG_PATH."""
    try:
        with open(log_path, "rb") as file:
            file.seek(max(0, os.fstat(file.fileno()).st_size - 64 * 1024))
            lines = deque(file, maxlen=count)
    except OSError:
        return []
    return [line.decode(errors="replace").rstrip("\n") for line in lines]


def _output_info(store: Store, job: BuildJob, name: str) -> PathInfo:
    """Check, make read-only, sync and describe the output NAME of JOB."""
    path = job.outputs[name]
    if not os.path.lexists(path):
        raise BuildError(
            f"builder for {job.drv_path} did not produce its output "
            f"{name!r} ({path})\nfull log: {job.log_path}"
        )
    items.canonicalise(path)
    items.sync_tree(path)
    digest, size = hashing.nar_hash(path)
    candidates = job.inputs | set(job.outputs.values())
    references = hashing.scan_references(path, candidates)
    output = job.drv.outputs[name]
    if output.is_fixed:
        _check_fixed(job, path, output, digest, references)
    return PathInfo(path, hashing.format_hash(digest), size, references, job.drv_path)


def _check_fixed(
    job: BuildJob, path: str, output, nar_digest: bytes, references: set[str]
) -> None:
    """Raise BuildError unless the fixed output at PATH has the promised hash."""
    algo = output.hash_algo.removeprefix("r:")
    if algo != "sha256":
        # Limitation: fixed outputs are checked with SHA-256 only, the one
        # algorithm the store's path computation is used with here.
        raise BuildError(f"{job.drv_path}: unsupported hash algorithm {algo!r}")
    if output.is_recursive:
        actual = nar_digest
    elif os.path.isfile(path) and not os.path.islink(path):
        with open(path, "rb") as file:
            actual = hashing.sha256(file.read())
    else:
        raise BuildError(f"{job.drv_path}: a flat fixed output must be a regular file")
    if actual.hex() != output.hash:
        raise BuildError(
            f"hash mismatch in fixed-output derivation {job.drv_path}:\n"
            f"  wanted: sha256:{output.hash}\n  got:    sha256:"
            f"{actual.hex()}"
        )
    if references:
        raise BuildError(
            f"fixed-output derivation {job.drv_path} may not refer to "
            f"store items, but refers to {sorted(references)[0]}"
        )
