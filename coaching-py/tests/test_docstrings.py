"""Every public name of `coaching` is documented where `help()` and editors look.

At run time: each public class and function of the package, and each method, property and enum
member a public class defines itself, has a non-empty ``__doc__`` (for the compiled classes it
comes from the `///` comments of coaching-py/src, for the enums from the table in enums.rs, for
the exceptions from coaching/_errors.py). In the generated stubs: each public class and function
of ``_coaching.pyi`` (and each of its methods and properties), and each enum of ``_enums.pyi``,
has a docstring.
"""

from __future__ import annotations

import ast
import enum
import inspect
import pathlib

import pytest

import coaching


def _public_names(module) -> list[str]:
    names = getattr(module, "__all__", None)
    if names is None:
        names = [n for n in vars(module) if not n.startswith("_")]
    return list(names)


def _documented(obj) -> bool:
    doc = getattr(obj, "__doc__", None)
    return isinstance(doc, str) and doc.strip() != ""


def _is_dunder(name: str) -> bool:
    return name.startswith("__") and name.endswith("__")


def _own_members(cls: type):
    """(name, object whose ``__doc__`` help() shows) for each public name `cls` defines itself."""
    for name, raw in vars(cls).items():
        if name.startswith("_"):  # dunders (pyo3's and object's) and private helpers
            continue
        if isinstance(cls, enum.EnumMeta):
            member = getattr(cls, name)
            if isinstance(member, cls):
                yield name, member
                continue
        if isinstance(raw, (staticmethod, classmethod)):
            yield name, raw.__func__
        else:
            # Methods, properties (pyo3's getset descriptors, Python's `property`), attributes.
            yield name, raw


def _undocumented_runtime() -> list[str]:
    missing = []
    for name in _public_names(coaching):
        if _is_dunder(name):  # `__version__`
            continue
        obj = getattr(coaching, name)
        if not (inspect.isclass(obj) or callable(obj)):
            continue
        if not _documented(obj):
            missing.append(name)
        if inspect.isclass(obj):
            for member, target in _own_members(obj):
                if not _documented(target):
                    missing.append(f"{name}.{member}")
    return missing


def test_the_package_has_a_docstring():
    assert _documented(coaching)


def test_every_public_name_has_a_docstring():
    missing = _undocumented_runtime()
    assert not missing, f"{len(missing)} public names without a docstring:\n  " + "\n  ".join(missing)


def test_the_walk_sees_methods_properties_and_enum_members():
    """Guards the test above against walking nothing: it must reach each kind of member."""
    reached = {f"{cls.__name__}.{m}" for cls in (coaching.Coaching, coaching.Session, coaching.Actor, coaching.Status)
               for m, _ in _own_members(cls)}
    for expected in ["Coaching.book_session", "Coaching.max_file_bytes", "Session.start", "Session.status",
                     "Actor.coach", "Actor.kind", "Status.ACTIVE"]:
        assert expected in reached


# --- The generated stubs ---------------------------------------------------------------------


def _stub(name: str) -> ast.Module:
    path = pathlib.Path(coaching.__file__).parent / name
    if not path.is_file():
        pytest.skip(f"no {name} beside the installed package (stubs are written at build time)")
    try:
        return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    except SyntaxError as e:  # a layout this test cannot read reliably
        pytest.skip(f"{name} does not parse: {e}")


def _docstring(node: ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) -> str:
    return (ast.get_docstring(node, clean=True) or "").strip()


def _is_setter(node: ast.AST) -> bool:
    # `@name.setter`: the property's docstring is the getter's.
    return any(isinstance(d, ast.Attribute) and d.attr in ("setter", "deleter") for d in getattr(node, "decorator_list", []))


def _undocumented_defs(body: list[ast.stmt], prefix: str = "") -> list[str]:
    """Public classes and functions of `body` without a docstring (an overloaded function counts
    as documented when any of its signatures is)."""
    defs: dict[str, list[ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef]] = {}
    for node in body:
        if isinstance(node, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and not node.name.startswith("_"):
            if _is_setter(node):
                continue
            defs.setdefault(node.name, []).append(node)
    return [prefix + name for name, nodes in defs.items() if not any(_docstring(n) for n in nodes)]


def test_the_stub_documents_every_public_class_and_function():
    stub = _stub("_coaching.pyi")
    names = {n.name for n in stub.body if isinstance(n, (ast.ClassDef, ast.FunctionDef))}
    if not {"Coaching", "open"} <= names:
        pytest.skip("the stub does not define its classes and functions at module level")
    missing = _undocumented_defs(stub.body)
    assert not missing, "_coaching.pyi: no docstring for " + ", ".join(missing)


def test_the_stub_documents_every_public_method_and_property():
    stub = _stub("_coaching.pyi")
    missing = []
    for node in stub.body:
        if isinstance(node, ast.ClassDef) and not node.name.startswith("_"):
            missing += _undocumented_defs(node.body, prefix=f"{node.name}.")
    assert not missing, f"_coaching.pyi: {len(missing)} members without a docstring:\n  " + "\n  ".join(missing)


def test_the_enum_stubs_are_documented():
    stub = _stub("_enums.pyi")
    classes = [n for n in stub.body if isinstance(n, ast.ClassDef)]
    if not classes:
        pytest.skip("_enums.pyi defines no classes")
    missing = [c.name for c in classes if not _docstring(c)]
    assert not missing, "_enums.pyi: no docstring for " + ", ".join(missing)
