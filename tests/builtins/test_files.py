"""File-system, environment and process primitives, checked against GNU Guile
3.0.8 and the documented behaviour of ``(guix build utils)``."""

import os

import pytest
from oscdsl.builtins import files  # noqa: F401  (registers the primitives)
from oscdsl.builtins.registry import ROOT, TABLES
from oscdsl.datums import EOF, UNSPECIFIED, Keyword, Symbol, list_to_python
from oscdsl.errors import SchemeError

P = TABLES[ROOT]
UTILS = TABLES[("guix", "build", "utils")]


def system_error(callable_, *args):
    """Return the condition of the system-error that calling CALLABLE_ raises."""
    with pytest.raises(SchemeError) as caught:
        callable_(*args)
    condition = caught.value.payload
    assert condition.kind is Symbol("system-error")
    return condition


def test_getenv_setenv_unsetenv(monkeypatch):
    monkeypatch.delenv("OSCDSL_TEST_VAR", raising=False)
    assert P["getenv"]("OSCDSL_TEST_VAR") is False
    assert P["setenv"]("OSCDSL_TEST_VAR", "v") is UNSPECIFIED
    assert P["getenv"]("OSCDSL_TEST_VAR") == "v"
    P["setenv"]("OSCDSL_TEST_VAR", False)
    assert P["getenv"]("OSCDSL_TEST_VAR") is False
    P["setenv"]("OSCDSL_TEST_VAR", "w")
    P["unsetenv"]("OSCDSL_TEST_VAR")
    assert "OSCDSL_TEST_VAR" not in os.environ


def test_environ_lists_name_value_strings(monkeypatch):
    monkeypatch.setenv("OSCDSL_TEST_VAR", "a=b")
    assert "OSCDSL_TEST_VAR=a=b" in list_to_python(P["environ"]())


def test_mkdir_and_errors_name_the_operation(tmp_path):
    directory = str(tmp_path / "d")
    assert P["mkdir"](directory) is UNSPECIFIED
    assert P["file-exists?"](directory) is True
    assert P["file-is-directory?"](directory) is True
    condition = system_error(P["mkdir"], directory)
    assert condition.who == "mkdir"
    assert condition.message == "File exists"
    assert condition.irritants == [directory]
    condition = system_error(P["mkdir"], str(tmp_path / "nope" / "x"))
    assert condition.message == "No such file or directory"


def test_mkdir_with_mode(tmp_path):
    directory = str(tmp_path / "m")
    P["mkdir"](directory, 0o700)
    assert P["stat:perms"](P["stat"](directory)) == 0o700


def test_file_is_directory_of_missing_file_is_a_stat_error(tmp_path):
    condition = system_error(P["file-is-directory?"], str(tmp_path / "none"))
    assert condition.who == "stat"
    assert UTILS["directory-exists?"](str(tmp_path / "none")) is False
    assert UTILS["directory-exists?"](str(tmp_path)) is True


def test_delete_rename_copy(tmp_path):
    f, g, h = (str(tmp_path / name) for name in "fgh")
    P["call-with-output-file"](f, lambda port: P["display"]("hello", port))
    P["copy-file"](f, g)
    P["rename-file"](g, h)
    assert open(h).read() == "hello"
    assert P["file-exists?"](g) is False
    assert system_error(P["rename-file"], g, h).who == "rename-file"
    assert system_error(P["copy-file"], g, h).who == "copy-file"
    P["delete-file"](h)
    assert system_error(P["delete-file"], h).message == "No such file or directory"
    assert system_error(P["delete-file"], str(tmp_path)).message == "Is a directory"
    assert system_error(P["rmdir"], f).message == "Not a directory"


def test_symlink_readlink_lstat_and_canonicalize(tmp_path):
    f, link = str(tmp_path / "f"), str(tmp_path / "l")
    open(f, "w").close()
    P["symlink"]("f", link)
    assert system_error(P["symlink"], "f", link).message == "File exists"
    assert P["readlink"](link) == "f"
    assert system_error(P["readlink"], f).message == "Invalid argument"
    assert P["stat:type"](P["lstat"](link)) is Symbol("symlink")
    assert P["stat:type"](P["stat"](link)) is Symbol("regular")
    assert P["canonicalize-path"](str(tmp_path / ".." / tmp_path.name / "l")) == f
    missing = str(tmp_path / "none")
    assert system_error(P["canonicalize-path"], missing).who == "canonicalize-path"


def test_stat_is_guiles_vector_of_18_fields(tmp_path):
    f = str(tmp_path / "f")
    with open(f, "w") as file:
        file.write("hello")
    P["chmod"](f, 0o600)
    result = P["stat"](f)
    assert len(result) == 18
    assert P["stat:type"](result) is Symbol("regular")
    assert P["stat:size"](result) == 5
    assert P["stat:mode"](result) == 0o100600
    assert P["stat:perms"](result) == 0o600
    assert P["stat:mtime"](result) == int(os.stat(f).st_mtime)
    assert result[13] is Symbol("regular")
    assert P["stat:type"](P["stat"](str(tmp_path))) is Symbol("directory")
    assert P["stat:type"](P["stat"]("/dev/null")) is Symbol("char-special")


def test_stat_of_missing_file_errors_or_returns_false(tmp_path):
    missing = str(tmp_path / "none")
    condition = system_error(P["stat"], missing)
    assert condition.irritants == [missing]
    assert P["stat"](missing, False) is False
    with pytest.raises(SchemeError, match="string"):
        P["stat"](Symbol("x"))


def test_scandir_sorts_and_includes_dot_entries(tmp_path):
    for name in ("b", "a", ".hidden"):
        open(tmp_path / name, "w").close()
    names = list_to_python(P["scandir"](str(tmp_path)))
    assert names == [".", "..", ".hidden", "a", "b"]
    visible = P["scandir"](str(tmp_path), lambda name: not name.startswith("."))
    assert list_to_python(visible) == ["a", "b"]
    backwards = P["scandir"](str(tmp_path), lambda n: True, lambda a, b: a > b)
    assert list_to_python(backwards)[0] == "b"
    assert P["scandir"](str(tmp_path / "none")) is False


def test_opendir_readdir(tmp_path):
    open(tmp_path / "x", "w").close()
    stream = P["opendir"](str(tmp_path))
    names = []
    while (name := P["readdir"](stream)) is not EOF:
        names.append(name)
    P["closedir"](stream)
    assert sorted(names) == [".", "..", "x"]


@pytest.mark.parametrize(
    "path, expected",
    [
        ("/a/b/c.scm", "c.scm"),
        ("/a/b/", "b/"),
        ("a/b//", "b//"),
        ("/", "/"),
        ("", ""),
        ("abc", "abc"),
        ("a//b", "b"),
    ],
)
def test_basename_keeps_trailing_slashes_like_guile(path, expected):
    assert P["basename"](path) == expected


def test_basename_strips_a_suffix():
    assert P["basename"]("/a/b/c.scm", ".scm") == "c"
    assert P["basename"](".scm", ".scm") == ""
    assert P["basename"]("x.scm/", ".scm") == "x.scm/"


@pytest.mark.parametrize(
    "path, expected",
    [
        ("/a/b/c", "/a/b"),
        ("/a/b/", "/a"),
        ("c", "."),
        ("/", "/"),
        ("/a", "/"),
        ("a/b", "a"),
        ("//a//b//", "//a"),
        ("", "."),
        ("///", "/"),
        ("a//b", "a"),
    ],
)
def test_dirname(path, expected):
    assert P["dirname"](path) == expected


def test_getcwd_and_chdir(tmp_path, monkeypatch):
    monkeypatch.chdir(os.getcwd())
    P["chdir"](str(tmp_path))
    assert P["getcwd"]() == str(tmp_path)
    assert system_error(P["chdir"], str(tmp_path / "none")).who == "chdir"


def test_process_identity():
    assert P["getpid"]() == os.getpid()
    assert P["getuid"]() == os.getuid()
    assert P["geteuid"]() == os.geteuid()
    assert P["getgid"]() == os.getgid()
    assert isinstance(P["gethostname"](), str)
    assert isinstance(P["current-time"](), int)


def test_system_and_system_star_return_wait_statuses():
    assert P["system"]("exit 3") == 768
    assert P["system"]("true") == 0
    assert P["system*"]("sh", "-c", "exit 2") == 512
    assert P["system*"]("/nonexistent-program") == 32512
    assert P["system"]() is True
    assert P["status:exit-val"](768) == 3


def test_mkdir_p_is_in_root_and_guix_build_utils(tmp_path):
    assert P["mkdir-p"] is UTILS["mkdir-p"]
    deep = str(tmp_path / "a" / "b" / "c")
    P["mkdir-p"](deep)
    P["mkdir-p"](deep)
    assert os.path.isdir(deep)
    open(tmp_path / "file", "w").close()
    assert system_error(P["mkdir-p"], str(tmp_path / "file")).who == "mkdir"


def test_copy_recursively_copies_files_and_links_and_logs(tmp_path):
    source = tmp_path / "src"
    (source / "sub").mkdir(parents=True)
    (source / "sub" / "f").write_text("x")
    (source / "top").write_text("y")
    os.symlink("top", source / "link")
    log = P["open-output-string"]()
    target = str(tmp_path / "dst")
    UTILS["copy-recursively"](str(source), target, Keyword("log"), log)
    assert open(os.path.join(target, "sub", "f")).read() == "x"
    assert os.readlink(os.path.join(target, "link")) == "top"
    assert f"`{source}/top' -> `{target}/top'\n" in P["get-output-string"](log)


def test_copy_recursively_rejects_unknown_keywords(tmp_path):
    with pytest.raises(SchemeError, match="Unrecognized keyword"):
        UTILS["copy-recursively"](str(tmp_path), str(tmp_path), Keyword("nope"), 1)


def test_delete_file_recursively_removes_a_tree_and_ignores_missing(tmp_path):
    tree = tmp_path / "tree"
    (tree / "a").mkdir(parents=True)
    (tree / "a" / "f").write_text("x")
    os.symlink("/", tree / "link-to-root")
    UTILS["delete-file-recursively"](str(tree))
    assert not tree.exists()
    UTILS["delete-file-recursively"](str(tree))


def test_which_finds_programs_on_path():
    assert UTILS["which"]("sh").endswith("/sh")
    assert UTILS["which"]("no-such-program-oscdsl") is False


def test_mkdtemp_creates_a_fresh_directory(tmp_path):
    made = P["mkdtemp"](str(tmp_path / "workXXXXXX"))
    assert os.path.isdir(made) and os.path.basename(made).startswith("work")
    assert system_error(P["mkdtemp"], str(tmp_path / "bad")).who == "mkdtemp"
