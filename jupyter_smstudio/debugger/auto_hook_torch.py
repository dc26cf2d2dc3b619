"""The automatic hook's PyTorch part: finds a plain script's model and losses as they are first called.

Two global module hooks (torch's `register_module_forward_pre_hook` and `..._forward_hook`) see every
module call. A call from outside any model (no model's forward is running) of a module with trainable
parameters is the script's model: it is registered with one hook made from the hook config
(`register_module`); a call of an `nn.*Loss` module is registered with `register_loss`. A frozen module
(no trainable parameter: a pretrained backbone) is passed over for the next one. A later model (a
second network: a GAN's discriminator, a critic) is a model too: it is handed to the same hook, which
saves its parameters beside the first one's (and says, as for a model that uses one module twice, what
it saves once); steps are counted on the first. Modules called inside a model (its
layers) are its own and left alone; so are Keras layers (torch modules with Keras' torch backend),
which the Keras hook saves. Each module is looked at once; a call inside a model's forward costs one
comparison in each global hook.

The hook's own step-counting pre-hook is added during a call that torch has already started: torch
took the list of that call's pre-hooks before, so it is run here for that first call, which is step 0.
"""

from __future__ import annotations

import functools
import logging
import math
import weakref
from types import ModuleType
from typing import Any, Callable, Optional

from .auto_hook import say_once

log = logging.getLogger(__name__)
_auto: Optional["TorchAutoHook"] = None
_ignored: tuple[type, ...] = ()
# hooks a script made itself (smdebug-style): the automatic hook steps aside for them
_script_hooks: "weakref.WeakSet[Any]" = weakref.WeakSet()
_making = False  # True while the automatic hook makes its own hook


def install(torch: ModuleType) -> None:
    global _auto
    if _auto is None:
        _auto = TorchAutoHook(torch)


def ignore(kind: type) -> None:
    """Module classes whose calls are someone else's (Keras layers): neither models nor losses."""
    global _ignored
    _ignored = (*_ignored, kind)


def watch_script_hooks(pytorch_hook: ModuleType) -> None:
    """Notes every PyTorch hook a script makes (wraps Hook.__init__ once)."""
    hook_class = pytorch_hook.Hook
    original = hook_class.__init__
    if getattr(original, "_smdebug_patched", False):
        return

    @functools.wraps(original)
    def init(hook: Any, *args: Any, **kwargs: Any) -> None:
        original(hook, *args, **kwargs)
        if not _making:
            _script_hooks.add(hook)
            if _auto is not None:
                _auto.step_aside()

    init._smdebug_patched = True  # type: ignore[attr-defined]
    setattr(hook_class, "__init__", init)  # noqa: B010 (mypy refuses assigning a method)


class TorchAutoHook:
    def __init__(self, torch: ModuleType):
        from torch.nn.modules.loss import _Loss

        from . import pytorch_hook  # its import wraps Hook.__init__ (auto_hook's import patches)

        watch_script_hooks(pytorch_hook)
        self._make_hook: Callable[[], Any] = pytorch_hook.Hook.create_from_json_file
        self._loss_type = _Loss
        self._tops: "weakref.WeakSet[Any]" = weakref.WeakSet()  # models: calls inside them are theirs
        self._seen: "weakref.WeakSet[Any]" = weakref.WeakSet()  # modules looked at once
        self._outer: Any = None  # the outermost model (or Keras layer) whose forward is running
        self._loss_only = False  # a loss came first: the hook counts steps on its calls
        self._has_model = False
        self.hook: Any = None
        self.off = bool(_script_hooks)
        modules = torch.nn.modules.module
        self._handles = [
            modules.register_module_forward_pre_hook(self._before),
            modules.register_module_forward_hook(self._after, always_call=True),
        ]

    def remove(self) -> None:
        """Takes the global module hooks off (and the hook off its model): a benchmark's or a test's."""
        for handle in self._handles:
            handle.remove()
        if self.hook is not None:
            self.hook.remove()

    # -- every module call ---------------------------------------------------------------------------
    # inside a model's forward both hooks return at their first test: a call there costs one comparison
    def _before(self, module: Any, args: Any) -> None:
        if self._outer is not None:
            return
        try:
            if module in self._tops or isinstance(module, _ignored):
                self._outer = module
            elif not (self.off or module in self._seen):
                self._seen.add(module)
                if self._take(module, args):
                    self._outer = module
        except Exception:
            say_once("torch", "the debugger's automatic hook failed; training goes on", error=True)

    def _after(self, module: Any, args: Any, output: Any) -> None:
        if module is self._outer:  # run even when the forward raised (always_call): never left inside
            self._outer = None

    # -- a module seen for the first time --------------------------------------------------------------
    def _take(self, module: Any, args: Any) -> bool:
        """Registers a model or a loss called from outside any model; True for a model."""
        if isinstance(module, self._loss_type):
            hook = self._hook()
            if hook is not None:
                self._loss_only = self._loss_only or not self._has_model
                self._registering(module, args, lambda: hook.register_loss(module))
                module.register_forward_hook(self._check_loss)
            return False
        if next(module.parameters(), None) is None:
            say_once(
                "no parameters",
                "the debugger skips %s: it has no parameters (it hooks the first module with parameters that is "
                "called, and the loss modules)",
                module._get_name(),
            )
            return False
        self._tops.add(module)
        if next((p for p in module.parameters() if p.requires_grad), None) is None:
            say_once(
                f"frozen {module._get_name()}",
                "the debugger does not hook %s: none of its parameters is trained (it hooks the first module called "
                "with trainable parameters: a frozen backbone is passed over for the head after it)",
                module._get_name(),
            )
            return True
        hook = self._hook()
        if hook is None:
            return True
        if self._loss_only:
            say_once(
                "model after loss",
                "the debugger counts steps on the loss, called before any model: %s is not saved",
                module._get_name(),
            )
            return True
        try:
            self._registering(module, args, lambda: hook.register_module(module))
            self._has_model = True
        except Exception as err:  # a model the hook refuses: said, and training goes on
            say_once(f"model {module._get_name()}", "the debugger does not save %s: %s", module._get_name(), err)
        return True

    def _registering(self, module: Any, args: Any, register: Callable[[], None]) -> None:
        """Registers, then runs for this call the pre-hooks registering added (torch will not)."""
        before = set(module._forward_pre_hooks)
        register()
        for key, pre_hook in list(module._forward_pre_hooks.items()):
            if key not in before:
                pre_hook(module, args)

    def _hook(self) -> Any:
        global _making
        if self.hook is None and not self.off:
            _making = True
            try:
                self.hook = self._make_hook()
            except Exception as err:
                self.off = True
                say_once("torch config", "the debugger's automatic PyTorch hook is off: %s", err)
            finally:
                _making = False
        return self.hook

    def step_aside(self) -> None:
        """A script made its own hook: this one stops (and hands back what it had hooked)."""
        self.off = True
        if self.hook is not None:
            say_once(
                "torch script hook",
                "the script made its own debugger hook after the automatic one had started: the automatic one stops",
            )
            self.hook.remove()
            self.hook = None

    def _check_loss(self, module: Any, args: Any, output: Any) -> None:
        # a CPU loss only: reading a GPU one would wait for the GPU at every step
        try:
            if getattr(output, "device", None) is not None and output.device.type == "cpu" and output.numel() == 1:
                value = float(output.detach())
                if not math.isfinite(value):
                    step = self.hook.step if self.hook is not None else "?"
                    say_once(
                        "nan loss",
                        "the loss %s is %s at step %s: the debugger saves it as it is; training goes on",
                        module._get_name(),
                        value,
                        step,
                    )
        except Exception:
            say_once("check loss", "the debugger could not read the loss; training goes on", error=True)
