"""Hooks a plain training script with no change to it, as SageMaker's framework containers do.

A training job with a debug hook config runs its script with sitecustomize calling `install()`. That
imports nothing heavy: it puts an import hook first on sys.meta_path, and when the script imports
torch, keras or xgboost, the module is patched right after it is loaded:
- torch: the first model (a module with parameters called from outside any model) is registered with
  a hook made from the hook config, and so are the loss modules (`auto_hook_torch`);
- keras: `Model.fit`, `evaluate` and `predict` get a KerasHook callback unless one is there;
- xgboost: `xgboost.train` (which the scikit-learn API calls too) gets the XGBoost hook's callback
  unless one is there, with the call's params as hyperparameters and its data.
A script that makes its own hook (smdebug-style) is not hooked a second time. Any failure here is
logged once and the script runs on: a debugger must never be what stops a training.
"""

from __future__ import annotations

import functools
import importlib.abc
import importlib.machinery
import importlib.util
import inspect
import logging
import sys
from types import ModuleType
from typing import Any, Callable, Optional, Sequence

log = logging.getLogger(__name__)
_said: set[str] = set()
_finder: Optional["_PatchOnImport"] = None
# the hooks this module made (one per framework and process, so steps go on across fit and evaluate)
_made: dict[str, Any] = {}


def say_once(key: str, message: str, *args: Any, error: bool = False) -> None:
    """Logs a message once per kind (a failure at every step would flood the job's log)."""
    if key in _said:
        return
    _said.add(key)
    if error:
        log.error(message, *args, exc_info=True)
    else:
        log.warning(message, *args)


def install() -> None:
    """Patches torch, keras and xgboost when (or, if already imported, as soon as) the script imports them."""
    global _finder
    if _finder is not None:
        return
    _finder = _PatchOnImport()
    sys.meta_path.insert(0, _finder)
    for name in PATCHES:
        if name in sys.modules:
            _finder.patched.add(name)
            _apply(name, sys.modules[name])


def _apply(name: str, module: ModuleType) -> None:
    try:
        PATCHES[name](module)
    except Exception:
        say_once(f"patch {name}", "the debugger could not hook %s; the script runs without it", name, error=True)


class _PatchOnImport(importlib.abc.MetaPathFinder):
    """Finds the patched modules with the other finders, and patches each once it has run."""

    def __init__(self) -> None:
        self.patched: set[str] = set()
        self._finding: set[str] = set()

    def find_spec(
        self, fullname: str, path: Optional[Sequence[str]], target: Optional[ModuleType] = None
    ) -> Optional[importlib.machinery.ModuleSpec]:
        if fullname not in PATCHES or fullname in self.patched or fullname in self._finding:
            return None
        self._finding.add(fullname)
        try:
            spec = importlib.util.find_spec(fullname)
        finally:
            self._finding.discard(fullname)
        if spec is None or spec.loader is None or not hasattr(spec.loader, "exec_module"):
            return None
        self.patched.add(fullname)
        spec.loader = _PatchingLoader(spec.loader, fullname, self)
        return spec


class _PatchingLoader(importlib.abc.Loader):
    def __init__(self, loader: Any, name: str, finder: _PatchOnImport):
        self.loader, self.name, self.finder = loader, name, finder

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> Optional[ModuleType]:
        created: Optional[ModuleType] = self.loader.create_module(spec)
        return created

    def exec_module(self, module: ModuleType) -> None:
        # the module keeps its own loader: importlib.resources, linecache and pkgutil look at it
        module.__loader__ = self.loader
        if module.__spec__ is not None:
            module.__spec__.loader = self.loader
        try:
            self.loader.exec_module(module)
        except BaseException:
            self.finder.patched.discard(self.name)  # a failed import may be tried again
            raise
        _apply(self.name, module)


# -- keras ------------------------------------------------------------------------------------------
def _patch_keras(keras: ModuleType) -> None:
    from . import auto_hook_torch
    from .keras_hook import KerasHook

    auto_hook_torch.ignore(keras.layers.Layer)  # with the torch backend, Keras layers are torch modules
    for name in ("fit", "evaluate", "predict"):
        method = getattr(keras.Model, name)
        if not getattr(method, "_smdebug_patched", False):
            setattr(keras.Model, name, _with_callback(method, "callbacks", _keras_hook, KerasHook))


def _keras_hook(bound: inspect.BoundArguments) -> Any:
    from .keras_hook import KerasHook

    return _ours("keras", KerasHook, lambda: KerasHook.create_from_json_file())


# -- xgboost ----------------------------------------------------------------------------------------
def _patch_xgboost(xgboost: ModuleType) -> None:
    import xgboost.training

    from .xgboost_hook import Hook

    original = xgboost.training.train
    if getattr(original, "_smdebug_patched", False):
        return
    train = _with_callback(original, "callbacks", _xgboost_hook, Hook)
    for module in (xgboost, xgboost.training, sys.modules.get("xgboost.sklearn")):
        if module is not None and getattr(module, "train", None) is original:
            setattr(module, "train", train)  # noqa: B010 (a module attribute mypy does not know)


def _xgboost_hook(bound: inspect.BoundArguments) -> Any:
    from .xgboost_hook import Hook

    params = bound.arguments.get("params")
    hyperparameters = dict(params) if isinstance(params, (dict, list)) else None
    evals = bound.arguments.get("evals") or []
    validation = next((data for data, name in evals if str(name).lower().startswith("valid")), None)
    hook = _ours("xgboost", Hook, lambda: Hook.create_from_json_file())
    if hook is not None:  # the data of this call (a script may train twice)
        hook.hyperparameters = hyperparameters
        hook.train_data, hook.validation_data = bound.arguments.get("dtrain"), validation
    return hook


# -- shared -----------------------------------------------------------------------------------------
def _ours(framework: str, kind: type, make: Callable[[], Any]) -> Any:
    """This process's automatic hook for a framework; None when the script made its own or the hook
    config is wrong (said once)."""
    from .keras_xgboost_base import LIVE_HOOKS

    ours = _made.get(framework)
    if any(isinstance(h, kind) and h is not ours for h in list(LIVE_HOOKS)):
        say_once(f"{framework} script hook", "the script makes its own %s debugger hook: no automatic one", framework)
        return None
    if framework not in _made:
        try:
            _made[framework] = make()
        except Exception as err:
            _made[framework] = None
            say_once(f"{framework} config", "the debugger's automatic %s hook is off: %s", framework, err)
    return _made[framework]


def _with_callback(
    function: Callable[..., Any], parameter: str, hook_for: Callable[[inspect.BoundArguments], Any], kind: type
) -> Callable[..., Any]:
    """`function` with the automatic hook added to its callbacks list, unless a hook is in it already.
    An internal call that passes a framework's own callback container (Keras' fit calling evaluate)
    is left as it is: the hook came with the outer call."""
    signature = inspect.signature(function)

    @functools.wraps(function)
    def hooked(*args: Any, **kwargs: Any) -> Any:
        try:
            bound = signature.bind(*args, **kwargs)
        except TypeError:  # the script's own wrong arguments: the call raises its own error
            return function(*args, **kwargs)
        try:
            callbacks = bound.arguments.get(parameter)
            if (callbacks is None or isinstance(callbacks, (list, tuple))) and not any(
                isinstance(c, kind) for c in callbacks or ()
            ):
                hook = hook_for(bound)
                if hook is not None:
                    bound.arguments[parameter] = [*(callbacks or ()), hook]
                    args, kwargs = bound.args, bound.kwargs
        except Exception:
            say_once(f"add {parameter}", "the debugger could not add its hook to %s", function.__name__, error=True)
        return function(*args, **kwargs)

    hooked._smdebug_patched = True  # type: ignore[attr-defined]
    return hooked


def _patch_torch(torch: ModuleType) -> None:
    from . import auto_hook_torch

    auto_hook_torch.install(torch)


def _watch_script_hooks(module: ModuleType) -> None:
    from . import auto_hook_torch

    auto_hook_torch.watch_script_hooks(module)


PATCHES: dict[str, Callable[[ModuleType], None]] = {
    "torch": _patch_torch,
    "keras": _patch_keras,
    "xgboost": _patch_xgboost,
    # a script's own PyTorch hook: seen when it is made, so the automatic one steps aside
    "jupyter_smstudio.debugger.pytorch_hook": _watch_script_hooks,
}
