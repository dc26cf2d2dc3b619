"""smdebug's PyTorch hook: saves a module's weights, biases, gradients, losses and what a script asks
for, at the save steps of their collections, under `out_dir` (see `store` for the layout).

A step starts when the registered module's forward starts (a forward pre-hook), in the mode set with
`set_mode` or, when a script never sets one, TRAIN or EVAL after the module's `training` flag (what a
plain script does with `model.train()` / `model.eval()`). Weights are read at the step's start (the
values that forward uses), gradients as backward computes them (tensor hooks), a loss as its module
returns it. Everything of a step is handed to the writer thread when the next step starts or the hook
closes. Between save steps the hooks return at their first test: no tensor is touched, nothing copied.

A failing hook logs its error and training goes on (a debugger must never be what crashes a job).
"""

from __future__ import annotations

import atexit
import functools
import logging
import os
import weakref
from typing import Any, Callable, Iterable, Optional, TypeVar, Union

import numpy as np

from ..core.errors import BadRequest
from . import reductions
from .collections import (
    BUILT_IN,
    DEFAULT_INCLUDE,
    Collection,
    CollectionKeys,
    ReductionConfig,
    compile_regexes,
    pytorch_collections,
)
from .hook_config import HookConfig, read_hook_config
from .modes import ModeKeys, SaveConfig
from .store import StepRecord, StepWriter, TensorRecord, numpy_record

log = logging.getLogger(__name__)
F = TypeVar("F", bound=Callable[..., Any])
_MAX_LOGGED_ERRORS = 5
# collections whose tensors are a module's inputs and outputs: forward hooks on every submodule
_MODULE_IO = (CollectionKeys.INPUTS, CollectionKeys.OUTPUTS, CollectionKeys.ALL)


def _guarded(method: F) -> F:
    @functools.wraps(method)
    def run(self: "Hook", *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except Exception:
            self.errors += 1
            if self.errors <= _MAX_LOGGED_ERRORS:
                log.exception("the debugger hook failed in %s; training goes on", method.__name__)
            return None

    return run  # type: ignore[return-value]


def worker_name() -> str:
    return f"worker_{int(os.environ.get('RANK', '0') or 0)}"


class Hook:
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
        if not out_dir or not isinstance(out_dir, str):
            raise BadRequest(
                "'out_dir': the folder or s3:// URL where tensors are written is required", field="out_dir"
            )
        if include_workers not in ("one", "all"):
            raise BadRequest("'include_workers': one or all", field="include_workers")
        if export_tensorboard:
            log.warning(
                "the debugger's TensorBoard export is not built yet; tensors are saved for the analysis API only"
            )
        self.out_dir = out_dir
        self.tensorboard_dir = tensorboard_dir
        self.save_config = save_config or SaveConfig()
        self.collections = pytorch_collections()
        self.errors = 0
        self.worker = worker_name()
        self.mode = ModeKeys.GLOBAL
        self._mode_set = False
        self.step = -1  # the global step
        self.mode_steps = dict.fromkeys(ModeKeys, -1)
        self._record: Optional[StepRecord] = None
        self._active: list[Collection] = []
        names = list(DEFAULT_INCLUDE if include_collections is None else include_collections)
        if include_regex:
            compile_regexes(include_regex, "include_regex")
            self.collections[CollectionKeys.DEFAULT].include(include_regex)
            names.append(CollectionKeys.DEFAULT)
        if save_all:
            names.append(CollectionKeys.ALL)
        self.included: list[Collection] = []
        for name in dict.fromkeys(names):
            self._include(self.get_collection(name))
        if reduction_config is not None:
            for collection in self.included:
                reduction_config.apply(collection)
        self._module: Any = None
        self._handles: list[Any] = []
        # include_workers="one": only the first worker of a distributed job writes (smdebug's default)
        self.enabled = not dry_run and (include_workers == "all" or self.worker == "worker_0")
        self._writer = StepWriter(out_dir, self.worker) if self.enabled else None
        self._collections_written = False
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
        for collection in config.collections:
            built_in = hook.collections.get(collection.name)
            if built_in is not None and not collection.include_regex:
                collection.include(built_in.include_regex)  # "weights" without a regex means smdebug's weights
            if built_in is not None:
                collection.tensor_names |= built_in.tensor_names
            hook.collections[collection.name] = collection
        hook.included = [hook.collections[c.name] for c in hook.included]
        return hook

    def get_collection(self, name: str) -> Collection:
        if name not in self.collections:
            self.collections[name] = Collection(name)
        return self.collections[name]

    def get_collections(self) -> dict[str, Collection]:
        return dict(self.collections)

    def _include(self, collection: Collection) -> None:
        if any(c is collection for c in self.included):
            return
        self.included.append(collection)
        if self.step >= 0 and self._saves_now(collection):  # included mid-step (save_tensor): saved from now on
            self._active.append(collection)
            if self._record is None:
                self._record = StepRecord(self.step, self.mode, self._mode_step())

    # -- registering -----------------------------------------------------------------------------
    def register_module(self, module: Any) -> None:
        """Counts steps on `module`'s forward and saves its parameters and their gradients."""
        if self._module is not None:
            raise BadRequest("'module': this hook already has a module; make one hook per model", field="module")
        self._module = module
        prefix = f"{module._get_name()}_"
        self._params = [(prefix + name, p) for name, p in module.named_parameters()]
        if not self._params:
            log.warning(
                "the debugger hook's module %s has no parameters: only losses and outputs are saved", prefix[:-1]
            )
        self._handles.append(module.register_forward_pre_hook(self._forward_pre_hook))
        for name, param in self._params:
            if param.requires_grad:
                self._handles.append(param.register_hook(functools.partial(self._gradient_hook, f"gradient/{name}")))
        if any(c.name in _MODULE_IO or (c.name not in BUILT_IN and c.include_regex) for c in self.included) or (
            self.collections[CollectionKeys.DEFAULT].include_regex
        ):
            for name, sub in module.named_modules():
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

    def set_mode(self, mode: ModeKeys) -> None:
        if not isinstance(mode, ModeKeys):
            raise BadRequest(f"'mode': {mode!r} is not a ModeKeys", field="mode")
        self.mode = mode
        self._mode_set = True

    # -- the steps -------------------------------------------------------------------------------
    def _mode_step(self) -> int:
        return self.step if self.mode == ModeKeys.GLOBAL else self.mode_steps[self.mode]

    def _saves_now(self, collection: Collection) -> bool:
        return (collection.save_config or self.save_config).should_save(self.mode, self._mode_step())

    @_guarded
    def _forward_pre_hook(self, module: Any, inputs: Any) -> None:
        self._flush()
        if not self._mode_set:
            self.mode = ModeKeys.TRAIN if module.training else ModeKeys.EVAL
        self.step += 1
        self.mode_steps[self.mode] += 1
        if not self.enabled:
            return
        self._active = [c for c in self.included if self._saves_now(c)]
        if not self._active:
            return
        self._record = StepRecord(self.step, self.mode, self._mode_step())
        if not self._collections_written:
            self._write_collections()
        if module is self._module:
            for name, param in self._params:
                self._save(name, param)

    def _flush(self) -> None:
        if self._record is not None and self._writer is not None:
            self._writer.submit(self._record)
        self._record = None
        self._active = []

    @_guarded
    def _gradient_hook(self, name: str, grad: Any) -> None:
        if self._record is not None:
            self._save(name, grad)

    @_guarded
    def _loss_hook(self, name: str, module: Any, inputs: Any, output: Any) -> None:
        if self._record is not None:
            self._save(name, output)

    @_guarded
    def _io_hook(self, name: str, module: Any, inputs: Any, outputs: Any) -> None:
        if self._record is None:
            return
        for kind, values in (("input", inputs), ("output", outputs)):
            for i, value in enumerate(values if isinstance(values, (tuple, list)) else (values,)):
                if hasattr(value, "detach"):
                    self._save(f"{name}_{kind}_{i}", value)

    # -- what a script saves itself ----------------------------------------------------------------
    @_guarded
    def save_scalar(self, name: str, value: Union[int, float, Any], sm_metric: bool = False) -> None:
        self.collections[CollectionKeys.SCALARS].add_tensor_name(name)
        if self._record is not None:
            self._save(name, np.asarray(float(value), dtype=np.float64))

    @_guarded
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

    def _save(self, name: str, value: Any) -> None:
        """Hands one tensor of the current step to the writer thread: a CPU tensor as one copy (the
        writer reduces it), a GPU tensor as its reductions queued on the GPU plus a copy only when the
        full tensor or its histogram is kept."""
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
        if value.device.type == "cpu":  # one memcpy here; reduced and written on the writer thread
            array = _copy(value)
            record.tensors[name] = TensorRecord(
                name, names, None, array.size, array.shape, str(array.dtype), array, raw, histogram
            )
            return
        record.tensors[name] = TensorRecord(
            name,
            names,
            reductions.launch(value),  # queued on the device; read by the writer thread
            value.numel(),
            tuple(value.shape),
            str(value.dtype).replace("torch.", ""),
            _copy(value) if raw or histogram else None,
            save_raw=raw,
            save_histogram=histogram,
        )

    def _write_collections(self) -> None:
        assert self._writer is not None
        self._collections_written = True
        self._writer.write_collections({"worker": self.worker, "collections": [c.to_json() for c in self.included]})

    def close(self) -> None:
        """Hands over the last step and waits for everything to be written (also at exit)."""
        self._flush()
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


def _close_at_exit(ref: "weakref.ref[Hook]") -> None:
    hook = ref()
    if hook is not None:
        hook.close()


def _copy(tensor: Any) -> np.ndarray:
    """A detached numpy copy: one copy off a GPU; on the CPU a copy too, as the optimizer changes the
    parameters in place before the writer thread reads them."""
    import torch

    t = tensor.detach()
    if t.dtype in (torch.bfloat16, torch.float16) or not (
        t.is_floating_point() or t.dtype in (torch.int64, torch.int32, torch.bool)
    ):
        t = t.float()
    array: np.ndarray = t.cpu().numpy() if t.device.type != "cpu" else t.numpy().copy()
    return array
