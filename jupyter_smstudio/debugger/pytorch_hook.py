"""smdebug's PyTorch hook: saves a module's weights, biases, gradients, losses and what a script asks
for, at the save steps of their collections, under `out_dir` (see `store` for the layout).

A step starts when the registered module's forward starts (a forward pre-hook), in the mode set with
`set_mode` or, when a script never sets one, TRAIN or EVAL after the module's `training` flag (what a
plain script does with `model.train()` / `model.eval()`). Weights are read at the step's start (the
values that forward uses), gradients as backward computes them (tensor hooks), a loss as its module
returns it. Each saved tensor is copied once, into the shared memory of the writer process
(`writer_process`), and the step is handed over when the next step starts or the hook closes; the
reductions, the encoding, the writes and the TensorBoard export happen in that process, never on the
training thread. Weights and gradients are copied by the copier's thread (`copier`): a parameter's weights
are waited for when backward has its gradient (before an optimizer can change them), the gradients when
backward ends (before a script can clip them) or, once a saved step has shown that the script leaves them
alone after backward (torch's version counters tell), when the next step starts; a forward under no_grad
(evaluation) copies its weights at once, as no backward follows it. Between save steps the hooks return
at their first test: nothing is touched or copied.

A failing hook logs its error and training goes on (a debugger must never be what crashes a job).
"""

from __future__ import annotations

import atexit
import functools
import logging
import weakref
from typing import Any, Callable, Iterable, Optional, Union

import numpy as np

from ..core.errors import BadRequest
from . import reductions
from .collections import (
    BUILT_IN,
    DEFAULT_INCLUDE,
    Collection,
    CollectionKeys,
    ReductionConfig,
    pytorch_collections,
)
from .hook_config import HookConfig, read_hook_config
from .hook_setup import HookBase, guarded
from .modes import ModeKeys, SaveConfig
from .store import StepRecord, TensorRecord, numpy_record

log = logging.getLogger(__name__)
# collections whose tensors are a module's inputs and outputs: forward hooks on every submodule
_MODULE_IO = (CollectionKeys.INPUTS, CollectionKeys.OUTPUTS, CollectionKeys.ALL)
# gradients are handed to the copier in batches of at least this many bytes (each hand-over wakes its thread)
_BATCH_BYTES = 256 << 10
_GRADIENT = "gradient/"
_FOREVER = 1 << 62  # the steps ahead when nothing is ever saved again


class Hook(HookBase):
    def __init__(
        self,
        out_dir: Optional[str] = None,
        export_tensorboard: bool = False,
        tensorboard_dir: Optional[str] = None,
        dry_run: bool = False,
        reduction_config: Optional[ReductionConfig] = None,
        save_config: Optional[SaveConfig] = None,
        include_regex: Optional[list[str]] = None,
        include_collections: Optional[list[str]] = None,
        save_all: bool = False,
        include_workers: str = "one",
    ):
        # the steps ahead that no collection saves (`_plan_quiet`): only counted, for the module's `training`
        # flag they were planned with; the steps counted so, not yet in `mode_steps`
        self._quiet = 0
        self._quiet_training = True
        self._quiet_steps = 0
        self._setup(
            pytorch_collections(),
            DEFAULT_INCLUDE,
            out_dir=out_dir,
            export_tensorboard=export_tensorboard,
            tensorboard_dir=tensorboard_dir,
            dry_run=dry_run,
            reduction_config=reduction_config,
            save_config=save_config or SaveConfig(),
            include_regex=include_regex,
            include_collections=include_collections,
            save_all=save_all,
            include_workers=include_workers,
        )
        self._mode_set = False
        self._module: Any = None  # the first module registered: its forward starts a step
        self._modules: list[Any] = []
        self._params: list[tuple[str, Any]] = []
        self._params_of: dict[int, list[tuple[str, Any]]] = {}
        self._prefixes: set[str] = set()
        self._gradient_params: list[tuple[str, Any]] = []
        self._losses: list[tuple[str, Any]] = []  # (tensor name, loss module) watched in the saved steps only
        self._step_handles: list[Any] = []  # the gradient hooks of the step being saved
        self._copies: list[tuple[np.ndarray, Any]] = []  # (place in the ring, tensor) not yet handed to the copier
        self._copies_named: list[str] = []
        self._copies_bytes = 0
        self._weights_copying: dict[str, int] = {}  # a weight's name -> the copier's ticket for its copy
        self._backward_ending = False  # whether this backward's end waits for its gradients' copies already
        # whether the script changes saved gradients in place between backward and its next step (clipping,
        # zeroing in place, unscaling): None until a saved step has shown it; then their copies are waited
        # for when backward ends (True) or, the loop's time, when the next step starts (False)
        self._changes_gradients: Optional[bool] = None
        self._gradient_versions: list[tuple[str, Any, int]] = []  # (name, gradient, its version when saved)
        self._gradients_copied = False  # whether this step's gradient copies were waited for at backward's end
        self._handles: list[Any] = []
        atexit.register(_close_at_exit, weakref.ref(self))  # a weak one: a dropped hook is not kept alive

    # -- smdebug's constructors and collections ---------------------------------------------------
    @classmethod
    def create_from_json_file(cls, json_file_path: Optional[str] = None, *, path: Optional[str] = None) -> "Hook":
        """A hook set up by SageMaker's debug hook config (see `hook_config`)."""
        return cls.from_config(read_hook_config(json_file_path or path))

    @classmethod
    def from_config(cls, config: HookConfig) -> "Hook":
        configured = [c.name for c in config.collections]
        hook = cls(
            out_dir=config.out_dir,
            export_tensorboard=config.export_tensorboard,
            tensorboard_dir=config.tensorboard_dir,
            save_config=config.save_config,
            include_regex=list(config.include_regex) or None,
            include_collections=configured or None,
            save_all=config.save_all,
            include_workers=config.include_workers,
        )
        hook._adopt(config.collections)
        return hook

    @property
    def save_config(self) -> SaveConfig:
        return self._save_config

    @save_config.setter
    def save_config(self, value: SaveConfig) -> None:
        self._save_config = value
        self._replan()

    def _replan(self) -> None:
        """Which steps are saved has changed: the next step plans the steps ahead again."""
        self._quiet = 0

    def _include(self, collection: Collection) -> None:
        if any(c is collection for c in self.included):
            return
        self.included.append(collection)
        collection.watch_schedule(self._replan)
        self._replan()
        # included mid-step (save_tensor): saved from now on
        if self.step >= 0 and self._saves_now(collection, self._mode_step()):
            self._active.append(collection)
            if self._record is None:
                self._record = StepRecord(self.step, self.mode, self._mode_step())

    # -- registering -----------------------------------------------------------------------------
    def register_module(self, module: Any) -> None:
        """Saves `module`'s parameters and their gradients. The first module registered counts the steps
        (one forward, one step); each later one (a GAN's discriminator beside its generator, a second
        network) adds its parameters, saved at its own forward in the step."""
        if not hasattr(module, "named_parameters") or not hasattr(module, "register_forward_pre_hook"):
            raise BadRequest(f"'module': {type(module).__name__} is not a torch.nn.Module", field="module")
        if any(m is module for m in self._modules):
            log.warning("the debugger hook already has module %s: registered once", module._get_name())
            return
        prefix = f"{module._get_name()}_"
        if prefix in self._prefixes:  # two modules of one class: the second one's names are Name_1_...
            prefix = f"{module._get_name()}_{len(self._modules)}_"
        self._prefixes.add(prefix)
        params = [(prefix + name, p) for name, p in module.named_parameters()]
        if not params:
            log.warning(
                "the debugger hook's module %s has no parameters: only losses and outputs are saved", prefix[:-1]
            )
        _log_shared(module, prefix)
        self._params_of[id(module)] = params
        self._params = self._params + params
        if not self._modules:
            self._module = module
            self._handles.append(module.register_forward_pre_hook(self._forward_pre_hook))
        else:
            self._handles.append(module.register_forward_pre_hook(self._later_module_pre_hook))
        self._modules.append(module)
        # their gradients are watched in the saved steps only (_watch_step)
        self._gradient_params += [(f"gradient/{name}", param) for name, param in params if param.requires_grad]
        if any(c.name in _MODULE_IO or (c.name not in BUILT_IN and c.include_regex) for c in self.included) or (
            self.collections[CollectionKeys.DEFAULT].include_regex
        ):
            for name, sub in module.named_modules():  # a module under two names: hooked once, by its first
                if name:
                    self._handles.append(sub.register_forward_hook(functools.partial(self._io_hook, name)))

    register_hook = register_module  # smdebug's older name for it

    def register_loss(self, loss_module: Any) -> None:
        """Saves what the loss module returns, in the losses collection."""
        name = f"{loss_module._get_name()}_output_0"
        self.collections[CollectionKeys.LOSSES].add_tensor_name(name)
        if self._module is None:  # a script that registers only its loss: steps are its calls
            self._handles.append(loss_module.register_forward_pre_hook(self._forward_pre_hook))
            self._handles.append(loss_module.register_forward_hook(functools.partial(self._loss_hook, name)))
            return
        # steps are the model's calls: the loss is watched in the saved ones only (_watch_step), this one
        # included when it is registered in the middle of it (the zero-change hook does, at its first call)
        self._losses.append((name, loss_module))
        if self._record is not None:
            self._watch_loss(name, loss_module)

    def set_mode(self, mode: ModeKeys) -> None:
        if not isinstance(mode, ModeKeys):
            raise BadRequest(f"'mode': {mode!r} is not a ModeKeys", field="mode")
        self._count_quiet_steps()
        self.mode = mode
        self._mode_set = True
        self._replan()

    # -- the steps -------------------------------------------------------------------------------
    def _mode_step(self) -> int:
        self._count_quiet_steps()
        return self.step if self.mode == ModeKeys.GLOBAL else self.mode_steps[self.mode]

    def _count_quiet_steps(self) -> None:
        if self._quiet_steps:
            self.mode_steps[self.mode] += self._quiet_steps
            self._quiet_steps = 0

    def _saves_now(self, collection: Collection, mode_step: int) -> bool:
        return self._schedule(collection).should_save(mode_step)

    def _forward_pre_hook(self, module: Any, inputs: Any) -> None:
        """A step starts. One that no collection saves is only counted, touching as few objects as can be: the
        previous step's matrices have pushed them out of the CPU's caches, and each one read back from memory
        costs (the full start below touches some forty: 5-6 us a step in the bench's MLP, 1.6 us when hot)."""
        if self._quiet and module.training is self._quiet_training:
            self._quiet -= 1
            self.step += 1
            self._quiet_steps += 1
            return
        self._start_step(module)

    @guarded
    def _start_step(self, module: Any) -> None:
        self._flush()
        self._count_quiet_steps()
        if not self._mode_set:
            self.mode = ModeKeys.TRAIN if module.training else ModeKeys.EVAL
        self.step += 1
        self.mode_steps[self.mode] += 1
        mode_step = self._mode_step()  # looked up once: ModeKeys hashes in Python (3.11's Enum)
        if self.enabled:
            self._active = [c for c in self.included if self._saves_now(c, mode_step)]
        if not self._active:
            self._plan_quiet(module, mode_step)
            return
        self._record = StepRecord(self.step, self.mode, mode_step)
        if not self._collections_written:
            self._write_collections()
        if module is self._module:
            backward = _backward_may_follow()
            for name, param in self._params_of[id(module)]:
                self._save(name, param, later=backward and param.requires_grad)
            self._copy_taken()
        self._watch_step()

    def _plan_quiet(self, module: Any, mode_step: int) -> None:
        """How many steps after this one, in this mode, no collection saves: `_forward_pre_hook` only counts them.
        A mode set by the script, a collection included or a save config changed plans again (`_replan`)."""
        ahead = [self._schedule(c).next_save(mode_step) for c in self.included]
        nexts = [step for step in ahead if step is not None]
        self._quiet = min(nexts) - mode_step - 1 if nexts and self.enabled else _FOREVER
        self._quiet_training = module.training

    def _watch_step(self) -> None:
        """Hooks the gradients and losses this saved step keeps, until the step ends (`_flush`): a step not saved
        runs its loss and backward with no hook of ours at all (a hook on a module takes torch off its fast path:
        the loss's cost the MLP about 15 us a step, its six parameters' about 10 us). A parameter whose weights
        are saved is hooked too: its gradient is when its weights' copy must be done."""
        for name, param in self._gradient_params:
            saved = any(c.has_tensor(name) for c in self._active)
            if saved or any(c.has_tensor(name[len(_GRADIENT) :]) for c in self._active):
                hook = functools.partial(self._gradient_hook, name, saved)
                self._step_handles.append(_on_gradient(param, hook))
        for name, loss_module in self._losses:
            self._watch_loss(name, loss_module)

    def _watch_loss(self, name: str, loss_module: Any) -> None:
        if any(c.has_tensor(name) for c in self._active):
            hook = functools.partial(self._loss_hook, name)
            self._step_handles.append(loss_module.register_forward_hook(hook))

    @guarded
    def _later_module_pre_hook(self, module: Any, inputs: Any) -> None:
        """A module registered after the first: its parameters, at its first forward in a saved step."""
        if self._record is None:
            return
        for name, param in self._params_of[id(module)]:
            if name not in self._record.tensors:
                self._save(name, param, later=_backward_may_follow() and param.requires_grad)
        self._copy_taken()

    def _flush(self) -> None:
        for handle in self._step_handles:
            handle.remove()
        self._step_handles.clear()
        self._copy_taken()  # gradients left when this torch cannot call us at backward's end
        if self._gradient_versions:
            self._check_gradients()
        if self._weights_copying:  # a forward with gradients on but no backward: its weights' copies, now
            self._weights_copying.clear()
            self._wait_for_copies()
        if self._record is not None and self._writer is not None:
            self._writer.submit(self._record)
        self._record = None
        self._active = []

    @guarded
    def _gradient_hook(self, name: str, saved: bool, param: Any) -> None:
        ticket = self._weights_copying.pop(name[len(_GRADIENT) :], None)
        if ticket is not None:  # from here on an optimizer may change the weights: their copy must be done
            self._wait_for_copies(ticket)
        if saved and self._record is not None and param.grad is not None:
            self._save(name, param.grad, later=True)
            if not self._backward_ending:
                self._backward_ending = _at_backward_end(self._backward_end)
            if self._copies_bytes >= _BATCH_BYTES:
                self._copy_taken()

    def _backward_end(self) -> None:
        """Backward is about to return to the script, which may clip the gradients in place: their copies first,
        unless the script has shown that it does not (then they are waited for when the next step starts)."""
        self._backward_ending = False
        self._copy_taken()
        if self._changes_gradients is not False:
            self._wait_for_copies()
            self._gradients_copied = True

    def _check_gradients(self) -> None:
        """At the next step's start: whether the script changed a saved gradient in place since backward (torch
        counts a tensor's in-place changes). The first saved step tells whether the script does; when it starts
        doing it later, a gradient it changed while its copy was left for later may mix two values: not saved."""
        self._wait_for_copies()
        changed = [name for name, gradient, version in self._gradient_versions if gradient._version != version]
        self._gradient_versions.clear()
        copied, self._gradients_copied = self._gradients_copied, False
        if copied:
            if self._changes_gradients is None:
                self._changes_gradients = bool(changed)
            return
        if changed and self._record is not None:
            for name in changed:
                self._record.tensors.pop(name, None)
            log.warning(
                "the debugger did not save %s at step %s: the script changed them in place after backward (gradient"
                " clipping?) while they were being copied; from now on they are copied before backward returns",
                ", ".join(changed),
                self._record.global_step,
            )
            self._changes_gradients = True

    def _copy_taken(self) -> None:
        """Hands the copies taken so far to the copier's thread, as one job."""
        if not self._copies:
            return
        targets, tensors = [c[0] for c in self._copies], [c[1] for c in self._copies]
        ticket = self._writer.copy_later(targets, tensors)  # type: ignore[union-attr]
        for name in self._copies_named:
            if not name.startswith(_GRADIENT):
                self._weights_copying[name] = ticket
        self._copies, self._copies_named, self._copies_bytes = [], [], 0

    def _wait_for_copies(self, ticket: Optional[int] = None) -> None:
        wait = getattr(self._writer, "wait", None)
        if wait is not None:
            wait(ticket)

    @guarded
    def _loss_hook(self, name: str, module: Any, inputs: Any, output: Any) -> None:
        if self._record is not None:
            self._save(name, output)

    @guarded
    def _io_hook(self, name: str, module: Any, inputs: Any, outputs: Any) -> None:
        if self._record is None:
            return
        for kind, values in (("input", inputs), ("output", outputs)):
            for i, value in enumerate(values if isinstance(values, (tuple, list)) else (values,)):
                tensor_name = f"{name}_{kind}_{i}"
                # a module called twice in a step (shared, or a loop over it): its first call is kept
                if hasattr(value, "detach") and tensor_name not in self._record.tensors:
                    self._save(tensor_name, value)

    # -- what a script saves itself ----------------------------------------------------------------
    @guarded
    def save_scalar(self, name: str, value: Union[int, float, Any], sm_metric: bool = False) -> None:
        self.collections[CollectionKeys.SCALARS].add_tensor_name(name)
        if self._record is not None:
            self._save(name, np.asarray(float(value), dtype=np.float64))

    @guarded
    def save_tensor(
        self, tensor_name: str, tensor_value: Any, collections_to_write: Union[str, Iterable[str]] = "default"
    ) -> None:
        names = [collections_to_write] if isinstance(collections_to_write, str) else list(collections_to_write)
        for collection_name in names:
            collection = self.get_collection(collection_name)
            collection.add_tensor_name(tensor_name)
            self._include(collection)
        if self._record is not None:
            value = tensor_value if hasattr(tensor_value, "detach") else np.asarray(tensor_value)
            if isinstance(value, np.ndarray) and value.dtype.kind not in "biuf":
                raise TypeError(f"tensor {tensor_name!r} is not numbers but {value.dtype}")
            self._save(tensor_name, value)

    def _save(self, name: str, value: Any, later: bool = False) -> None:
        """Hands one tensor of the current step to the writer: a CPU tensor as one copy into the
        writer's shared memory (the writer process reduces it; by the copier's thread when `later`), a GPU
        tensor as its reductions queued on the GPU plus a copy only when the full tensor or its histogram
        is kept."""
        record = self._record
        assert record is not None
        chosen = [c for c in self._active if c.has_tensor(name)]
        if not chosen:
            return
        raw = any(c.save_raw_tensor for c in chosen)
        histogram = any(c.save_histogram for c in chosen)
        names = [c.name for c in chosen]
        if isinstance(value, np.ndarray):
            record.tensors[name] = numpy_record(name, value, names, save_raw=raw, save_histogram=histogram)
            return
        # one memcpy here, into the writer's shared memory; reduced there (is_cpu: no device object made)
        if getattr(value, "is_cpu", False) or value.device.type == "cpu":
            array = self._take(value, name if later else None)
            record.tensors[name] = TensorRecord(
                name, names, None, array.size, array.shape, _type_name(array.dtype), array, raw, histogram
            )
            return
        record.tensors[name] = TensorRecord(
            name,
            names,
            reductions.launch(value),  # queued on the device; its few values read when the step is handed over
            value.numel(),
            tuple(value.shape),
            str(value.dtype).replace("torch.", ""),
            self._take(value) if raw or histogram else None,  # one copy off the device, into the ring
            save_raw=raw,
            save_histogram=histogram,
        )

    def _take(self, tensor: Any, later: Optional[str] = None) -> np.ndarray:
        """A tensor's values copied once (off its device, if any), into the writer's ring when it has
        room, else apart. A CPU tensor named in `later` is copied by the copier's thread (`_copy_taken`)."""
        import torch

        t = tensor.detach()
        reserve = getattr(self._writer, "reserve", None)
        target: Optional[np.ndarray] = None
        if reserve is not None:
            target = reserve(tuple(t.shape), _numpy_types().get(t.dtype, np.float32))
        if target is None:
            return _copy(t)
        if later is not None:
            self._copies.append((target, t))
            self._copies_named.append(later)
            self._copies_bytes += target.nbytes
            if later.startswith(_GRADIENT) and self._changes_gradients is not True:
                self._gradient_versions.append((later, t, t._version))  # a detached tensor shares the count
            return target
        torch.from_numpy(target).copy_(t)  # casts a float16 / bfloat16 tensor to float32 on the way
        return target

    def _write_collections(self) -> None:
        assert self._writer is not None
        self._collections_written = True
        self._writer.write_collections({"worker": self.worker, "collections": [c.to_json() for c in self.included]})

    def close(self) -> None:
        """Hands over the last step and waits for everything to be written (also at exit)."""
        self._flush()
        self._count_quiet_steps()
        if self._writer is not None:
            try:
                self._write_collections()
            except OSError:
                log.exception("the debugger could not write its collections")
            self._writer.close()

    def remove(self) -> None:
        """Takes the hook off the module (then closes it)."""
        for handle in self._handles:
            handle.remove()
        self._handles = []
        self.close()

    # -- a copy of a hooked module ----------------------------------------------------------------
    # A module holds the hook's methods: copy.deepcopy(model) and torch.save(model) copy them, and with them
    # the hook (its writer process, ring and threads cannot be copied: the script would crash). The copy gets
    # a stand-in instead: not hooked, so its forwards (an EMA model, a saved snapshot) count no steps.
    def __reduce__(self) -> tuple[Any, ...]:
        return (Unhooked, ())

    def __deepcopy__(self, memo: dict[int, Any]) -> "Unhooked":
        return Unhooked()


class Unhooked:
    """What a copied module has in the hook's place. A pickled copy (torch.save) looks the hook's methods up by
    name: here, each does nothing. A deep copy keeps the Hook's functions with this as their `self`: this state
    makes each return at its first test. A step's pre-hook takes itself off the module at its first call (torch's
    faster path for a module with no hook)."""

    _quiet = 0  # every forward pre-hook call goes to _start_step
    _record = None  # no step being saved: the other hooks return at once
    _weights_copying: dict[str, int] = {}
    errors = 0

    def _start_step(self, module: Any) -> None:
        for key, hook in list(module._forward_pre_hooks.items()):
            if getattr(hook, "__self__", None) is self:
                del module._forward_pre_hooks[key]

    def _forward_pre_hook(self, module: Any, inputs: Any) -> None:
        self._start_step(module)

    _later_module_pre_hook = _forward_pre_hook

    def _loss_hook(self, *args: Any) -> None:
        return None

    _io_hook = _gradient_hook = _loss_hook


def _close_at_exit(ref: "weakref.ref[Hook]") -> None:
    hook = ref()
    if hook is not None:
        hook.close()


def _on_gradient(param: Any, hook: Callable[[Any], None]) -> Any:
    """Calls `hook(param)` once backward has put the step's gradient in `param.grad`. Not a tensor hook
    on the gradient: one of those holds the gradient while autograd accumulates it, which stops autograd
    from moving it into .grad and makes it copy (a 0.5 ms allocation and copy a step for this MLP, every
    step, saved or not)."""
    if hasattr(param, "register_post_accumulate_grad_hook"):  # torch >= 2.1
        return param.register_post_accumulate_grad_hook(hook)
    return param.register_hook(lambda grad: hook(_GradientOf(grad)))


def _backward_may_follow() -> bool:
    """Whether this forward builds a graph for a backward (the weights' copies are waited for there); under
    no_grad / inference_mode (evaluation) nothing would wait for them before the script's next in-place change,
    so the weights are copied at once."""
    import torch

    return torch.is_grad_enabled()


def _at_backward_end(callback: Callable[[], None]) -> bool:
    """Has autograd call `callback` when the running backward ends, before it returns to the script (what
    DistributedDataParallel uses to wait for its gradients); False where this torch cannot, and then the
    gradients' copies are waited for when the next step starts."""
    import torch

    engine = getattr(torch.autograd.Variable, "_execution_engine", None)
    if engine is None or not hasattr(engine, "queue_callback"):
        return False
    engine.queue_callback(callback)
    return True


class _GradientOf:
    """What an older torch's tensor hook gets, shaped as a parameter with its gradient."""

    def __init__(self, grad: Any):
        self.grad = grad


def _log_shared(module: Any, prefix: str) -> None:
    """Says which submodules and parameters are one object under two names (each is saved once, under
    its first name), so that a user looking for the second name knows why it is not there."""
    seconds: list[str] = []  # the names a shared module also has: its parameters are not said again
    for kind, named in (("module", module.named_modules), ("parameter", module.named_parameters)):
        first: dict[int, str] = {}
        for name, item in named(remove_duplicate=False):
            if id(item) not in first:
                first[id(item)] = name
            elif not any(name.startswith(f"{s}.") for s in seconds):
                seconds.append(name)
                saved, also = prefix + first[id(item)], prefix + name
                log.warning("the debugger hook saves %s %s once, as %s (it is also %s)", kind, saved, saved, also)


@functools.cache
def _type_name(dtype: Any) -> str:
    return str(dtype)  # numpy's str of a dtype runs Python code: 5 us a tensor, once is enough


@functools.cache
def _numpy_types() -> dict[Any, Any]:
    """torch's dtypes that numpy has; any other is saved as float32 (this module imports without torch)."""
    import torch

    return {
        torch.float32: np.float32,
        torch.float64: np.float64,
        torch.int64: np.int64,
        torch.int32: np.int32,
        torch.bool: np.bool_,
    }


def _copy(tensor: Any) -> np.ndarray:
    """A detached numpy copy (when the writer's ring has no room): one copy off a GPU; on the CPU a copy
    too, as the optimizer changes the parameters in place before the writer reads them."""
    import torch

    t = tensor.detach()
    if t.dtype in (torch.bfloat16, torch.float16) or not (
        t.is_floating_point() or t.dtype in (torch.int64, torch.int32, torch.bool)
    ):
        t = t.float()
    array: np.ndarray = t.cpu().numpy() if t.device.type != "cpu" else t.numpy().copy()
    return array
