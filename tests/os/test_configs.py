# Scheme snippets are kept on one line each where that reads best.
# ruff: noqa: E501
"""Configurations as people write them: what an evaluator meets beyond the
templates, each shape in a config written here."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import MINIMAL_OS, GnuInterpreter
from oscdsl.errors import SchemeError

HEADER = "(use-modules (gnu))\n" + MINIMAL_OS


def write(directory: Path, name: str, text: str) -> Path:
    path = directory / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def host_name(gnu, value) -> str:
    gnu.interpreter.system.current.define(
        __import__("oscdsl.datums", fromlist=["Symbol"]).Symbol("%value"), value
    )
    return gnu.py("(operating-system-host-name %value)")


def test_value_is_the_last_form_a_variable(gnu, tmp_path):
    path = write(tmp_path, "c.scm", HEADER + "(define my-os base-os)\nmy-os\n")
    assert host_name(gnu, gnu.file(path)) == "base"


def test_if_on_getenv_chooses_the_system(gnu, tmp_path, monkeypatch):
    monkeypatch.setenv("OSCDSL_TEST_HOST", "laptop")
    text = HEADER + (
        '(if (equal? (getenv "OSCDSL_TEST_HOST") "laptop")\n'
        '    (operating-system (inherit base-os) (host-name "laptop"))\n'
        "    base-os)\n"
    )
    assert host_name(gnu, gnu.file(write(tmp_path, "c.scm", text))) == "laptop"


def test_composed_os_transformers_and_inherit_chain(gnu, tmp_path):
    text = (
        HEADER
        + """
(define (with-ssh os)
  (operating-system
    (inherit os)
    (services (cons (service guix-service-type) (operating-system-user-services os)))))
(define (renamed os)
  (operating-system (inherit os) (host-name (string-append "x-" (operating-system-host-name os)))))
(define middle (operating-system (inherit base-os) (timezone "Europe/Paris")))
(define top (operating-system (inherit middle) (locale "fr_FR.utf8")))
((compose renamed with-ssh) top)
"""
    )
    gnu.eval("(define %value #f)")
    value = gnu.file(write(tmp_path, "c.scm", text))
    assert host_name(gnu, value) == "x-base"
    assert gnu.py("(operating-system-timezone %value)") == "Europe/Paris"
    assert gnu.py("(operating-system-locale %value)") == "fr_FR.utf8"


def test_load_and_primitive_load_relative_paths(gnu, tmp_path):
    write(
        tmp_path,
        "parts/users.scm",
        '(define my-users (list (user-account (name "u") (group "users"))))',
    )
    write(tmp_path, "parts/name.scm", '(define my-name "loaded")')
    text = HEADER + (
        '(load "parts/users.scm")\n'
        '(primitive-load (string-append (dirname (current-filename)) "/parts/name.scm"))\n'
        "(operating-system (inherit base-os) (host-name my-name) (users my-users))\n"
    )
    assert host_name(gnu, gnu.file(write(tmp_path, "c.scm", text))) == "loaded"


def test_user_modules_with_load_path_and_add_to_load_path(tmp_path):
    write(
        tmp_path,
        "lib/my/os.scm",
        """
(define-module (my os)
  #:use-module (gnu)
  #:export (named))
(define (named os name)
  "Return OS called NAME."
  (operating-system (inherit os) (host-name name)))
""",
    )
    write(
        tmp_path,
        "more/my/extra.scm",
        '(define-module (my extra) #:export (suffix))\n(define suffix "-e")\n',
    )
    text = HEADER + (
        '(add-to-load-path (string-append (dirname (current-filename)) "/more"))\n'
        "(use-modules (my os) (my extra))\n"
        '(named base-os (string-append "mod" suffix))\n'
    )
    gnu = GnuInterpreter([str(tmp_path / "lib")])
    assert host_name(gnu, gnu.file(write(tmp_path, "c.scm", text))) == "mod-e"


def test_both_api_eras(gnu, capsys):
    gnu.eval(
        '(define old (bootloader-configuration (bootloader grub-bootloader) (target "/dev/sda")))'
        '(define new (bootloader-configuration (bootloader grub-bootloader) (targets \'("/dev/sda"))))'
    )
    assert gnu.py("(bootloader-configuration-targets old)") == ["/dev/sda"]
    assert gnu.py("(bootloader-configuration-targets new)") == ["/dev/sda"]
    gnu.eval(
        '(define t (file-system (device "root") (title (quote label)) (mount-point "/") (type "ext4")))'
    )
    assert gnu.py("(file-system-label->string (file-system-device t))") == "root"
    gnu.eval(MINIMAL_OS)
    gnu.eval(
        "(define s (operating-system (inherit base-os)"
        ' (swap-devices (list "/dev/sda2" (uuid "4dab5feb-d176-45de-b287-9b0a6e4c01cb")'
        ' (swap-space (target "/swapfile"))))))'
    )
    assert len(gnu.py("(map swap-space-target (operating-system-swap-devices s))")) == 3
    gnu.eval("(define n (nscd-service))")
    err = capsys.readouterr().err
    assert "'target' is deprecated" in err
    assert "'nscd-service' is deprecated; use (service nscd-service-type)" in err


def test_modify_services_on_desktop_services_and_other_os(gnu):
    gnu.eval("(use-service-modules desktop networking xorg)")
    gnu.eval(MINIMAL_OS)
    gnu.eval(
        "(define d (modify-services %desktop-services"
        " (delete gdm-service-type)"
        " (network-manager-service-type c => c)))"
        "(define other (operating-system (inherit base-os) (services d)))"
        "(define mine (modify-services (operating-system-user-services other)"
        " (delete ntp-service-type)))"
    )
    names = gnu.py("(map (compose service-type-name service-kind) mine)")
    assert "gdm" not in names and "ntp" not in names and "network-manager" in names


def test_essential_services_with_modify_services_of_this_operating_system(gnu):
    gnu.eval(MINIMAL_OS)
    gnu.eval("(use-modules (gnu system))")
    gnu.eval(
        "(define e (operating-system (inherit base-os)"
        " (essential-services (modify-services"
        " (operating-system-default-essential-services this-operating-system)"
        " (delete (service-kind %linux-bare-metal-service))))))"
    )
    names = gnu.py(
        "(map (compose service-type-name service-kind) (operating-system-essential-services e))"
    )
    assert "linux-bare-metal" not in names and "firmware" in names


def test_define_record_type_star_in_a_user_file(gnu, tmp_path):
    text = """(use-modules (guix records))
(define-record-type* <machine> machine make-machine machine?
  (name machine-name) (cores machine-cores (default 2)))
(machine-cores (machine (name "m")))
"""
    assert gnu.file(write(tmp_path, "c.scm", text)) == 2


def test_mcron_jobs_as_gexps(gnu):
    gnu.eval("(use-service-modules mcron)")
    gnu.eval(
        '(define job #~(job "5 0 * * *" "updatedb"))'
        "(define s (service mcron-service-type (mcron-configuration (jobs (list job)))))"
    )
    assert gnu.py("(length (mcron-configuration-jobs (service-value s)))") == 1


def test_evaluation_time_procedures(gnu, tmp_path):
    assert gnu.py('(string? (getenv "PATH"))') is True
    assert gnu.py(f'(file-exists? "{tmp_path}")') is True
    assert "-linux" in gnu.py("(%current-system)")
    assert gnu.py('(supported-package? (specification->package "bash"))') is True
    assert gnu.py('(crypt "secret" "$6$salt$")').startswith("$6$salt$")


def test_reader_details_in_configs(gnu):
    assert gnu.py('(string-length "\\x1b[0m")') == 4
    assert gnu.py('"a\\\n   b"') == "ab"
    assert gnu.py("(list #true #false)") == [True, False]
    assert gnu.py("(vector-ref (cadr '(a #(1 2))) 1)") == 2
    assert gnu.py(
        '(keyboard-layout-options (keyboard-layout "us" "altgr-intl" #:options \'("ctrl:nocaps")))'
    ) == ["ctrl:nocaps"]


def test_package_without_its_module_gets_a_hint(gnu):
    gnu.eval(MINIMAL_OS)
    with pytest.raises(SchemeError) as info:
        gnu.eval("(operating-system (inherit base-os) (packages (list screen)))")
    assert "(gnu packages screen)" in (info.value.payload.hint or "")


def test_channel_module_not_on_the_load_path(gnu):
    with pytest.raises(SchemeError) as info:
        gnu.eval("(use-modules (nongnu packages linux))")
    assert "no code for module (nongnu packages linux)" in str(info.value)
    assert "-L" in (info.value.payload.hint or "")


def test_use_package_modules_names_a_missing_module(gnu):
    with pytest.raises(SchemeError) as info:
        gnu.eval("(use-package-modules no-such-thing)")
    assert "(gnu packages no-such-thing)" in str(info.value)
