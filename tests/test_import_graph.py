"""The import graph, read from the source with `ast` (nothing is imported, no QGIS needed).

- No cycle among the plugin's modules (the repository root's modules, core/, processing/, ui/), nor
  among the scripts of tools/ and bench/ (they import each other by file name).
- The layers of DESIGN.md: core/ imports neither QGIS nor Qt nor any other layer of the plugin;
  processing/ never imports ui/.

Module-level imports are what runs at import time, so only they can make a cycle fail: "module-level"
is every import statement outside a function body (class bodies, `if` and `try` blocks included),
except under `if TYPE_CHECKING:`. An import inside a function runs later and cannot fail that way,
but a cycle through one still ties two modules together: the stricter check counts them too. Imports
under `if TYPE_CHECKING:` never run (type annotations only) and make no cycle; the layer checks look
at every import wherever it is, those included.
"""
import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = "ecospace"                        # the name QGIS gives the repository root
PACKAGES = ("core", "processing", "ui")     # the plugin's sub-packages
SCRIPT_DIRS = ("tools", "bench")            # folders of scripts that import each other by file name
QT_AND_QGIS = ("qgis", "PyQt5", "PyQt6", "PyQt", "sip")


def plugin_modules():
    """{dotted module name: path} of the shipped plugin: ecospace, ecospace.plugin, ecospace.core.zones, ..."""
    modules = {}
    for path in sorted(ROOT.glob("*.py")):
        modules[PACKAGE if path.stem == "__init__" else "{}.{}".format(PACKAGE, path.stem)] = path
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            if parts[-1] == "__init__":
                parts = parts[:-1]
            modules[".".join((PACKAGE,) + parts)] = path
    return modules


def script_modules(folder):
    """{file name without .py: path} of a folder of scripts."""
    return {path.stem: path for path in sorted((ROOT / folder).glob("*.py"))}


def _is_type_checking(test):
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or \
        (isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


MODULE, FUNCTION, TYPING = "module", "function", "typing"   # where an import statement is


def imports(path):
    """[(imported name, level, [names], where)] of every import statement in a file.

    For `from X import a, b` the names are [a, b]; for `import X` they are []. level is the number
    of leading dots of a relative import; where is MODULE, FUNCTION (inside a function body) or
    TYPING (under `if TYPE_CHECKING:`).
    """
    found = []

    def visit(node, where):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)) and where == MODULE:
            where = FUNCTION
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            for child in node.body:
                visit(child, TYPING)
            for child in node.orelse:
                visit(child, where)
            return
        if isinstance(node, ast.Import):
            found.extend((alias.name, 0, [], where) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            found.append((node.module or "", node.level, [a.name for a in node.names], where))
        for child in ast.iter_child_nodes(node):
            visit(child, where)

    visit(ast.parse(path.read_text(encoding="utf-8"), filename=str(path)), MODULE)
    return found


def resolve(module, path, name, level, names, known):
    """The modules of `known` that an import statement of `module` (file `path`) loads."""
    if level:
        package = module if path.name == "__init__.py" else module.rpartition(".")[0]
        for _ in range(level - 1):
            package = package.rpartition(".")[0]
        base = "{}.{}".format(package, name) if name else package
    else:
        base = name
    targets = ["{}.{}".format(base, n) for n in names if "{}.{}".format(base, n) in known]  # from pkg import mod
    if len(targets) < len(names) or not names:     # from mod import thing, or import mod
        while base and base not in known:          # import a.b.c: the deepest module of ours
            base = base.rpartition(".")[0]
        if base:
            targets.append(base)
    return [t for t in targets if t != module]


def graph(modules, module_level_only):
    """{module: {imported module of `modules`}}: imports that run (never those for type checkers)."""
    counted = (MODULE,) if module_level_only else (MODULE, FUNCTION)
    edges = {}
    for module, path in modules.items():
        edges[module] = set()
        for name, level, names, where in imports(path):
            if where in counted:
                edges[module].update(resolve(module, path, name, level, names, modules))
    return edges


def cycles(edges):
    """Every strongly connected component of more than one module (Tarjan), each sorted."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def connect(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                connect(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(edges):
        if v not in index:
            connect(v)
    return sorted(found)


def describe(found, edges):
    lines = []
    for component in found:
        members = set(component)
        lines.append(" <-> ".join(component) + ": " + "; ".join(
            "{} -> {}".format(a, ", ".join(sorted(edges[a] & members))) for a in component))
    return "\n".join(lines)


GROUPS = {"plugin": plugin_modules}
GROUPS.update({folder: (lambda folder=folder: script_modules(folder)) for folder in SCRIPT_DIRS})


@pytest.mark.parametrize("group", sorted(GROUPS))
@pytest.mark.parametrize("module_level_only", [True, False], ids=["module-level", "with-function-level"])
def test_no_import_cycle(group, module_level_only):
    edges = graph(GROUPS[group](), module_level_only)
    found = cycles(edges)
    assert not found, "import cycles in {}:\n{}".format(group, describe(found, edges))


def _every_import(prefix):
    """[(module, imported name)] of every import, anywhere, in the plugin modules under `prefix`."""
    modules = plugin_modules()
    out = []
    for module, path in modules.items():
        if module == prefix or module.startswith(prefix + "."):
            for name, level, names, _ in imports(path):
                targets = resolve(module, path, name, level, names, modules)
                out.append((module, name if not level else None, targets))
    return out


def test_core_imports_no_qgis_nor_other_layers():
    core = PACKAGE + ".core"
    bad = []
    for module, absolute, targets in _every_import(core):
        if absolute and absolute.split(".")[0] in QT_AND_QGIS + (PACKAGE,):
            bad.append((module, absolute))
        bad += [(module, t) for t in targets if not t.startswith(core + ".") and t != core]
    assert not bad, "core/ must import no QGIS, no Qt and no other layer of the plugin: {}".format(bad)


def test_processing_never_imports_ui():
    ui = PACKAGE + ".ui"
    bad = [(module, t) for module, _, targets in _every_import(PACKAGE + ".processing")
           for t in targets if t == ui or t.startswith(ui + ".")]
    assert not bad, "processing/ must not import ui/: {}".format(bad)


def test_the_graph_sees_imports():
    """The parser itself: relative imports resolve to modules, a cycle is found."""
    modules = plugin_modules()
    edges = graph(modules, module_level_only=True)
    assert PACKAGE + ".core.units_common" in edges[PACKAGE + ".core.unit_check"]
    assert PACKAGE + ".compat" in edges[PACKAGE + ".processing.algorithms.units_classify"]  # from ... import compat
    assert PACKAGE + ".processing.io" in edges[PACKAGE + ".processing.algorithms.siting_check"]  # from .. import io
    assert PACKAGE + ".plugin" not in edges[PACKAGE]                                 # inside classFactory
    assert PACKAGE + ".plugin" in graph(modules, module_level_only=False)[PACKAGE]
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_where_an_import_is(tmp_path):
    source = tmp_path / "m.py"
    source.write_text("import a\nfrom typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from . import b\n"
                      "else:\n    import c\nclass K:\n    import d\ndef f():\n    from .e import x\n",
                      encoding="utf-8")
    assert [(name, level, where) for name, level, _, where in imports(source)] == [
        ("a", 0, MODULE), ("typing", 0, MODULE), ("", 1, TYPING), ("c", 0, MODULE), ("d", 0, MODULE),
        ("e", 1, FUNCTION)]
