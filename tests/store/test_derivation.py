"""Derivations: ATerm text, parsing back, and output and .drv paths as Nix has them."""

from __future__ import annotations

import hashlib

import pytest
from oscdsl.errors import BuildError
from oscdsl.store import derivation as d

# The example below was instantiated by Nix 2.x on x86_64-linux; the paths are
# the ones Nix printed for it.
FOD_OUT = "/nix/store/3lx7snlm14n3a6sm39x05m85hic3f9xy-simple-fod"
FOD_DRV = "/nix/store/1g48s6lkc0cklvm2wk4kr7ny2hiwd4f1-simple-fod.drv"
SIMPLE_OUT = "/nix/store/n4sa1zr7y8y60wgsn1abyj52ksg1qjqc-simple"
SIMPLE_DRV = "/nix/store/cf6b516yzc4xbm6ddg9b9mklqmxk2ili-simple.drv"
HELLO_SHA256 = "d2a84f4b8b650937ec8f73cd8be2c74add5a911ba64df27458ed8229da804a26"


def simple_fod() -> d.Derivation:
    return d.Derivation(
        outputs={"out": d.DerivationOutput(FOD_OUT, "sha256", HELLO_SHA256)},
        system="x86_64-linux",
        builder="/bin/sh",
        args=["-c", 'echo "Hello World" > "$out"\n'],
        env={
            "builder": "/bin/sh",
            "name": "simple-fod",
            "out": FOD_OUT,
            "outputHash": "sha256-0qhPS4tlCTfsj3PNi+LHSt1akRumTfJ0WO2CKdqASiY=",
            "system": "x86_64-linux",
        },
    )


def test_fixed_output_derivation_has_the_drv_path_nix_printed():
    assert d.derivation_path(simple_fod(), "/nix/store") == FOD_DRV


def test_dependent_derivation_gets_the_output_and_drv_paths_nix_printed():
    drv = d.make_derivation(
        "simple",
        "/bin/sh",
        "/nix/store",
        {FOD_DRV: simple_fod()}.__getitem__,
        args=["-c", f'cat {FOD_OUT} > "$out"\n'],
        input_derivations={FOD_DRV: ["out"]},
    )
    assert drv.outputs["out"].path == SIMPLE_OUT
    assert drv.env["out"] == SIMPLE_OUT
    assert d.derivation_path(drv, "/nix/store") == SIMPLE_DRV


def test_hash_modulo_writes_input_hashes_and_blanks_outputs():
    drv = d.Derivation(
        outputs={"out": d.DerivationOutput("")},
        input_derivations={FOD_DRV: ["out"]},
        builder="/bin/sh",
        env={"out": ""},
    )
    fod_hash = hashlib.sha256(
        f"fixed:out:sha256:{HELLO_SHA256}:{FOD_OUT}".encode()
    ).hexdigest()
    expected = (
        'Derive([("out","","","")],[("' + fod_hash + '",["out"])],[],'
        '"x86_64-linux","/bin/sh",[],[("out","")])'
    )
    got = d.hash_modulo(drv, {FOD_DRV: simple_fod()}.__getitem__, mask_outputs=True)
    assert got == hashlib.sha256(expected.encode()).digest()


def test_aterm_is_written_as_nix_writes_it():
    drv = d.Derivation(
        outputs={
            "out": d.DerivationOutput("/s/aaa-x"),
            "dev": d.DerivationOutput("/s/bbb-x-dev"),
        },
        input_derivations={"/s/ddd-y.drv": ["out", "lib"], "/s/ccc-z.drv": ["out"]},
        input_sources=["/s/fff-src", "/s/eee-src"],
        system="x86_64-linux",
        builder="/bin/sh",
        args=["-c", 'say "hi"\n\tdone\\'],
        env={"z": "1", "a": "line\r\n"},
    )
    assert d.to_aterm(drv) == (
        'Derive([("dev","/s/bbb-x-dev","",""),("out","/s/aaa-x","","")],'
        '[("/s/ccc-z.drv",["out"]),("/s/ddd-y.drv",["lib","out"])],'
        '["/s/eee-src","/s/fff-src"],"x86_64-linux","/bin/sh",'
        '["-c","say \\"hi\\"\\n\\tdone\\\\"],[("a","line\\r\\n"),("z","1")])'
    )


def test_aterm_round_trips_through_the_parser():
    drv = d.Derivation(
        outputs={"out": d.DerivationOutput("/s/aaa-x", "r:sha256", "00ff")},
        input_derivations={"/s/ddd-y.drv": ["lib", "out"]},
        input_sources=["/s/eee-src"],
        builder="/bin/sh",
        args=["", 'quote " back \\ nl \n cr \r tab \t é ✓'],
        env={"k": "v\\n not a newline"},
    )
    text = d.to_aterm(drv)
    assert d.read_derivation(text) == drv
    assert d.to_aterm(d.read_derivation(text)) == text


@pytest.mark.parametrize(
    "text", ["", "Derive(", 'Derive([("out","/x","","")]', 'Derive([],[],[],"s")']
)
def test_malformed_aterm_is_a_build_error(text):
    with pytest.raises(BuildError, match="malformed derivation"):
        d.read_derivation(text, "broken.drv")


def test_second_output_path_is_named_after_the_output():
    drv = d.make_derivation(
        "pkg", "/bin/sh", "/gnu/store", {}.__getitem__, outputs=["out", "doc"]
    )
    assert drv.outputs["doc"].path.endswith("-pkg-doc")
    assert drv.outputs["out"].path.endswith("-pkg")
    assert drv.env["doc"] == drv.outputs["doc"].path
