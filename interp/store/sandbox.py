"""The build sandbox: run a builder where only its inputs are visible.

``python -m oscdsl.store.sandbox SPEC`` runs the builder described in the
JSON file SPEC in new user, mount, PID, IPC, UTS, network and cgroup
namespaces: the store directory is an empty tmpfs into which only the input
closure is bound (read-only), the build directory is the one writable host
directory, and there is no network but loopback.  The builder writes its
outputs at their final paths inside that tmpfs; once it succeeds they are
copied out through the build directory and moved to the real store, where the
caller scans and registers them as for any build.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

# Limitation: the builder runs this interpreter, which needs the host's C
# library, and derivations may name host programs (/bin/sh); until builders
# run from the store only, the host's system directories are visible
# read-only.
HOST_DIRECTORIES = ("/bin", "/sbin", "/usr", "/lib", "/lib64", "/etc/alternatives")
STAGING = ".oscdsl-outputs"


def write_spec(
    path: str, job: object, store_prefix: str, interpreter: list[str]
) -> None:
    """Write the sandbox spec of the BuildJob JOB to PATH."""
    spec = {
        "argv": job.argv,
        "env": job.env,
        "build_dir": job.build_dir,
        "inputs": sorted(job.inputs),
        "outputs": job.outputs,
        "store": store_prefix,
        "interpreter": interpreter,
    }
    with open(path, "w") as stream:
        json.dump(spec, stream)


def mounts(spec: dict) -> list:
    """Return the file systems of the sandbox, in mounting order."""
    from ..linux.filesystems import FileSystemSpec, bind_spec

    result = [FileSystemSpec("tmpfs", spec["store"], "tmpfs", frozenset(), "mode=0755")]
    result += [bind_spec(path, read_only=True) for path in spec["inputs"]]
    result.append(bind_spec(spec["build_dir"]))
    seen = {spec["store"], spec["build_dir"]}
    for path in [*spec["interpreter"], *HOST_DIRECTORIES]:
        if os.path.isdir(path) and path not in seen and not os.path.islink(path):
            seen.add(path)
            result.append(bind_spec(path, read_only=True))
    return result


def host_links() -> dict[str, str]:
    """Return the host directories that are symlinks (/lib -> usr/lib), to recreate."""
    return {
        path: os.readlink(path)
        for path in HOST_DIRECTORIES
        if os.path.islink(path) and os.path.isdir(path)
    }


def populate_with(links: dict[str, str]):
    """Return the step recreating LINKS (read on the host) in the sandbox's root."""

    def populate() -> None:
        for path, target in links.items():
            if not os.path.lexists(path):
                os.symlink(target, path)

    return populate


def copy_item(source: str, target: str) -> None:
    """Copy the file, directory or symlink SOURCE to TARGET, keeping links and modes."""
    if os.path.islink(source):
        os.symlink(os.readlink(source), target)
    elif os.path.isdir(source):
        shutil.copytree(source, target, symlinks=True)
    else:
        shutil.copy2(source, target)


def run_inside(spec: dict) -> int:
    """Run the builder inside the container, stage its outputs; return its status."""
    staging = os.path.join(spec["build_dir"], STAGING)
    try:
        status = subprocess.call(spec["argv"], env=spec["env"], cwd=spec["build_dir"])
    except OSError as error:
        print(
            f"cannot run the builder {spec['argv'][0]}: {error.strerror}",
            file=sys.stderr,
        )
        return 127
    if status == 0:
        os.makedirs(staging, exist_ok=True)
        for name, path in spec["outputs"].items():
            if os.path.lexists(path):
                copy_item(path, os.path.join(staging, name))
    return status


def publish(spec: dict) -> None:
    """Move the staged outputs to their paths in the real store."""
    staging = os.path.join(spec["build_dir"], STAGING)
    for name, path in spec["outputs"].items():
        staged = os.path.join(staging, name)
        if os.path.lexists(staged):
            shutil.move(staged, path)


def main(argv: list[str]) -> int:
    """Run the build that ARGV[1] describes; return the builder's exit status."""
    from ..errors import OscdslError
    from ..linux.container import call_with_container

    with open(argv[1]) as stream:
        spec = json.load(stream)
    try:
        status = call_with_container(
            mounts(spec),
            lambda: run_inside(spec),
            host_uids=1,
            writable_root=True,
            lock_mounts=False,
            populate_file_system=populate_with(host_links()),
        )
    except OscdslError as error:
        print(f"build sandbox: {error.message}", file=sys.stderr)
        return 1
    if status == 0:
        publish(spec)
    return status


def available() -> bool:
    """Return whether builds can be sandboxed here (user namespaces exist)."""
    if os.environ.get("OSCDSL_BUILD_SANDBOX", "1") == "0":
        return False
    return os.path.exists("/proc/self/ns/user")


if __name__ == "__main__":
    sys.exit(main(sys.argv))
