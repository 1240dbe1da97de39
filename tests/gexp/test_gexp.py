"""(guix gexp): lowering, derivations, scripts and the file-like objects, built
for real in a temporary store."""

from __future__ import annotations

import os
import subprocess

import pytest
from oscdsl.api import to_python
from oscdsl.errors import BuildError, SchemeError
from oscdsl.gexp.lower import build_lowered, lower_gexp, lower_object
from oscdsl.gexp.objects import Gexp


def counting_builds(store) -> list[str]:
    """Make STORE record each builder it runs; return the list it appends to."""
    runs: list[str] = []
    original = store.sandbox

    def sandbox(job):
        runs.append(job.drv_path)
        return original(job)

    store.sandbox = sandbox
    return runs


def test_lowering_substitutes_paths_of_nested_gexps_and_file_likes(scheme, store):
    gexp = scheme(
        """
        (define a (plain-file "a.txt" "A"))
        (define b (plain-file "b.txt" "B"))
        (define inner #~(inner #$b))
        #~(outer #$a #$inner #~(deep #$@(list 1 a)) (quote #$(list 'x "y")))
        """
    )
    lowered = lower_gexp(store, gexp)
    a_path = store.add_text("a.txt", "A")
    b_path = store.add_text("b.txt", "B")
    assert to_python(lowered.sexp) == [
        "outer",
        a_path,
        ["inner", b_path],
        ["deep", 1, a_path],
        ["quote", ["x", "y"]],
    ]
    assert lowered.sources == {a_path, b_path}


def test_output_references_become_output_variables(scheme, store):
    gexp = scheme('#~(list #$output (ungexp output "doc"))')
    assert isinstance(gexp, Gexp)
    assert gexp.outputs() == ["out", "doc"]
    sexp = to_python(lower_gexp(store, gexp).sexp)
    assert sexp == ["list", ["getenv", "out"], ["getenv", "doc"]]


def test_gexp_to_derivation_builds_what_the_builder_writes(scheme, store_env):
    result = scheme(
        """
        (define note (plain-file "note" "noted"))
        (with-store store
          (run-with-store store
            (mlet* %store-monad
                ((drv (gexp->derivation "writer"
                        #~(call-with-output-file #$output
                            (lambda (port)
                              (display "built with " port)
                              (display #$note port)))))
                 (ok (built-derivations (list drv))))
              (return (list (derivation-file-name drv)
                            (derivation->output-path drv)
                            (derivation? drv))))))
        """
    )
    drv_file, out, is_drv = to_python(result)
    assert drv_file.endswith("-writer.drv") and is_drv is True
    with open(out) as file:
        text = file.read()
    assert text.startswith("built with " + store_env + "/")
    assert text.endswith("-note")


def test_gexp_to_script_makes_an_executable_that_runs(scheme, store_env):
    path = scheme(
        """
        (with-store store
          (let ((drv (run-with-store store
                       (gexp->script "greet"
                         #~(begin (display "hi ")
                                  (display (cadr (command-line)))
                                  (newline))))))
            (build-derivations store (list drv))
            (derivation->output-path drv)))
        """
    )
    assert os.access(path, os.X_OK)
    with open(path) as file:
        assert file.readline().startswith("#!" + store_env + "/")
    result = subprocess.run([path, "there"], capture_output=True, text=True, env={})
    assert result.returncode == 0, result.stderr
    assert result.stdout == "hi there\n"


def test_file_union_links_each_file(scheme, store):
    union = scheme(
        """
        (file-union "etc"
          `(("hosts" ,(plain-file "hosts" "127.0.0.1 localhost\n"))
            ("ssh/sshd_config" ,(plain-file "sshd_config" "Port 22\n"))))
        """
    )
    out = build_lowered(store, lower_object(store, union))
    with open(os.path.join(out, "hosts")) as file:
        assert file.read() == "127.0.0.1 localhost\n"
    link = os.path.join(out, "ssh", "sshd_config")
    assert os.path.islink(link)
    assert os.readlink(link) == store.add_text("sshd_config", "Port 22\n")
    assert store.references(out) == {
        store.add_text("hosts", "127.0.0.1 localhost\n"),
        store.add_text("sshd_config", "Port 22\n"),
    }


def test_computed_file_mixed_text_file_and_file_append(scheme, store):
    objects = scheme(
        """
        (define base (computed-file "tree"
                       #~(begin (mkdir #$output)
                                (mkdir (string-append #$output "/bin"))
                                (call-with-output-file
                                    (string-append #$output "/bin/tool")
                                  (lambda (port) (display "tool" port))))))
        (list base (mixed-text-file "conf" "tool=" (file-append base "/bin/tool")))
        """
    )
    base, conf = to_python(objects)
    base_out = build_lowered(store, lower_object(store, base))
    conf_out = build_lowered(store, lower_object(store, conf))
    with open(conf_out) as file:
        assert file.read() == f"tool={base_out}/bin/tool"
    assert store.references(conf_out) == {base_out}


def test_local_file_is_relative_to_the_config(scheme, store, tmp_path):
    config_dir = tmp_path / "config"
    config_dir.mkdir()
    (config_dir / "motd").write_text("welcome\n")
    config = config_dir / "system.scm"
    config.write_text('(use-modules (guix gexp))\n(local-file "motd")\n')
    from oscdsl.api import Interpreter

    other = tmp_path / "elsewhere"
    other.mkdir()
    cwd = os.getcwd()
    os.chdir(other)
    try:
        local = Interpreter().eval_file(config)
    finally:
        os.chdir(cwd)
    path = lower_object(store, local).path
    assert path.endswith("-motd")
    with open(path) as file:
        assert file.read() == "welcome\n"


def test_local_file_that_is_missing_is_reported_with_its_location(scheme):
    with pytest.raises(SchemeError, match="no-such-file.*not found") as info:
        scheme('\n(local-file "no-such-file")', "/tmp/cfg.scm")
    assert info.value.loc.line == 3


def test_lowering_twice_gives_the_same_path_and_a_rebuild_does_nothing(
    scheme, store_env
):
    from oscdsl.store import Store

    union = scheme(
        """
        (file-union "pair" `(("one" ,(plain-file "one" "1"))
                             ("two" ,(scheme-file "two.scm" #~(list 2)))))
        """
    )
    with Store() as first:
        runs = counting_builds(first)
        lowered = lower_object(first, union)
        assert lower_object(first, union) is lowered
        out = build_lowered(first, lowered)
        assert len(runs) == 2
    with Store() as second:
        runs = counting_builds(second)
        again = lower_object(second, union)
        assert again.path == out
        assert again.derivation.file_name == lowered.derivation.file_name
        build_lowered(second, again)
        assert runs == []


def test_an_unlowerable_value_is_named_with_the_gexp_location(scheme, store):
    gexp = scheme("\n(define (helper) 1)\n#~(list #$helper)", "/tmp/config.scm")
    with pytest.raises(SchemeError) as info:
        lower_gexp(store, gexp)
    assert "#<procedure helper>" in str(info.value)
    assert (info.value.loc.source, info.value.loc.line) == ("/tmp/config.scm", 4)


def test_a_failed_build_shows_the_log_tail_and_its_path(scheme, store):
    failing = scheme('(computed-file "fails" #~(begin (display "step 1") (exit 3)))')
    with pytest.raises(BuildError) as info:
        build_lowered(store, lower_object(store, failing))
    message = str(info.value)
    assert "fails.drv failed with exit code 3" in message
    assert "step 1" in message
    assert "full log: " in message
    assert not store.is_valid(lower_object(store, failing).path)


def test_with_imported_modules_puts_modules_on_the_builder_load_path(
    scheme, store, tmp_path
):
    (tmp_path / "mylib").mkdir()
    (tmp_path / "mylib" / "greet.scm").write_text(
        "(define-module (mylib greet) #:export (greeting))\n"
        '(define (greeting) "hello from a module")\n'
    )
    from oscdsl.api import Interpreter

    computed = Interpreter([str(tmp_path)]).eval_string(
        """
        (use-modules (guix gexp))
        (with-imported-modules '((mylib greet))
          (computed-file "greeted"
            #~(begin (use-modules (mylib greet))
                     (call-with-output-file #$output
                       (lambda (port) (display (greeting) port))))))
        """
    )
    out = build_lowered(store, lower_object(store, computed))
    with open(out) as file:
        assert file.read() == "hello from a module"


def test_gexp_predicates_and_approximate_sexp(scheme):
    result = scheme(
        """
        (define f (plain-file "f" "x"))
        (list (gexp? #~1) (file-like? f) (file-like? "str")
              (gexp->approximate-sexp #~(a #$f #$(+ 1 2))))
        """
    )
    assert to_python(result) == [True, True, False, ["a", ["*approximate*"], 3]]
