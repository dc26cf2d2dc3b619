"""A user's own rule: the class named `rule_to_invoke` in a Python file (SageMaker's source_s3_uri), built
with the remaining RuleParameters as keyword arguments.

The parameters arrive as strings; each is converted to the type of its default (or of its annotation:
int, float, bool), so `threshold="0.5"` reaches a `threshold=10.0` argument as 0.5 and "abc" is a 400
naming it. At create time the file is read, not run (`ast`): the server checks the class and its
arguments without executing a user's code; the rule job imports it.
"""

from __future__ import annotations

import ast
import hashlib
import importlib.util
import inspect
from typing import Any, Optional

from .base import Rule
from .params import KINDS, refuse

# the arguments the rule job gives itself, never taken from RuleParameters
_GIVEN_BY_THE_JOB = ("self", "base_trial", "action_str", "other_trials")
_ANNOTATED = {"int": "int", "float": "float", "bool": "bool", "str": "str"}


def _kind(default: Any, annotation: Optional[str]) -> Optional[str]:
    if isinstance(default, bool):
        return "bool"
    if isinstance(default, (int, float)):
        return "float" if isinstance(default, float) else "int"
    if annotation:
        return _ANNOTATED.get(annotation.removeprefix("Optional[").removesuffix("]").strip("'\""))
    return None


def _convert(name: str, value: Any, default: Any, annotation: Optional[str]) -> Any:
    kind = _kind(default, annotation)
    if kind is None or not isinstance(value, str):
        return value
    if kind in ("float", "int") and value.strip().lower() in ("none", "null") and default is None:
        return None
    return KINDS[kind](name, value)


def _read(source_path: str) -> ast.Module:
    try:
        with open(source_path, encoding="utf-8") as source:
            return ast.parse(source.read(), filename=source_path)
    except OSError as err:
        raise refuse("source_s3_uri", f"the rule's source {source_path} cannot be read: {err.strerror}") from None
    except (SyntaxError, UnicodeDecodeError, ValueError) as err:
        raise refuse("source_s3_uri", f"the rule's source is not Python: {err}") from None


def check_custom_parameters(source_path: str, class_name: str, given: dict[str, str]) -> None:
    """The class exists in the file and takes these arguments, with values of their types."""
    module = _read(source_path)
    classes = {node.name: node for node in module.body if isinstance(node, ast.ClassDef)}
    found = classes.get(class_name)
    if found is None:
        defined = ", ".join(sorted(classes)) or "no class"
        raise refuse("rule_to_invoke", f"{source_path} defines no class {class_name!r} (it defines {defined})")
    init = next((n for n in found.body if isinstance(n, ast.FunctionDef) and n.name == "__init__"), None)
    if init is None:
        _check_arguments(class_name, {}, False, given)
        return
    args = init.args
    positional = [*args.posonlyargs, *args.args]
    defaults: list[Optional[ast.expr]] = [None] * (len(positional) - len(args.defaults)) + list(args.defaults)
    arguments: dict[str, tuple[Any, Optional[str], bool]] = {}
    for arg, default in [*zip(positional, defaults, strict=True), *zip(args.kwonlyargs, args.kw_defaults, strict=True)]:
        value: Any = None
        if default is not None:
            try:
                value = ast.literal_eval(default)
            except ValueError:
                value = None  # a default computed at run time: the value is passed as given
        annotation = ast.unparse(arg.annotation) if arg.annotation is not None else None
        arguments[arg.arg] = (value, annotation, default is not None)
    _check_arguments(class_name, arguments, args.kwarg is not None, given)


def _check_arguments(
    class_name: str, arguments: dict[str, tuple[Any, Optional[str], bool]], any_keyword: bool, given: dict[str, str]
) -> None:
    for name, value in given.items():
        if name not in arguments or name in _GIVEN_BY_THE_JOB:
            if any_keyword and name not in _GIVEN_BY_THE_JOB:
                continue
            takes = ", ".join(n for n in arguments if n not in _GIVEN_BY_THE_JOB) or "no parameters"
            raise refuse(name, f"{class_name} takes no parameter {name!r}; it takes {takes}")
        default, annotation, _ = arguments[name]
        _convert(name, value, default, annotation)
    for name, (_, _, has_default) in arguments.items():
        if name not in _GIVEN_BY_THE_JOB and not has_default and name not in given:
            raise refuse(name, f"{class_name} needs the parameter {name!r}")


def load_custom_rule(
    trial: Any, source_path: str, class_name: str, given: dict[str, str], action_str: str = ""
) -> Rule:
    """Imports the file (in the rule job's process) and builds the rule."""
    check_custom_parameters(source_path, class_name, given)
    # a module name of its own per file: two rule files both called rule.py must not share one
    module_name = "smstudio_custom_rule_" + hashlib.sha1(source_path.encode()).hexdigest()[:12]
    spec = importlib.util.spec_from_file_location(module_name, source_path)
    if spec is None or spec.loader is None:
        raise refuse("source_s3_uri", f"{source_path} cannot be imported as a Python module")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    cls = getattr(module, class_name, None)
    if not (isinstance(cls, type) and issubclass(cls, Rule)):
        raise refuse(
            "rule_to_invoke",
            f"{class_name} in {source_path} is not a Rule: subclass jupyter_smstudio.smdebug.rules.Rule",
        )
    signature = inspect.signature(cls.__init__)
    kwargs: dict[str, Any] = {}
    for name, value in given.items():
        parameter = signature.parameters.get(name)
        if parameter is None:
            kwargs[name] = value  # taken by **kwargs
            continue
        default = None if parameter.default is inspect.Parameter.empty else parameter.default
        annotation = parameter.annotation
        text = None if annotation is inspect.Parameter.empty else getattr(annotation, "__name__", str(annotation))
        kwargs[name] = _convert(name, value, default, text)
    if "action_str" in signature.parameters:
        kwargs["action_str"] = action_str
    rule: Rule = cls(trial, **kwargs)
    return rule
