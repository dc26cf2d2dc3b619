"""Rule parameters: SageMaker passes them as strings (RuleParameters is a map of string to string); each
rule declares the ones it takes with their types and SageMaker's defaults, and a value that does not parse
is refused with a 400 naming "RuleParameters.<name>" when the training job is created, not when the rule
job runs an hour later."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Callable, Optional

import numpy as np

from ...core.errors import BadRequest
from ..modes import ModeKeys

FIELD = "RuleParameters"


def field_of(name: str) -> str:
    return f"{FIELD}.{name}"


def refuse(name: str, why: str) -> BadRequest:
    return BadRequest(f"'{field_of(name)}': {why}", field=field_of(name))


def _none(text: str) -> bool:
    return text.strip().lower() in ("", "none", "null")


def _float(name: str, value: Any) -> float:
    try:
        if isinstance(value, bool):
            raise ValueError
        return float(value)
    except (TypeError, ValueError):
        raise refuse(name, f"{value!r} is not a number") from None


def _int(name: str, value: Any) -> int:
    try:
        if isinstance(value, bool):
            raise ValueError
        number = float(value)  # "10" and "10.0" both (SageMaker's examples write both)
        if not number.is_integer():
            raise ValueError
        return int(number)
    except (TypeError, ValueError, OverflowError):
        raise refuse(name, f"{value!r} is not a whole number") from None


def _bool(name: str, value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("true", "1", "yes"):
        return True
    if text in ("false", "0", "no"):
        return False
    raise refuse(name, f"{value!r} is not True or False")


def _list(name: str, value: Any) -> tuple[str, ...]:
    """SageMaker's "List of strings or a comma-separated string"."""
    items = value if isinstance(value, (list, tuple)) else str(value).split(",")
    return tuple(str(v).strip() for v in items if str(v).strip())


def _regexes(name: str, value: Any) -> tuple[str, ...]:
    # one pattern with "|" in it stays one pattern; a comma separates patterns, as SageMaker's lists do
    patterns = _list(name, value)
    for pattern in patterns:
        try:
            re.compile(pattern)
        except re.error as err:
            raise refuse(name, f"{pattern!r} is not a regular expression: {err}") from None
    return patterns


def _regex(name: str, value: Any) -> str:
    try:
        re.compile(str(value))
    except re.error as err:
        raise refuse(name, f"{value!r} is not a regular expression: {err}") from None
    return str(value)


def _mode(name: str, value: Any) -> ModeKeys:
    if isinstance(value, ModeKeys):
        return value
    try:
        return ModeKeys[str(value).strip().upper()]
    except KeyError:
        raise refuse(name, f"{value!r} is not a mode; one of {', '.join(m.name for m in ModeKeys)}") from None


def _floats(name: str, value: Any) -> tuple[float, ...]:
    return tuple(_float(name, v) for v in _list(name, value))


KINDS: dict[str, Callable[[str, Any], Any]] = {
    "float": _float,
    "int": _int,
    "bool": _bool,
    "str": lambda name, value: str(value),
    "list": _list,
    "regexes": _regexes,
    "regex": _regex,
    "mode": _mode,
    "floats": _floats,
}


def _text(value: Any) -> str:
    """A default as SageMaker's documentation writes it: 0.0000001, not 1e-07; 50, not 50.0."""
    if isinstance(value, float):
        return np.format_float_positional(value, trim="-")
    return str(value)


@dataclass(frozen=True)
class Param:
    """One parameter a built-in rule takes: its name, kind (a key of KINDS) and SageMaker's default
    (None: optional, no default)."""

    name: str
    kind: str
    default: Any = None
    # the smallest and largest values a number may take (inclusive), where SageMaker documents a range
    low: Optional[float] = None
    high: Optional[float] = None

    def parse(self, value: Any) -> Any:
        if value is None or (isinstance(value, str) and _none(value) and self.kind not in ("str", "regex")):
            return self.default
        parsed = KINDS[self.kind](self.name, value)
        for number in parsed if isinstance(parsed, tuple) and self.kind == "floats" else (parsed,):
            if isinstance(number, (int, float)) and not isinstance(number, bool):
                if self.low is not None and number < self.low:
                    raise refuse(self.name, f"must be at least {self.low:g}, not {number:g}")
                if self.high is not None and number > self.high:
                    raise refuse(self.name, f"must be at most {self.high:g}, not {number:g}")
        return parsed

    def as_string(self) -> Optional[str]:
        """The default as SageMaker writes it in RuleParameters (None: left out)."""
        if self.default is None:
            return None
        if isinstance(self.default, tuple):
            return ",".join(_text(v) for v in self.default)
        if isinstance(self.default, ModeKeys):
            return self.default.name
        return _text(self.default)


def parse_parameters(params: tuple[Param, ...], given: dict[str, Any], rule_name: str) -> dict[str, Any]:
    """The parsed values of every declared parameter (defaults for the ones not given); a parameter the
    rule does not take is refused, naming it and the ones it takes."""
    known = {p.name: p for p in params}
    for name in given:
        if name not in known:
            takes = ", ".join(sorted(known)) or "no parameters"
            raise refuse(name, f"{rule_name} takes no parameter {name!r}; it takes {takes}")
    return {p.name: p.parse(given.get(p.name)) for p in params}
