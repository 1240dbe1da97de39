"""Building derivations: environment, order, references, failures, fixed outputs."""

from __future__ import annotations

import hashlib
import os

import pytest
from oscdsl.errors import BuildError
from oscdsl.store import hashing
from oscdsl.store.derivation import fixed_output

from .conftest import mode_of, sh_derivation


def out_of(store, drv_path, output="out"):
    return store.read_derivation(drv_path).outputs[output].path


def test_builder_gets_a_clean_environment_and_its_build_directory(store, tmp_path):
    script = "env | sort > $out; echo cwd=$(pwd) >> $out\n"
    drv = sh_derivation(store, "env", script, env={"greeting": "hi"})
    out = store.build([drv])[drv]["out"]
    env = dict(
        line.split("=", 1) for line in open(out).read().splitlines() if "=" in line
    )
    assert env["out"] == out
    assert env["HOME"] == "/homeless-shelter"
    assert env["greeting"] == "hi"
    assert env["NIX_BUILD_TOP"] == env["TMPDIR"] == env["cwd"]
    assert env["cwd"].startswith("/") and not os.path.exists(env["cwd"])
    assert "USER" not in env and "PYTEST_CURRENT_TEST" not in env


def test_default_path_is_not_set(store):
    nopath = store.derivation("nopath", "/bin/sh", ["-c", "echo $PATH > $out"])
    drv = store.write_derivation(nopath)
    out = store.build([drv])[drv]["out"]
    assert open(out).read() == "/path-not-set\n"


def test_inputs_are_built_first_and_references_are_found(store):
    lib = sh_derivation(store, "lib", "mkdir $out; echo lib > $out/data\n")
    unused = store.add_text("unused", "nobody refers to me")
    lib_out = out_of(store, lib)
    app = sh_derivation(
        store,
        "app",
        f"mkdir $out; ln -s {lib_out}/data $out/data; echo $out > $out/self\n",
        inputs={lib: ["out"]},
        sources=(unused,),
    )
    result = store.build([app])
    app_out = result[app]["out"]
    assert store.is_valid(lib_out)
    assert store.references(app_out) == {lib_out, app_out}
    assert store.path_info(app_out).deriver == app
    assert store.derivation_outputs(app) == {"out": app_out}
    assert mode_of(app_out) == 0o555


def test_multiple_outputs_are_registered_together(store):
    drv = sh_derivation(
        store, "multi", "echo main > $out; echo $out > $doc\n", outputs=("out", "doc")
    )
    outputs = store.build([drv])[drv]
    assert set(outputs) == {"out", "doc"}
    assert outputs["doc"].endswith("-multi-doc")
    assert store.references(outputs["doc"]) == {outputs["out"]}


def test_building_twice_runs_the_builder_once(store, tmp_path):
    # The counter is on the host, out of the sandbox's sight: run unsandboxed.
    store.sandbox = lambda job: job.argv
    counter = tmp_path / "runs"
    drv = sh_derivation(store, "once", f"echo run >> {counter}; echo x > $out\n")
    first = store.build([drv])
    assert store.build([drv]) == first
    assert counter.read_text() == "run\n"


def test_failed_build_leaves_nothing_valid_keeps_log_and_shows_its_tail(store):
    lines = "".join(f"echo line-{i}\n" for i in range(15))
    drv = sh_derivation(store, "broken", f"mkdir $out\n{lines}echo oops >&2\nexit 3\n")
    out = out_of(store, drv)
    with pytest.raises(BuildError) as info:
        store.build([drv])
    message = info.value.message
    assert drv in message and "exit code 3" in message
    assert "line-14" in message and "oops" in message and "line-4" not in message
    log_path = store.log_file(drv)
    assert f"full log: {log_path}" in message
    assert "line-0" in open(log_path).read()
    assert not store.is_valid(out) and not os.path.lexists(out)


def test_missing_output_is_a_build_error(store):
    drv = sh_derivation(store, "lazy", "echo nothing\n")
    with pytest.raises(BuildError, match="did not produce its output 'out'"):
        store.build([drv])
    assert not store.is_valid(out_of(store, drv))


def test_unrunnable_builder_is_a_build_error(store):
    drv = store.write_derivation(store.derivation("nobuilder", "/no/such/builder"))
    with pytest.raises(BuildError, match="cannot run the builder"):
        store.build([drv])


def test_fixed_output_is_checked_against_its_hash(store):
    good = hashlib.sha256(b"Hello World\n").digest()
    ok = fixed_output("greeting", "sha256", good, False, store.prefix)
    drv = sh_derivation(store, "greeting", 'echo "Hello World" > $out\n', fixed=ok)
    out = store.build([drv])[drv]["out"]
    assert out == hashing.store_path_for_fixed("greeting", good, store.prefix)

    bad = fixed_output("liar", "sha256", hashlib.sha256(b"x").digest(), False,
                       store.prefix)  # fmt: skip
    liar = sh_derivation(store, "liar", "echo something else > $out\n", fixed=bad)
    with pytest.raises(BuildError, match="hash mismatch"):
        store.build([liar])
    assert not store.is_valid(bad.path)


def test_unbuilt_input_derivation_is_built_through_the_chain(store):
    drvs = [sh_derivation(store, "step0", "echo 0 > $out\n")]
    for i in range(1, 5):
        prev = out_of(store, drvs[-1])
        drvs.append(sh_derivation(store, f"step{i}",
                                  f"cat {prev} > $out; echo {i} >> $out\n",
                                  inputs={drvs[-1]: ["out"]}))  # fmt: skip
    out = store.build([drvs[-1]])[drvs[-1]]["out"]
    assert open(out).read().split() == ["0", "1", "2", "3", "4"]
