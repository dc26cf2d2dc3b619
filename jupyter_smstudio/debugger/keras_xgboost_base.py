"""What the Keras and the XGBoost hooks share: a hook whose steps a framework's callbacks mark.

The PyTorch hook finds its steps itself (a forward pre-hook); Keras and XGBoost call a callback at the
start and end of each batch or boosting round instead, so here a step is opened with `begin_step`,
filled with `save` and handed to the writer thread with `end_step`. Collections, save configs, the
record layout and the writer are the PyTorch hook's (`collections`, `modes`, `store`): a trial reads
the tensors of all three hooks the same way.

A hook that fails logs its error (the first few times) and training goes on.
"""

from __future__ import annotations

import atexit
import logging
import weakref
from typing import Any, Iterable, Optional, TypeVar, Union

import numpy as np

from . import reductions
from .collections import Collection, CollectionKeys, ReductionConfig
from .hook_config import HookConfig, read_hook_config
from .hook_setup import HookBase, guarded
from .modes import ModeKeys, SaveConfig
from .store import StepRecord, TensorRecord

log = logging.getLogger(__name__)
H = TypeVar("H", bound="CallbackHook")
# every Keras and XGBoost hook alive: the automatic hook stands down where a script made its own
LIVE_HOOKS: "weakref.WeakSet[CallbackHook]" = weakref.WeakSet()


def to_numpy(value: Any) -> np.ndarray:
    """A numpy copy of a tensor (torch, numpy, a Python number): the framework may change it in place
    (an optimizer step) before the writer thread reads it."""
    if hasattr(value, "detach"):  # a torch tensor (Keras' torch backend)
        import torch

        t = value.detach()
        if t.dtype in (torch.bfloat16, torch.float16) or not (
            t.is_floating_point() or t.dtype in (torch.int64, torch.int32, torch.bool)
        ):
            t = t.float()
        array: np.ndarray = t.cpu().numpy() if t.device.type != "cpu" else t.numpy().copy()
        return array
    if hasattr(value, "numpy") and not isinstance(value, np.ndarray):  # a TensorFlow or Keras tensor
        value = value.numpy()
    array = np.array(value, copy=True)
    if array.dtype.kind not in "biuf":
        raise TypeError(f"not numbers but {array.dtype}")
    return array


def tensor_record(name: str, value: Any, collections: list[str], save_raw: bool, save_histogram: bool) -> TensorRecord:
    """One tensor of a step for the writer: a GPU tensor reduced on its device (copied only when kept),
    anything else copied once and reduced on the writer thread."""
    if hasattr(value, "detach") and value.device.type != "cpu":
        return TensorRecord(
            name,
            collections,
            reductions.launch(value),
            value.numel(),
            tuple(value.shape),
            str(value.dtype).replace("torch.", ""),
            to_numpy(value) if save_raw or save_histogram else None,
            save_raw=save_raw,
            save_histogram=save_histogram,
        )
    array = to_numpy(value)
    return TensorRecord(
        name, collections, None, int(array.size), tuple(array.shape), str(array.dtype), array, save_raw, save_histogram
    )


class CallbackHook(HookBase):
    """smdebug's hook arguments and collections; subclasses name their collections and mark the steps."""

    # the built-in collections, their regexes and the ones saved when the hook is told nothing
    BUILT_IN: tuple[str, ...] = (CollectionKeys.DEFAULT, CollectionKeys.ALL, CollectionKeys.SCALARS)
    REGEXES: dict[str, tuple[str, ...]] = {CollectionKeys.ALL: (".*",)}
    DEFAULT_INCLUDE: tuple[str, ...] = (CollectionKeys.SCALARS,)
    # the save interval when neither the arguments nor the hook config give one (None: smdebug's 500)
    DEFAULT_SAVE_INTERVAL: Optional[int] = None

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
        self._setup(
            {name: Collection(name, include_regex=self.REGEXES.get(name, ())) for name in self.BUILT_IN},
            self.DEFAULT_INCLUDE,
            out_dir=out_dir,
            export_tensorboard=export_tensorboard,
            tensorboard_dir=tensorboard_dir,
            dry_run=dry_run,
            reduction_config=reduction_config,
            save_config=save_config or SaveConfig(save_interval=self.DEFAULT_SAVE_INTERVAL),
            include_regex=include_regex,
            include_collections=include_collections,
            save_all=save_all,
            include_workers=include_workers,
        )
        self._said: set[str] = set()
        LIVE_HOOKS.add(self)
        atexit.register(_close_at_exit, weakref.ref(self))  # a weak one: a dropped hook is not kept alive

    def say_once(self, key: str, message: str, *args: Any) -> None:
        """A warning about the training (what is not saved, a NaN loss), once per kind."""
        if key not in self._said:
            self._said.add(key)
            log.warning(message, *args)

    # -- smdebug's constructors and collections ---------------------------------------------------
    @classmethod
    def create_from_json_file(
        cls: type[H], json_file_path: Optional[str] = None, *, path: Optional[str] = None, **extra: Any
    ) -> H:
        """A hook set up by SageMaker's debug hook config (see `hook_config`); `extra`: the
        framework's own arguments (XGBoost's hyperparameters, train_data, ...)."""
        return cls.from_config(read_hook_config(json_file_path or path), **extra)

    @classmethod
    def from_config(cls: type[H], config: HookConfig, **extra: Any) -> H:
        configured = [c.name for c in config.collections]
        says_when = config.save_config.default != SaveConfig().default or bool(config.save_config.modes)
        hook = cls(
            out_dir=config.out_dir,
            export_tensorboard=config.export_tensorboard,
            tensorboard_dir=config.tensorboard_dir,
            save_config=config.save_config if says_when else None,
            include_regex=list(config.include_regex) or None,
            include_collections=configured or None,
            save_all=config.save_all,
            include_workers=config.include_workers,
            **extra,
        )
        hook._adopt(config.collections)
        return hook

    def _include(self, collection: Collection) -> None:
        if any(c is collection for c in self.included):
            return
        self.included.append(collection)
        if self._record is not None and self._saves_now(collection):  # included mid-step: saved from now on
            self._active.append(collection)

    # -- the steps -------------------------------------------------------------------------------
    def _mode_step(self) -> int:
        return self.step if self.mode == ModeKeys.GLOBAL else self.mode_steps[self.mode]

    def _saves_now(self, collection: Collection) -> bool:
        return self._schedule(collection).should_save(self._mode_step())

    def begin_step(self, mode: ModeKeys) -> bool:
        """Counts a step of `mode`; True when any collection saves at it."""
        self.end_step()
        self.mode = mode
        self.step += 1
        self.mode_steps[mode] += 1
        if not self.enabled:
            return False
        self._active = [c for c in self.included if self._saves_now(c)]
        if not self._active:
            return False
        self._record = StepRecord(self.step, self.mode, self._mode_step())
        if not self._collections_written:
            self._write_collections()
        return True

    @property
    def saving(self) -> bool:
        """Whether the current step saves anything (the callbacks skip all work when not)."""
        return self._record is not None

    def wants(self, name: str) -> bool:
        """Whether a tensor of that name is saved at the current step (checked before costly work)."""
        return self._record is not None and any(c.has_tensor(name) for c in self._active)

    def save(self, name: str, value: Any) -> None:
        """Hands one tensor of the current step to the writer (nothing when no collection saves it now)."""
        record = self._record
        if record is None:
            return
        chosen = [c for c in self._active if c.has_tensor(name)]
        if not chosen:
            return
        raw = any(c.save_raw_tensor for c in chosen)
        histogram = any(c.save_histogram for c in chosen)
        names = [c.name for c in chosen]
        array = self._take(value)
        if array is None:
            record.tensors[name] = tensor_record(name, value, names, raw, histogram)
        else:
            shape, dtype = tuple(array.shape), str(array.dtype)
            record.tensors[name] = TensorRecord(name, names, None, int(array.size), shape, dtype, array, raw, histogram)

    def _take(self, value: Any) -> Optional[np.ndarray]:
        """A CPU tensor's values copied once, into the writer process's shared memory; None when it has
        no room or the value is of another kind (`tensor_record` copies it then)."""
        reserve = getattr(self._writer, "reserve", None)
        if reserve is None:
            return None
        if isinstance(value, np.ndarray) and value.dtype.kind in "biuf":
            target: Optional[np.ndarray] = reserve(value.shape, value.dtype)
            if target is not None:
                np.copyto(target, value)
            return target
        if hasattr(value, "detach") and value.device.type == "cpu" and value.is_floating_point():
            import torch

            target = reserve(tuple(value.shape), np.float64 if value.dtype == torch.float64 else np.float32)
            if target is not None:
                torch.from_numpy(target).copy_(value.detach())  # a float16 / bfloat16 one as float32
            return target
        return None

    def end_step(self) -> None:
        if self._record is not None and self._writer is not None:
            self._writer.submit(self._record)
        self._record = None
        self._active = []

    # -- what a script saves itself ----------------------------------------------------------------
    @guarded
    def save_scalar(self, name: str, value: Union[int, float, Any], sm_metric: bool = False) -> None:
        self.collections[CollectionKeys.SCALARS].add_tensor_name(name)
        self.save(name, np.asarray(float(value), dtype=np.float64))

    @guarded
    def save_tensor(
        self, tensor_name: str, tensor_value: Any, collections_to_write: Union[str, Iterable[str]] = "default"
    ) -> None:
        names = [collections_to_write] if isinstance(collections_to_write, str) else list(collections_to_write)
        for collection_name in names:
            collection = self.get_collection(collection_name)
            collection.add_tensor_name(tensor_name)
            self._include(collection)
        self.save(tensor_name, tensor_value)

    def _write_collections(self) -> None:
        assert self._writer is not None
        self._collections_written = True
        self._writer.write_collections({"worker": self.worker, "collections": [c.to_json() for c in self.included]})

    def close(self) -> None:
        """Hands over the last step and waits for everything to be written (also at exit)."""
        self.end_step()
        if self._writer is not None:
            try:
                self._write_collections()
            except OSError:
                log.exception("the debugger could not write its collections")
            self._writer.close()

    def __deepcopy__(self, memo: dict[int, Any]) -> "CallbackHook":
        # a hook is a handle on a writer: a copy (scikit-learn's clone of an estimator's callbacks) is itself
        return self


def _close_at_exit(ref: "weakref.ref[CallbackHook]") -> None:
    hook = ref()
    if hook is not None:
        hook.close()
