# Scheme snippets are kept on one line each where that reads best.
# ruff: noqa: E501
"""containerized-operating-system: each rule of the reference module, and the
later Guix fixes (slash-terminated prefixes, UUID and label devices, essential
services of the containerized system, dummy loopback, nscd, guix chroot)."""

from __future__ import annotations

import pytest
from conftest import MINIMAL_OS


def mount_points(gnu, os_expr: str) -> list[str]:
    return gnu.py(
        f"(map file-system-mount-point (operating-system-file-systems {os_expr}))"
    )


def kinds(gnu, services_expr: str) -> list[str]:
    return gnu.py(f"(map (compose service-type-name service-kind) {services_expr})")


@pytest.fixture
def gnu_os(gnu):
    gnu.eval(MINIMAL_OS)
    gnu.eval("(use-modules (gnu system linux-container))")
    return gnu


def containerize(gnu, fs_list: str, network: bool = False) -> None:
    """Define c-os: base-os with FS_LIST as file systems, containerized."""
    gnu.eval(
        f"""
(define user-os (operating-system (inherit base-os) (file-systems {fs_list})))
(define c-os (containerized-operating-system
              user-os (list %store-mapping)
              #:shared-network? {"#t" if network else "#f"}
              #:extra-file-systems %container-file-systems))"""
    )


def fs(mount_point: str, device: str = '"/dev/sdb1"', fs_type: str = "ext4") -> str:
    return f'(file-system (mount-point "{mount_point}") (device {device}) (type "{fs_type}"))'


@pytest.mark.parametrize(
    "mount_point, device, kept",
    [
        ("/", '(file-system-label "root")', False),
        ("/data", '"/dev/sdb1"', False),
        ("/dev/hugepages", '"none"', False),
        ("/sys/kernel/debug", '"none"', False),
        ("/devel", '"none"', True),
        ("/sysroot", '"none"', True),
        ("/data", '(uuid "4dab5feb-d176-45de-b287-9b0a6e4c01cb")', True),
        ("/data", '(file-system-label "data")', True),
        ("/proc/sys/fs/binfmt_misc", '"binfmt_misc"', True),
    ],
)
def test_user_file_system_filter(gnu_os, mount_point, device, kept):
    containerize(gnu_os, f"(list {fs(mount_point, device)})")
    assert (mount_point in mount_points(gnu_os, "c-os")) is kept or mount_point == "/"


def test_store_file_system_is_removed_and_mapped_back(gnu_os):
    containerize(gnu_os, "(list %immutable-store)")
    store = gnu_os.py("(%store-prefix)")
    assert mount_points(gnu_os, "c-os").count(store) == 1
    flags = gnu_os.py(
        "(file-system-flags (find (lambda (fs) (string=? (file-system-mount-point fs)"
        " (%store-prefix))) (operating-system-file-systems c-os)))"
    )
    assert flags == ["bind-mount", "read-only"]


def test_root_is_replaced_by_a_dummy_that_is_never_mounted(gnu_os):
    root = fs("/", '(file-system-label "r")')
    containerize(gnu_os, f"(list {root})")
    assert gnu_os.py(
        "(map file-system-type (filter (lambda (fs) (string=? (file-system-mount-point fs)"
        ' "/")) (operating-system-file-systems c-os)))'
    ) == ["dummy"]


def test_mapping_becomes_read_only_bind_needed_for_boot(gnu_os):
    gnu_os.eval(
        '(define m (file-system-mapping (source "/srv") (target "/mnt")))'
        '(define w (file-system-mapping (source "/srv") (target "/w") (writable? #t)))'
        "(define c-os (containerized-operating-system base-os (list m w)))"
    )
    result = gnu_os.py(
        "(map (lambda (fs) (list (file-system-mount-point fs) (file-system-flags fs)"
        " (file-system-needed-for-boot? fs))) (list-head (operating-system-file-systems c-os) 2))"
    )
    assert result == [
        ["/mnt", ["bind-mount", "read-only"], True],
        ["/w", ["bind-mount"], True],
    ]


def test_container_file_systems_are_added_only_when_asked(gnu_os):
    gnu_os.eval("(define plain (containerized-operating-system base-os '()))")
    assert "/dev/mqueue" not in mount_points(gnu_os, "plain")
    containerize(gnu_os, "%base-file-systems")
    points = mount_points(gnu_os, "c-os")
    assert points.count("/dev/pts") == 1 and "/dev/mqueue" in points


def test_swap_is_disabled(gnu_os):
    gnu_os.eval(
        "(define s (operating-system (inherit base-os)"
        ' (swap-devices (list (swap-space (target "/swapfile"))))))'
        "(define c-os (containerized-operating-system s '()))"
    )
    assert gnu_os.py("(operating-system-swap-devices c-os)") == []
    assert "swap" not in kinds(gnu_os, "(operating-system-essential-services c-os)")


def test_tty_services_and_static_networking_are_replaced(gnu_os):
    containerize(gnu_os, "%base-file-systems")
    names = kinds(gnu_os, "(operating-system-user-services c-os)")
    for removed in ("console-font", "mingetty", "agetty", "static-networking"):
        assert removed not in names
    assert names[0] == "dummy-networking"
    assert gnu_os.py("(service-value (car (operating-system-user-services c-os)))") == [
        "loopback"
    ]


def test_shared_network_drops_network_services_and_host_files(gnu_os):
    gnu_os.eval(
        "(use-service-modules networking)"
        "(define n (operating-system (inherit base-os)"
        " (services (cons (service dhcpcd-service-type) %base-services))))"
        "(define c-os (containerized-operating-system n '() #:shared-network? #t))"
    )
    assert "dhcpcd" not in kinds(gnu_os, "(operating-system-user-services c-os)")
    assert gnu_os.py("(service-value (car (operating-system-user-services c-os)))") == [
        "loopback",
        "networking",
    ]
    essential = kinds(gnu_os, "(operating-system-essential-services c-os)")
    assert "hosts" not in essential
    etc = gnu_os.py(
        "(map car (service-value (find (lambda (s) (eq? (service-kind s) etc-service-type))"
        " (operating-system-essential-services c-os))))"
    )
    assert "resolv.conf" not in etc and "hostname" in etc
    assert "/etc/resolv.conf" in mount_points(gnu_os, "c-os")


def test_without_shared_network_dhcpcd_and_hosts_stay(gnu_os):
    gnu_os.eval(
        "(use-service-modules networking)"
        "(define n (operating-system (inherit base-os)"
        " (services (cons (service dhcpcd-service-type) %base-services))))"
        "(define c-os (containerized-operating-system n '()))"
    )
    assert "dhcpcd" in kinds(gnu_os, "(operating-system-user-services c-os)")
    assert "hosts" in kinds(gnu_os, "(operating-system-essential-services c-os)")


def test_nscd_caches_shrink_and_guix_chroot_default_becomes_false(gnu_os):
    containerize(gnu_os, "%base-file-systems")
    sizes = gnu_os.py(
        "(map nscd-cache-max-database-size (nscd-configuration-caches (service-value"
        " (find (lambda (s) (eq? (service-kind s) nscd-service-type))"
        " (operating-system-user-services c-os)))))"
    )
    assert sizes == [262144, 262144]
    assert (
        gnu_os.py(
            "(guix-configuration-chroot? (service-value (find (lambda (s) (eq? (service-kind s)"
            " guix-service-type)) (operating-system-user-services c-os))))"
        )
        is False
    )


def test_explicit_guix_chroot_is_kept(gnu_os):
    gnu_os.eval(
        "(define g (operating-system (inherit base-os)"
        " (services (list (service guix-service-type (guix-configuration (chroot? #t)))))))"
        "(define c-os (containerized-operating-system g '()))"
    )
    assert (
        gnu_os.py(
            "(guix-configuration-chroot? (service-value (cadr (operating-system-user-services c-os))))"
        )
        is True
    )


def test_essential_services_come_from_the_containerized_system(gnu_os):
    data, srv = fs("/data", '"/dev/sdb1"'), fs("/srv", '"none"', "tmpfs")
    containerize(gnu_os, f"(list {data} {srv})")
    mounted = gnu_os.py(
        "(map file-system-mount-point (service-value (find (lambda (s) (eq? (service-kind s)"
        " file-system-service-type)) (operating-system-essential-services c-os))))"
    )
    assert mounted == ["/srv"]
    essential = kinds(gnu_os, "(operating-system-essential-services c-os)")
    assert "firmware" not in essential and "linux-bare-metal" not in essential
    assert essential.count("system") == 1
    assert gnu_os.py(
        "(map car (service-value (car (operating-system-essential-services c-os))))"
    ) == ["locale"]


def test_users_essential_services_are_the_starting_point(gnu_os):
    gnu_os.eval(
        "(define e (operating-system (inherit base-os)"
        " (essential-services (modify-services"
        " (operating-system-default-essential-services this-operating-system)"
        ' (host-name-service-type name => (string-append name "-x"))))))'
        "(define c-os (containerized-operating-system e '()))"
    )
    assert (
        gnu_os.py(
            "(service-value (find (lambda (s) (eq? (service-kind s) host-name-service-type))"
            " (operating-system-essential-services c-os)))"
        )
        == "base-x"
    )


def test_desktop_boot_efi_is_kept_as_a_non_boot_file_system(gnu):
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    os_record = gnu.file(root / "examples" / "lightweight-desktop.scm")
    gnu.interpreter.system.current.define(
        __import__("oscdsl.datums", fromlist=["Symbol"]).Symbol("desktop"), os_record
    )
    gnu.eval("(use-modules (gnu system linux-container))")
    gnu.eval("(define c-os (containerized-operating-system desktop '()))")
    assert "/boot/efi" in mount_points(gnu, "c-os")
    assert (
        gnu.py(
            "(file-system-needed-for-boot? (find (lambda (fs) (string=? (file-system-mount-point fs)"
            ' "/boot/efi")) (operating-system-file-systems c-os)))'
        )
        is False
    )


def test_kernel_is_a_dummy(gnu_os):
    containerize(gnu_os, "%base-file-systems")
    assert (
        gnu_os.py("(package-name (operating-system-kernel c-os))")
        == "dummy-linux-kernel"
    )
