"""The room's own code, copied as source text into the candidate definition notebook.

The notebook must run where jupyter_smstudio is not installed, yet rebuild each candidate exactly as the room does;
copying the real definitions (read with `ast` from the modules the room runs) means it can never drift from them.
"""

from __future__ import annotations

import ast
import dataclasses
import inspect
import sys
from pathlib import Path
from types import ModuleType, SimpleNamespace
from typing import Any, Iterable, Optional, Union

# a module, or the path of one the notebook copies from without importing it (candidate_script.py pulls in serving)
Origin = Union[ModuleType, Path]


def _source(origin: Origin) -> str:
    return origin.read_text(encoding="utf-8") if isinstance(origin, Path) else inspect.getsource(origin)


def imports(modules: Iterable[Origin], code: str, extra: Iterable[str] = ()) -> str:
    """The modules' top-level imports that `code` uses, merged per module; relative imports and the package's own
    are left out (they name the room's code, which the notebook copies); `extra` import lines join them."""
    used = {node.id for node in ast.walk(ast.parse(code)) if isinstance(node, ast.Name)}
    plain: dict[str, None] = {}
    names: dict[str, dict[str, None]] = {}
    for module in modules:
        for node in ast.parse(_source(module)).body:
            if isinstance(node, ast.Import):
                plain.update({_alias(a): None for a in node.names if _bound(a) in used and not _own(a.name)})
            elif isinstance(node, ast.ImportFrom) and not node.level and node.module and not _own(node.module):
                found = {_alias(a): None for a in node.names if _bound(a) in used}
                if found:
                    names.setdefault(node.module, {}).update(found)
    lines = [f"import {name}" for name in plain] + [_from(source, imported) for source, imported in names.items()]
    lines += [line for line in extra if line not in lines]
    # the standard library, a blank line, the rest; `import` lines before `from` lines: isort's order
    stdlib = sorted((line for line in lines if _stdlib(line.split()[1])), key=_order)
    others = sorted((line for line in lines if not _stdlib(line.split()[1])), key=_order)
    return "\n\n".join("\n".join(group) for group in (stdlib, others) if group)


def _order(line: str) -> tuple[bool, str]:
    return line.startswith("from "), line.split()[1]


def _from(source: str, imported: dict[str, None]) -> str:
    line = f"from {source} import {', '.join(sorted(imported))}"
    if len(line) <= LINE:
        return line
    return f"from {source} import (\n" + "".join(f"    {name},\n" for name in sorted(imported)) + ")"


def _stdlib(module: str) -> bool:
    return module.split(".")[0] in sys.stdlib_module_names


LINE = 120  # longer lines of copied values and imports are wrapped, one item per line (the project's width)


def _own(module: str) -> bool:
    return module == "__future__" or module.split(".")[0] == __name__.split(".")[0]


def _alias(alias: ast.alias) -> str:
    return alias.name if alias.asname is None else f"{alias.name} as {alias.asname}"


def _bound(alias: ast.alias) -> str:
    """The name an import binds: `np` for `import numpy as np`, `importlib` for `import importlib.util`."""
    return alias.asname or alias.name.split(".")[0]


def definitions(module: Origin, names: Optional[Iterable[str]] = None) -> str:
    """The source of the module's top-level definitions named (all of them when None), in the module's order, each
    with the comment above it; annotated constants lose their annotation (it may name a type not copied)."""
    source = _source(module)
    lines = source.splitlines()
    wanted = None if names is None else set(names)
    blocks: list[str] = []
    previous = False  # whether the last block copied was a function or a class
    for node in ast.parse(source).body:
        defined = _defined_names(node)
        if not defined or (wanted is not None and not wanted & set(defined)):
            continue
        if wanted is not None:
            wanted -= set(defined)
        text = _comment_above(lines, _first_line(node)) + _text(source, lines, node)
        if blocks:
            # two blank lines around functions and classes, as in a module; constants stay together
            spaced = isinstance(node, (ast.FunctionDef, ast.ClassDef)) or previous or text.startswith("#")
            blocks.append("\n\n\n" if spaced else "\n")
        blocks.append(text)
        previous = isinstance(node, (ast.FunctionDef, ast.ClassDef))
    if wanted:
        raise KeyError(f"{getattr(module, '__name__', module)} defines no {', '.join(sorted(wanted))}")
    return "".join(blocks)


def _defined_names(node: ast.stmt) -> list[str]:
    """The names a top-level statement defines: a function, a class, or the targets of an assignment."""
    if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
        return [node.name]
    if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None:
        return [node.target.id]
    if isinstance(node, ast.Assign) and len(node.targets) == 1:
        target = node.targets[0]
        parts = target.elts if isinstance(target, ast.Tuple) else [target]  # `_TRUE, _FALSE = ...`
        if all(isinstance(part, ast.Name) for part in parts):
            return [part.id for part in parts if isinstance(part, ast.Name)]
    return []


def _first_line(node: ast.stmt) -> int:
    decorators: list[ast.expr] = getattr(node, "decorator_list", [])
    return min([node.lineno] + [d.lineno for d in decorators])


def _comment_above(lines: list[str], first: int) -> str:
    start = first - 1  # 0-based index of the definition's first line
    while start > 0 and lines[start - 1].lstrip().startswith("#"):
        start -= 1
    return "".join(line + "\n" for line in lines[start : first - 1])


def _text(source: str, lines: list[str], node: ast.stmt) -> str:
    if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None:
        return f"{node.target.id} = {ast.get_source_segment(source, node.value)}"
    end = node.end_lineno or node.lineno
    return "\n".join(lines[_first_line(node) - 1 : end])


def literal(value: Any, indent: int = 0, column: int = 0) -> str:
    """Python source for a value (numbers, strings, lists, tuples, dicts, dataclasses, namespaces), broken one item
    per line as a code formatter would when it does not fit; `column` is where it starts, `indent` its line's indent."""
    inline = _inline(value)
    if column + len(inline) <= LINE:
        return inline
    inner = indent + 4
    items: list[str]
    if _keywords(value) is not None:
        opening, closing = f"{type(value).__name__}(", ")"
        items = [_item(f"{name}=", item, inner) for name, item in (_keywords(value) or {}).items()]
    elif isinstance(value, dict):
        opening, closing = "{", "}"
        items = [_item(f"{_inline(key)}: ", item, inner) for key, item in value.items()]
    elif isinstance(value, (list, tuple)):
        opening, closing = ("[", "]") if isinstance(value, list) else ("(", ")")
        items = [_item("", item, inner) for item in value]
    else:
        return inline
    return opening + "\n" + "".join(f"{' ' * inner}{item},\n" for item in items) + " " * indent + closing


def _item(prefix: str, value: Any, indent: int) -> str:
    return prefix + literal(value, indent, indent + len(prefix))


def _inline(value: Any) -> str:
    keywords = _keywords(value)
    if keywords is not None:
        arguments = ", ".join(f"{name}={_inline(item)}" for name, item in keywords.items())
        return f"{type(value).__name__}({arguments})"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_inline(key)}: {_inline(item)}" for key, item in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_inline(item) for item in value) + "]"
    if isinstance(value, tuple):
        inner = ", ".join(_inline(item) for item in value)
        return f"({inner},)" if len(value) == 1 else f"({inner})"
    return repr(value)


def _keywords(value: Any) -> Optional[dict[str, Any]]:
    """The constructor's keyword arguments of a dataclass instance or a SimpleNamespace; None for other values."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
    if isinstance(value, SimpleNamespace):
        return dict(vars(value))
    return None
