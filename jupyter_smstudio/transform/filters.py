"""The JSONPath of batch transform's InputFilter and OutputFilter: the operators SageMaker documents for them
(https://docs.aws.amazon.com/sagemaker/latest/dg/batch-transform-data-processing.html), and only those.

`$` (the record), `.name` and `['name']` (a child), `['a','b']` (several children: an object of them), `*`
(every child), `[i]` (an element; negative from the end), `[i,j]`, `[a:b]` and their mix `[0,5:]` (a list of
elements). A CSV record is the list of its columns (`$[1:]` drops an ID column), a JSON record itself
(`$.features`). Written here because no maintained JSONPath library is installed with this package
(jsonpath-ng would be one); the documented subset is small and each path is parsed once per job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Union

_NAME = re.compile(r"[A-Za-z_][\w\-]*")
_INT = re.compile(r"-?\d+")


class FilterError(ValueError):
    """A record the path does not fit (a missing field, an index out of range)."""


@dataclass(frozen=True)
class _Child:
    name: str


@dataclass(frozen=True)
class _Children:
    names: tuple[str, ...]


@dataclass(frozen=True)
class _Elements:
    items: tuple[Union[int, slice], ...]


@dataclass(frozen=True)
class _Every:
    pass


_Step = Union[_Child, _Children, _Elements, _Every]


@dataclass(frozen=True)
class JsonPath:
    text: str
    steps: tuple[_Step, ...]

    @property
    def is_root(self) -> bool:
        return not self.steps

    def apply(self, record: Any) -> Any:
        value = record
        for step in self.steps:
            value = _apply(step, value, self.text)
        return value


def parse(text: str) -> JsonPath:
    """The path, or a ValueError saying what in it is not one of the documented operators."""
    if not text.startswith("$"):
        raise ValueError(f"a path starts with '$' (got {text!r})")
    steps: list[_Step] = []
    i = 1
    while i < len(text):
        if steps and not isinstance(steps[-1], _Child):
            # a selection of several values is a new list or object: nothing further selects inside it
            raise ValueError(f"{text!r}: only the last step may select several values")
        if text.startswith(".[", i):
            i += 1  # `$.a.['b','c']` is written so in SageMaker's examples
        if text[i] == ".":
            if text.startswith(".*", i):
                steps.append(_Every())
                i += 2
                continue
            m = _NAME.match(text, i + 1)
            if not m:
                raise ValueError(f"{text!r}: a field name is expected after '.' at {i}")
            steps.append(_Child(m.group(0)))
            i = m.end()
        elif text[i] == "[":
            end = text.find("]", i)
            if end < 0:
                raise ValueError(f"{text!r}: '[' at {i} is not closed")
            steps.append(_bracket(text[i + 1 : end].strip(), text))
            i = end + 1
        else:
            raise ValueError(f"{text!r}: unexpected {text[i]!r} at {i}")
    return JsonPath(text, tuple(steps))


def _bracket(inner: str, text: str) -> _Step:
    if inner == "*":
        return _Every()
    parts = [p.strip() for p in inner.split(",")]
    if all(len(p) >= 2 and p[0] == p[-1] and p[0] in "'\"" for p in parts):
        names = tuple(p[1:-1] for p in parts)
        return _Child(names[0]) if len(names) == 1 else _Children(names)
    items: list[Union[int, slice]] = []
    for part in parts:
        if ":" in part:
            bounds = part.split(":")
            if len(bounds) != 2 or not all(b == "" or _INT.fullmatch(b.strip()) for b in bounds):
                raise ValueError(f"{text!r}: {part!r} is not a slice [start:end]")
            start, stop = (int(b) if b.strip() else None for b in bounds)
            items.append(slice(start, stop))
        elif _INT.fullmatch(part):
            items.append(int(part))
        else:
            raise ValueError(f"{text!r}: {part!r} is neither an index, a slice nor a quoted name")
    return _Elements(tuple(items))


def _apply(step: _Step, value: Any, text: str) -> Any:
    if isinstance(step, _Child):
        if not isinstance(value, dict) or step.name not in value:
            raise FilterError(f"{text}: the record has no field '{step.name}'")
        return value[step.name]
    if isinstance(step, _Children):
        missing = [n for n in step.names if not isinstance(value, dict) or n not in value]
        if missing:
            raise FilterError(f"{text}: the record has no field '{missing[0]}'")
        return {n: value[n] for n in step.names}
    if isinstance(step, _Every):
        if isinstance(value, dict):
            return list(value.values())
        if isinstance(value, list):
            return list(value)
        raise FilterError(f"{text}: '*' needs an object or a list, the record has a {type(value).__name__}")
    if not isinstance(value, list):
        raise FilterError(f"{text}: an index needs a list (a CSV row), the record has a {type(value).__name__}")
    if len(step.items) == 1 and isinstance(step.items[0], int):
        return _element(value, step.items[0], text)
    out: list[Any] = []
    for item in step.items:
        out.extend(value[item] if isinstance(item, slice) else [_element(value, item, text)])
    return out


def _element(value: list[Any], index: int, text: str) -> Any:
    if not -len(value) <= index < len(value):
        raise FilterError(f"{text}: index {index} is out of range for a record of {len(value)} values")
    return value[index]
