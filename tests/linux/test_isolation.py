"""Isolation checks T1-T16 and T25-T28 of the container catalogue, run for real."""

from __future__ import annotations

import errno
import os
import shutil
import socket
import stat
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import pytest
from oscdsl.errors import BuildError
from oscdsl.linux import syscalls
from oscdsl.linux.container import (
    CONTAINER_CAPABILITIES,
    call_with_container,
)
from oscdsl.linux.errors import ContainerError
from oscdsl.linux.filesystems import FileSystemSpec, bind_spec

from .conftest import (
    Runner,
    fork_runtime,
    host_mountinfo,
    populate_usr_links,
    write_result,
)

NAMESPACE_NAMES = ("cgroup", "ipc", "mnt", "net", "pid", "user", "uts")


def namespace_ids() -> dict[str, str]:
    """Return this process's namespaces as readlink shows them."""
    return {name: os.readlink(f"/proc/self/ns/{name}") for name in NAMESPACE_NAMES}


def status_fields(*names: str) -> dict[str, str]:
    """Return the fields NAMES of /proc/self/status."""
    fields = {}
    with open("/proc/self/status") as file:
        for line in file:
            key, _, value = line.partition(":")
            if key in names:
                fields[key] = value.strip()
    return fields


def proc_pids() -> list[int]:
    """Return the PIDs that /proc lists."""
    return sorted(int(name) for name in os.listdir("/proc") if name.isdigit())


# T1
def test_payload_is_pid_1_and_proc_lists_only_container_pids(runner: Runner) -> None:
    def observe():
        return {
            "pid": os.getpid(),
            "ppid": status_fields("PPid")["PPid"],
            "pids": proc_pids(),
        }

    status, seen = runner.run(observe)
    assert status == 0
    assert seen == {"pid": 1, "ppid": "0", "pids": [1]}


def test_payload_is_pid_2_under_an_init(runner: Runner) -> None:
    status, seen = runner.run(lambda: [os.getpid(), proc_pids()], child_is_pid1=False)
    assert status == 0
    assert seen == [2, [1, 2]]


# T2
def test_every_namespace_differs_from_the_host(runner: Runner) -> None:
    status, inside = runner.run(namespace_ids)
    host = namespace_ids()
    assert status == 0
    for name in NAMESPACE_NAMES:
        assert inside[name] != host[name], name


def test_only_the_requested_namespaces_are_new(runner: Runner) -> None:
    namespaces = ("mnt", "pid", "user")
    status, inside = runner.run(namespace_ids, namespaces=namespaces)
    host = namespace_ids()
    assert status == 0
    for name in NAMESPACE_NAMES:
        assert (inside[name] != host[name]) == (name in namespaces), name


# T3
def test_hostname_is_set_inside_and_host_keeps_its_own(runner: Runner) -> None:
    before = socket.gethostname()
    status, inside = runner.run(socket.gethostname, hostname="guix-box")
    assert (status, inside) == (0, "guix-box")
    assert socket.gethostname() == before


# T4
def loopback_view() -> dict:
    """Return the interfaces, lo's flags, /etc/hosts and a connect's errno."""
    with open("/sys/class/net/lo/flags") as flags:
        lo_flags = int(flags.read(), 16)
    with socket.socket() as sock:
        code = sock.connect_ex(("127.0.0.1", 1))
    with open("/etc/hosts") as hosts:
        text = hosts.read()
    return {
        "interfaces": sorted(os.listdir("/sys/class/net")),
        "up": bool(lo_flags & 1),
        "connect": errno.errorcode.get(code, str(code)),
        "hosts": text,
    }


def test_network_has_only_loopback_and_it_is_up(runner: Runner) -> None:
    status, seen = runner.run(loopback_view)
    assert status == 0
    assert seen == {
        "interfaces": ["lo"],
        "up": True,
        "connect": "ECONNREFUSED",
        "hosts": "127.0.0.1 localhost\n",
    }


def test_tcp_over_loopback_works(runner: Runner) -> None:
    # Plain sockets: create_connection would import the idna codec, and the
    # container has no Python library to import from.
    def observe():
        with socket.socket() as server, socket.socket() as client:
            server.bind(("127.0.0.1", 0))
            server.listen()
            client.connect(server.getsockname())
            connection, _ = server.accept()
            with connection:
                client.sendall(b"ping")
                return connection.recv(4).decode()

    assert runner.run(observe) == (0, "ping")


def test_loopback_stays_down_when_not_wanted(runner: Runner) -> None:
    def observe():
        with open("/sys/class/net/lo/flags") as flags:
            up = bool(int(flags.read(), 16) & 1)
        with socket.socket() as sock:
            code = sock.connect_ex(("127.0.0.1", 1))
        return [up, errno.errorcode.get(code), os.path.exists("/etc/hosts")]

    status, seen = runner.run(observe, loopback_network=False)
    assert (status, seen) == (0, [False, "ENETUNREACH", False])


# T5
def id_view() -> dict:
    """Return the id maps, setgroups and ids of this process."""

    def read(name):
        with open(f"/proc/self/{name}") as file:
            return [line.split() for line in file]

    return {
        "uid_map": read("uid_map"),
        "gid_map": read("gid_map"),
        "setgroups": read("setgroups"),
        "ids": [os.getuid(), os.getgid()],
    }


def test_root_maps_65536_ids_from_zero(runner: Runner) -> None:
    status, seen = runner.run(id_view, host_uids=65536, lock_mounts=False)
    assert status == 0
    assert seen == {
        "uid_map": [["0", "0", "65536"]],
        "gid_map": [["0", "0", "65536"]],
        "setgroups": [["allow"]],
        "ids": [0, 0],
    }


def test_single_id_map_sends_guest_ids_to_the_host_ids(runner: Runner) -> None:
    status, seen = runner.run(id_view, guest_uid=1000, guest_gid=100, lock_mounts=False)
    assert status == 0
    assert seen["uid_map"] == [["1000", "0", "1"]]
    assert seen["gid_map"] == [["100", "0", "1"]]
    assert seen["ids"] == [1000, 100]


def test_locked_mounts_add_an_identity_map_of_the_guest_ids(runner: Runner) -> None:
    status, seen = runner.run(id_view, guest_uid=1000, guest_gid=100)
    assert status == 0
    assert seen["uid_map"] == [["1000", "1000", "1"]]
    assert seen["gid_map"] == [["100", "100", "1"]]
    assert seen["ids"] == [1000, 100]


def test_unprivileged_runtime_maps_its_own_id_and_denies_setgroups() -> None:
    import prctl

    # pytest's own temporary directories are private to root.
    tmp_path = Path(tempfile.mkdtemp(prefix="oscdsl-test."))
    runner = Runner(tmp_path / "out")
    runner.out.mkdir()
    for path in (tmp_path, runner.out):
        path.chmod(0o777)

    def runtime() -> int:
        # /root's Python library is unreadable to uid 65534: import first.
        syscalls.load_libc()
        from oscdsl.linux import errors, network  # noqa: F401

        os.setgroups([])
        os.setresgid(65534, 65534, 65534)
        os.setresuid(65534, 65534, 65534)
        # Changing uid made this process non-dumpable, which would make its
        # children's /proc files (uid_map included) root's.
        prctl.set_dumpable(1)
        os.environ["TMPDIR"] = str(tmp_path)
        return call_with_container(
            [runner.out_spec], lambda: write_result(id_view()), lock_mounts=False
        )

    try:
        _, status = os.waitpid(fork_runtime(runtime), 0)
        seen = runner.result()
    finally:
        shutil.rmtree(tmp_path)
    assert os.waitstatus_to_exitcode(status) == 0
    assert seen == {
        "uid_map": [["0", "65534", "1"]],
        "gid_map": [["0", "65534", "1"]],
        "setgroups": [["deny"]],
        "ids": [0, 0],
    }


def test_only_root_may_map_several_ids(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "getuid", lambda: 1000)
    with pytest.raises(
        ContainerError, match="only root can map more than a single uid"
    ):
        call_with_container([], lambda: 0, host_uids=65536)


# T6
def test_read_only_bind_refuses_writes(runner: Runner, tmp_path: Path) -> None:
    shared = tmp_path / "ro"
    shared.mkdir()
    (shared / "file").write_text("host")

    def observe():
        try:
            with open("/ro/new", "w"):
                pass
        except OSError as error:
            code = errno.errorcode[error.errno]
        return [
            code,
            bool(os.statvfs("/ro").f_flag & os.ST_RDONLY),
            open("/ro/file").read(),
        ]

    status, seen = runner.run(observe, [bind_spec(str(shared), "/ro", read_only=True)])
    assert (status, seen) == (0, ["EROFS", True, "host"])
    assert not (shared / "new").exists()


def test_read_only_bind_keeps_the_locked_flags_of_its_source(
    runner: Runner, tmp_path: Path
) -> None:
    """A bind of a nosuid,nodev,noexec,noatime mount can still be made read-only."""
    source = tmp_path / "locked"
    source.mkdir()

    def runtime() -> int:
        # A private mount namespace keeps this tmpfs off the host's table.
        syscalls.unshare(syscalls.CLONE_NEWNS)
        syscalls.mount(None, "/", None, syscalls.MS_REC | syscalls.MS_PRIVATE)
        flags = syscalls.MS_NOSUID | syscalls.MS_NODEV | syscalls.MS_NOEXEC
        syscalls.mount("none", str(source), "tmpfs", flags | syscalls.MS_NOATIME)
        spec = bind_spec(str(source), "/locked", read_only=True)

        def observe():
            return os.statvfs("/locked").f_flag

        return call_with_container(
            [runner.out_spec, spec], lambda: write_result(observe())
        )

    _, status = os.waitpid(fork_runtime(runtime), 0)
    assert os.waitstatus_to_exitcode(status) == 0
    flags = runner.result()
    wanted = os.ST_RDONLY | os.ST_NOSUID | os.ST_NODEV | os.ST_NOEXEC | os.ST_NOATIME
    assert flags & wanted == wanted


# T7
def test_writable_share_reaches_the_host_and_tmpfs_does_not(
    runner: Runner, tmp_path: Path
) -> None:
    share = tmp_path / "share"
    share.mkdir()
    tmp = FileSystemSpec("none", "/tmp", "tmpfs", frozenset({"no-suid", "no-dev"}))

    def observe():
        Path("/share/from-container").write_text("hello")
        Path("/tmp/scratch").write_text("gone")
        try:
            Path("/on-root").write_text("x")
        except OSError as error:
            return errno.errorcode[error.errno]

    status, seen = runner.run(observe, [bind_spec(str(share), "/share"), tmp])
    assert (status, seen) == (0, "EROFS")
    assert (share / "from-container").read_text() == "hello"
    assert not Path("/tmp/scratch").exists()


def test_writable_root_accepts_writes(runner: Runner) -> None:
    def observe():
        Path("/on-root").write_text("x")
        return Path("/on-root").read_text()

    assert runner.run(observe, writable_root=True) == (0, "x")


def test_populate_file_system_runs_in_the_new_root(runner: Runner) -> None:
    def populate():
        os.makedirs("/etc")
        Path("/etc/motd").write_text("made by populate")

    status, seen = runner.run(
        lambda: Path("/etc/motd").read_text(), populate_file_system=populate
    )
    assert (status, seen) == (0, "made by populate")


# T9
def test_old_root_is_gone_and_mountinfo_shows_only_container_mounts(
    runner: Runner,
) -> None:
    def observe():
        with open("/proc/self/mountinfo") as file:
            points = sorted(line.split()[4] for line in file)
        return {
            "points": points,
            "old": os.path.exists("/real-root"),
            "root": os.listdir("/"),
        }

    status, seen = runner.run(observe)
    assert status == 0
    assert seen["old"] is False
    assert sorted(seen["root"]) == ["dev", "etc", "out", "proc", "sys"]
    expected = {
        "/",
        "/out",
        "/proc",
        "/sys",
        "/dev",
        "/dev/pts",
        "/dev/shm",
        "/dev/mqueue",
    }
    expected |= {
        f"/dev/{name}" for name in ("null", "zero", "full", "random", "urandom")
    }
    expected |= {"/dev/tty"} if os.path.exists("/dev/tty") else set()
    expected |= {"/dev/fuse"} if os.path.exists("/dev/fuse") else set()
    proc_mounts = {point for point in seen["points"] if point.startswith("/proc/")}
    sys_mounts = {point for point in seen["points"] if point.startswith("/sys/")}
    assert set(seen["points"]) - proc_mounts - sys_mounts == expected
    assert sys_mounts <= {"/sys/firmware"}
    assert len(seen["points"]) == len(set(seen["points"]))


# T10
def test_sensitive_proc_entries_are_masked_or_read_only(runner: Runner) -> None:
    def observe():
        result = {}
        for name in ("kcore", "keys", "timer_list", "sched_debug"):
            path = f"/proc/{name}"
            if os.path.exists(path):
                with open(path, "rb") as file:
                    result[name] = len(file.read())
        for path in ("/proc/sys/kernel/hostname", "/proc/sysrq-trigger"):
            if not os.path.exists(path):
                continue  # this kernel lacks magic SysRq
            try:
                with open(path, "w") as file:
                    file.write("x")
                result[path] = "written"
            except OSError as error:
                result[path] = errno.errorcode[error.errno]
        for path in ("/proc/irq", "/proc/bus", "/proc/fs"):
            if os.path.exists(path):
                result[path] = bool(os.statvfs(path).f_flag & os.ST_RDONLY)
        try:
            syscalls.umount2("/proc/keys")
            result["umount"] = "unmounted"
        except OSError as error:
            result["umount"] = errno.errorcode[error.errno]
        return result

    status, seen = runner.run(observe)
    assert status == 0
    assert seen.pop("/proc/sys/kernel/hostname") == "EROFS"
    assert seen.pop("/proc/sysrq-trigger", "EROFS") == "EROFS"
    assert seen.pop("umount") == "EPERM"
    masked = {name: size for name, size in seen.items() if not name.startswith("/")}
    assert masked and set(masked.values()) == {0}
    read_only = {path: ro for path, ro in seen.items() if path.startswith("/")}
    assert read_only and all(read_only.values())


# T11
def test_dev_holds_exactly_the_minimal_nodes_and_mknod_is_refused(
    runner: Runner,
) -> None:
    def observe():
        try:
            os.mknod("/dev/sda", stat.S_IFBLK | 0o600, os.makedev(8, 0))
            made = "made"
        except OSError as error:
            made = errno.errorcode[error.errno]
        links = {name: os.readlink(f"/dev/{name}") for name in ("fd", "stdin", "ptmx")}
        null_is_char = stat.S_ISCHR(os.stat("/dev/null").st_mode)
        return [sorted(os.listdir("/dev")), made, links, null_is_char]

    status, (names, made, links, null_is_char) = runner.run(observe)
    assert status == 0
    expected = {"null", "zero", "full", "random", "urandom", "tty", "fuse"}
    expected = {name for name in expected if os.path.exists(f"/dev/{name}")}
    expected |= {"pts", "ptmx", "shm", "mqueue", "fd", "stdin", "stdout", "stderr"}
    assert set(names) == expected  # stdin is not a tty here: no console
    assert made == "EPERM"
    assert links == {
        "fd": "/proc/self/fd",
        "stdin": "/proc/self/fd/0",
        "ptmx": "pts/ptmx",
    }
    assert null_is_char


def test_new_devpts_instance_gives_ptys(runner: Runner) -> None:
    def observe():
        master, slave = os.openpty()
        return os.ttyname(slave)

    assert runner.run(observe) == (0, "/dev/pts/0")


# T14
def test_container_mounts_do_not_reach_the_host(runner: Runner) -> None:
    before = host_mountinfo()
    tmp = FileSystemSpec("none", "/tmp", "tmpfs")
    status, _ = runner.run(lambda: None, [tmp, bind_spec("/usr", read_only=True)])
    assert status == 0
    assert host_mountinfo() == before


# T15
def test_capabilities_are_the_documented_set(runner: Runner) -> None:
    def observe():
        return status_fields("CapBnd", "CapEff", "CapPrm", "CapInh", "CapAmb")

    status, caps = runner.run(observe)
    mask = sum(1 << number for number in CONTAINER_CAPABILITIES.values())
    assert status == 0
    assert int(caps["CapBnd"], 16) == mask == 0xA00425FB
    assert int(caps["CapEff"], 16) == mask
    assert int(caps["CapPrm"], 16) == mask
    assert int(caps["CapInh"], 16) == 0
    assert int(caps["CapAmb"], 16) == 0


# T16
def test_no_new_privileges_and_setuid_binary_gains_nothing(
    runner: Runner, tmp_path: Path, usr_mounts: list
) -> None:
    suid = tmp_path / "suid"
    suid.mkdir()
    (suid / "id").write_bytes(Path("/usr/bin/id").read_bytes())
    (suid / "id").chmod(0o4755)

    def observe():
        no_new_privs = status_fields("NoNewPrivs")["NoNewPrivs"]
        is_setuid = bool(os.stat("/suid/id").st_mode & stat.S_ISUID)
        nosuid_mount = bool(os.statvfs("/suid").f_flag & os.ST_NOSUID)
        os.setgid(1000)
        os.setuid(1000)
        output = subprocess.run(["/suid/id", "-u"], capture_output=True, text=True)
        return [no_new_privs, is_setuid, nosuid_mount, output.stdout.strip()]

    mounts = [*usr_mounts, bind_spec(str(suid), "/suid", read_only=True)]
    status, seen = runner.run(
        observe, mounts, host_uids=65536, populate_file_system=populate_usr_links
    )
    # The bit is there and the mount honours it: only no_new_privs stops it.
    assert (status, seen) == (0, ["1", True, False, "1000"])


# T25
def test_environment_is_cleared(
    runner: Runner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OSCDSL_SECRET", "leak")

    def observe():
        with open("/proc/self/environ", "rb") as file:
            return [dict(os.environ), file.read().decode()]

    status, (variables, block) = runner.run(observe)
    assert (status, variables) == (0, {})
    assert block.strip("\0") == ""  # the initial block is zeroed, not only unset


# T26
def test_only_standard_fds_are_open(runner: Runner) -> None:
    leaked = os.open("/dev/null", os.O_RDONLY)  # inheritable on purpose
    os.set_inheritable(leaked, True)

    def observe():
        listed = [int(fd) for fd in os.listdir("/proc/self/fd")]
        still_open = []
        for fd in listed:
            try:
                os.fstat(fd)
                still_open.append(fd)
            except OSError:
                pass  # the directory listing's own fd, closed by now
        return sorted(still_open)

    try:
        assert runner.run(observe) == (0, [0, 1, 2])
    finally:
        os.close(leaked)


# T28
def test_missing_bind_source_is_a_clear_error_and_leaves_nothing(
    runner: Runner, tmp_path: Path
) -> None:
    before = host_mountinfo()
    roots_before = set(
        Path(os.environ.get("TMPDIR", "/tmp")).glob("oscdsl-container.*")
    )
    with pytest.raises(ContainerError) as raised:
        call_with_container([bind_spec("/does/not/exist", "/x")], lambda: 0)
    assert (
        str(raised.value)
        == "cannot mount /does/not/exist on /x: No such file or directory"
    )
    assert isinstance(raised.value, BuildError) and raised.value.exit_code != 0
    assert host_mountinfo() == before
    roots_after = set(Path(os.environ.get("TMPDIR", "/tmp")).glob("oscdsl-container.*"))
    assert roots_after == roots_before


def test_mount_may_fail_lets_the_container_start(runner: Runner) -> None:
    spec = FileSystemSpec(
        "/does/not/exist", "/x", "none", frozenset({"bind-mount"}), mount_may_fail=True
    )
    assert runner.run(lambda: os.path.isdir("/x"), [spec]) == (0, False)


def test_mount_point_escaping_through_a_symlink_is_refused(tmp_path: Path) -> None:
    linked = tmp_path / "linked"
    linked.mkdir()
    (linked / "escape").symlink_to("/etc")
    mounts = [
        bind_spec(str(linked), "/linked"),
        FileSystemSpec("none", "/linked/escape", "tmpfs"),
    ]
    with pytest.raises(ContainerError, match="outside the container"):
        call_with_container(mounts, lambda: 0)


def test_unknown_file_system_flag_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown flags no-such-flag"):
        FileSystemSpec("none", "/x", "tmpfs", frozenset({"no-such-flag"}))


def test_starting_from_a_threaded_process_is_refused() -> None:
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        with pytest.raises(ContainerError, match="running 2 threads"):
            call_with_container([], lambda: 0)
    finally:
        stop.set()
        thread.join()


def test_container_starts_quickly_enough_for_the_suite(runner: Runner) -> None:
    # Not a benchmark (see bench/container_bench.py): a guard against a
    # setup step that hangs until some timeout.
    start = time.monotonic()
    assert runner.run(lambda: 1) == (0, 1)
    assert time.monotonic() - start < 5
