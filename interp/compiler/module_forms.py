"""Module syntax: define-module, use-modules, @, @@, define-public, export.

Interface specs follow Guile: ``(module name)`` or ``((module name)
#:select (a (b . c)) #:prefix p: #:renamer proc #:hide (x))``.
"""

from __future__ import annotations

from typing import Any

from ..datums import NIL, UNSPECIFIED, Keyword, Pair, Symbol, list_to_python
from ..errors import scheme_error
from ..modules.module import Cell, Module
from ..modules.system import parse_module_name
from ..runtime.procedures import call
from .core import Node, compile_expr, form_list, special, syntax_error
from .definitions import define_global_node, definition_parts
from .scope import Scope, strip


def system_of(scope: Scope):
    return scope.module.system


def interface_of(spec: Any, scope: Scope, form: Any) -> dict[Symbol, Any]:
    """Return the bindings the interface SPEC imports: {local name: binding}."""
    system = system_of(scope)
    if type(spec) is Pair and type(spec.car) is Pair:
        name = parse_module_name(spec.car)
        options = list_to_python(spec.cdr)
    else:
        name, options = parse_module_name(spec), []
    module = system.resolve(name)
    interface = module.public_interface()
    for keyword, value in zip(options[::2], options[1::2], strict=False):
        if keyword is Keyword("renamer"):
            from .core import run_toplevel

            value = run_toplevel(value, scope.module)
        interface = apply_option(interface, keyword, value, name, form)
    return interface


def apply_option(
    interface: dict, keyword: Any, value: Any, name: Any, form: Any
) -> dict:
    """Return INTERFACE filtered or renamed by one use-module option."""
    if keyword is Keyword("select"):
        selected = {}
        for item in list_to_python(value):
            original, local = (
                (item.car, item.cdr) if type(item) is Pair else (item, item)
            )
            original, local = strip(original), strip(local)
            if original not in interface:
                raise syntax_error(
                    f"{original.name} is not exported by ({' '.join(name)})", form
                )
            selected[local] = interface[original]
        return selected
    if keyword is Keyword("hide"):
        hidden = {strip(item) for item in list_to_python(value)}
        return {k: v for k, v in interface.items() if k not in hidden}
    if keyword is Keyword("prefix"):
        prefix = strip(value).name
        return {Symbol(prefix + k.name): v for k, v in interface.items()}
    if keyword is Keyword("renamer"):
        return {rename(value, k): v for k, v in interface.items()}
    if keyword is Keyword("version"):
        return interface
    raise syntax_error(f"unknown use-module option {keyword!r}", form)


def rename(renamer: Any, symbol: Symbol) -> Symbol:
    """Apply a #:renamer (a procedure, or a (symbol-prefix-proc 'p) value)."""
    result = call(renamer, symbol)
    if type(result) is not Symbol:
        raise scheme_error("wrong-type-arg", "renamer must return a symbol", result)
    return result


def import_into(module: Module, interface: dict[Symbol, Any]) -> None:
    """Make INTERFACE's bindings visible in MODULE."""
    module.imports.append(interface)
    # A name referenced before this import got an unbound local cell; let the
    # import win, as it would have had the import come first.
    for symbol in interface:
        binding = module.bindings.get(symbol)
        if type(binding) is Cell and binding.value is _unbound():
            del module.bindings[symbol]


def _unbound():
    from ..runtime.procedures import UNBOUND

    return UNBOUND


@special("use-modules")
def compile_use_modules(form: Pair, scope: Scope, tail: bool) -> Node:
    specs = form_list(form.cdr, form)
    # Import at compile time: the forms after this one are compiled against
    # the imported bindings (macros included).
    for spec in specs:
        import_into(scope.module, interface_of(spec, scope, form))
    return lambda frame: UNSPECIFIED


@special("define-module")
def compile_define_module(form: Pair, scope: Scope, tail: bool) -> Node:
    items = form_list(form, form)
    if len(items) < 2:
        raise syntax_error("bad define-module", form)
    system = system_of(scope)
    name = parse_module_name(items[1])
    module = system.module_named(name)
    module.filename = getattr(system.current, "filename", None) or module.filename
    options = items[2:]
    index = 0
    while index < len(options):
        keyword = options[index]
        value = options[index + 1] if index + 1 < len(options) else NIL
        index += 2
        if keyword is Keyword("use-module"):
            import_into(
                module, interface_of(value, Scope(None, scope.frame, module), form)
            )
        elif keyword in (
            Keyword("export"),
            Keyword("export-syntax"),
            Keyword("replace"),
        ):
            for item in list_to_python(value):
                module.exports.add(strip(item.car if type(item) is Pair else item))
        elif keyword is Keyword("re-export"):
            for item in list_to_python(value):
                module.exports.add(strip(item.car if type(item) is Pair else item))
        elif keyword in (
            Keyword("autoload"),
            Keyword("version"),
            Keyword("duplicates"),
        ):
            pass
        elif keyword in (Keyword("pure"), Keyword("no-backtrace")):
            index -= 1
        else:
            raise syntax_error(f"unknown define-module option {keyword!r}", form)
    system.current = module
    return lambda frame: UNSPECIFIED


@special("@", "@@")
def compile_module_ref(form: Pair, scope: Scope, tail: bool) -> Node:
    items = form_list(form, form)
    if len(items) != 3:
        raise syntax_error("bad module reference: expected (@ (module) name)", form)
    system = system_of(scope)
    module = system.resolve(parse_module_name(items[1]))
    name = strip(items[2])
    public = strip(items[0]).name == "@"
    binding = module.public_interface().get(name) if public else module.lookup(name)
    if binding is None:
        raise syntax_error(
            f"{name.name} is not {'exported by' if public else 'in'} module", form
        )
    if type(binding) is Cell:
        from .core import global_reference

        return global_reference(binding)
    raise syntax_error("a syntactic keyword cannot be referenced with @", form)


@special("define-public")
def compile_define_public(form: Pair, scope: Scope, tail: bool) -> Node:
    identifier, expression = definition_parts(form)
    scope.module.exports.add(strip(identifier))
    return define_global_node(identifier, expression, scope)


@special("export", "re-export", "export-syntax")
def compile_export(form: Pair, scope: Scope, tail: bool) -> Node:
    for item in form_list(form.cdr, form):
        scope.module.exports.add(strip(item.car if type(item) is Pair else item))
    return lambda frame: UNSPECIFIED


@special("eval-when")
def compile_eval_when(form: Pair, scope: Scope, tail: bool) -> Node:
    items = form_list(form, form)
    if len(items) < 2:
        raise syntax_error("bad eval-when", form)
    from .forms import keyword

    return compile_expr(Pair(keyword("begin"), form.cdr.cdr, form.loc), scope, tail)


@special("cond-expand")
def compile_cond_expand(form: Pair, scope: Scope, tail: bool) -> Node:
    from .forms import keyword

    for clause in form_list(form.cdr, form):
        if type(clause) is Pair and feature_holds(clause.car):
            return compile_expr(
                Pair(keyword("begin"), clause.cdr, form.loc), scope, tail
            )
    return lambda frame: UNSPECIFIED


FEATURES = {
    "guile",
    "guile-3",
    "r7rs",
    "srfi-1",
    "srfi-9",
    "srfi-26",
    "srfi-34",
    "else",
    "oscdsl",
}


def feature_holds(requirement: Any) -> bool:
    """Return whether a cond-expand REQUIREMENT holds here."""
    if type(requirement) is Symbol:
        return requirement.name in FEATURES
    if type(requirement) is Pair:
        head, rest = strip(requirement.car).name, list_to_python(requirement.cdr)
        if head == "and":
            return all(feature_holds(item) for item in rest)
        if head == "or":
            return any(feature_holds(item) for item in rest)
        if head == "not":
            return not feature_holds(rest[0])
        if head == "library":
            return True
    return False


@special("current-module")
def compile_current_module(form: Pair, scope: Scope, tail: bool) -> Node:
    module = scope.module
    return lambda frame: module


__all__ = ["Module"]


# ---------------------------------------------------------------------------
# Loading files and evaluating data


@special("current-filename")
def compile_current_filename(form: Pair, scope: Scope, tail: bool) -> Node:
    """Compile ``(current-filename)``: the file the form was read from, or #f."""
    source = form.loc.source if form.loc is not None else None
    name = source if source and not source.startswith("<") else False
    return lambda frame: name


def source_directory(form: Pair) -> str | None:
    """Return the directory of the file FORM was read from, if it came from one."""
    import os

    source = form.loc.source if form.loc is not None else None
    if source and not source.startswith("<"):
        return os.path.dirname(os.path.abspath(source))
    return None


@special("load")
def compile_load(form: Pair, scope: Scope, tail: bool) -> Node:
    """Compile ``(load FILE)``: a relative FILE is found beside the loading file."""
    return loader(form, scope, "load", source_directory(form))


@special("primitive-load")
def compile_primitive_load(form: Pair, scope: Scope, tail: bool) -> Node:
    """Compile ``(primitive-load FILE)``: FILE relative to the working directory."""
    return loader(form, scope, "primitive-load", None)


def loader(form: Pair, scope: Scope, who: str, directory: str | None) -> Node:
    """Return a node loading the file FORM names, relative paths beside DIRECTORY."""
    items = form_list(form, form)
    if len(items) != 2:
        raise syntax_error(f"bad {who}: expected ({who} file)", form)
    file = compile_expr(items[1], scope)
    system = system_of(scope)

    def load(frame: list) -> Any:
        import os

        name = file(frame)
        if not isinstance(name, str):
            raise scheme_error("wrong-type-arg", f"{who}: expected a file name", name)
        if directory is not None and not os.path.isabs(name):
            beside = os.path.join(directory, name)
            if os.path.exists(beside) or not os.path.exists(name):
                name = beside
        return system.load_file(name, system.current)

    return load


@special("add-to-load-path")
def compile_add_to_load_path(form: Pair, scope: Scope, tail: bool) -> Node:
    """Compile ``(add-to-load-path DIR)``: search DIR first for modules."""
    items = form_list(form, form)
    if len(items) != 2:
        raise syntax_error("bad add-to-load-path", form)
    directory = compile_expr(items[1], scope)
    system = system_of(scope)
    # Done now as well, so that a use-modules later in the same file, which
    # is resolved when it is compiled, already sees the directory.
    from .core import run_toplevel

    try:
        system.load_path.insert(0, str(run_toplevel(items[1], scope.module)))
    except Exception:  # evaluated again at run time, where errors are reported
        pass

    def add(frame: list) -> Any:
        path = directory(frame)
        if not isinstance(path, str):
            raise scheme_error(
                "wrong-type-arg", "add-to-load-path: expected a directory", path
            )
        if path not in system.load_path:
            system.load_path.insert(0, path)
        return UNSPECIFIED

    return add


@special("eval", "primitive-eval")
def compile_eval(form: Pair, scope: Scope, tail: bool) -> Node:
    """Compile ``(eval EXPR [MODULE])``: evaluate the datum EXPR in MODULE."""
    items = form_list(form, form)
    if len(items) not in (2, 3):
        raise syntax_error("bad eval: expected (eval expression [module])", form)
    expression = compile_expr(items[1], scope)
    environment = compile_expr(items[2], scope) if len(items) == 3 else None
    default = scope.module

    def evaluate(frame: list) -> Any:
        from .core import run_toplevel

        module = environment(frame) if environment is not None else default
        if not isinstance(module, Module):
            module = default
        return run_toplevel(expression(frame), module)

    return evaluate


@special("interaction-environment", "the-environment")
def compile_interaction_environment(form: Pair, scope: Scope, tail: bool) -> Node:
    module = scope.module
    return lambda frame: module


@special("resolve-module", "resolve-interface")
def compile_resolve_module(form: Pair, scope: Scope, tail: bool) -> Node:
    """Compile ``(resolve-module '(a b))``: the module named by the value."""
    items = form_list(form, form)
    if len(items) < 2:
        raise syntax_error("bad resolve-module", form)
    name = compile_expr(items[1], scope)
    system = system_of(scope)
    return lambda frame: system.resolve(parse_module_name(name(frame)))


@special("module-ref", "module-variable")
def compile_module_ref_procedure(form: Pair, scope: Scope, tail: bool) -> Node:
    """Compile ``(module-ref MODULE 'name)``: the value NAME has in MODULE."""
    items = form_list(form, form)
    if len(items) not in (3, 4):
        raise syntax_error("bad module-ref", form)
    module_node = compile_expr(items[1], scope)
    name_node = compile_expr(items[2], scope)

    def module_ref(frame: list) -> Any:
        module, name = module_node(frame), name_node(frame)
        binding = module.lookup(name) if isinstance(module, Module) else None
        if type(binding) is Cell and binding.value is not _unbound():
            return binding.value
        raise scheme_error(
            "unbound-variable", f"Unbound variable: {name!r}", who="module-ref"
        )

    return module_ref


@special("defined?")
def compile_defined(form: Pair, scope: Scope, tail: bool) -> Node:
    """Compile ``(defined? 'name [module])``: whether NAME is bound there."""
    items = form_list(form, form)
    if len(items) not in (2, 3):
        raise syntax_error("bad defined?", form)
    name_node = compile_expr(items[1], scope)
    module_node = compile_expr(items[2], scope) if len(items) == 3 else None
    default = scope.module

    def defined(frame: list) -> bool:
        name = name_node(frame)
        module = module_node(frame) if module_node is not None else default
        binding = module.lookup(name) if isinstance(module, Module) else None
        return binding is not None and not (
            type(binding) is Cell and binding.value is _unbound()
        )

    return defined
