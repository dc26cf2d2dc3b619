"""What every hook (PyTorch, Keras, XGBoost) does with smdebug's constructor arguments, written once: check them,
pick the collections saved, and open the writer; and the guard that keeps a failing hook from stopping training."""

from __future__ import annotations

import functools
import logging
import os
import weakref
from typing import Any, Callable, Iterable, Optional, TypeVar, Union

from ..core.errors import BadRequest
from .collections import Collection, CollectionKeys, ReductionConfig, compile_regexes
from .modes import ModeKeys, SaveConfig, SaveConfigMode
from .store import StepRecord, StepWriter
from .writer_process import ProcessStepWriter, open_writer

log = logging.getLogger(__name__)
F = TypeVar("F", bound=Callable[..., Any])
MAX_LOGGED_ERRORS = 5


def worker_name() -> str:
    return f"worker_{int(os.environ.get('RANK', '0') or 0)}"


def guarded(method: F) -> F:
    """Runs a hook method so that its failure is logged (the first few times) and training goes on: a debugger must
    never be what crashes a job."""

    @functools.wraps(method)
    def run(self: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except Exception:
            self.errors += 1
            if self.errors <= MAX_LOGGED_ERRORS:
                log.exception("the debugger hook failed in %s; training goes on", method.__name__)
            return None

    return run  # type: ignore[return-value]


class HookBase:
    """The state every hook keeps, set from smdebug's constructor arguments by `_setup`; a subclass gives
    `get_collection` and `_include` (which collections exist and what including one does)."""

    out_dir: str
    tensorboard_dir: Optional[str]
    save_config: SaveConfig
    collections: dict[str, Collection]
    errors: int
    worker: str
    mode: ModeKeys
    step: int  # the global step
    mode_steps: dict[ModeKeys, int]
    _record: Optional[StepRecord]
    _active: list[Collection]
    included: list[Collection]
    enabled: bool
    _writer: Optional[Union[ProcessStepWriter, StepWriter]]
    _collections_written: bool

    def _schedule(self, collection: Collection) -> SaveConfigMode:
        """When `collection` saves in the current mode (its own save config, else the hook's)."""
        return (collection.save_config or self.save_config).for_mode(self.mode)

    def get_collection(self, name: str) -> Collection:
        if name not in self.collections:
            self.collections[name] = Collection(name)
        return self.collections[name]

    def get_collections(self) -> dict[str, Collection]:
        return dict(self.collections)

    def _adopt(self, configured: list[Collection]) -> None:
        """The hook config's collections in place of the built-in ones of the same name; one configured without a
        regex means the built-in's tensors ("weights" alone means the hook's weights)."""
        for collection in configured:
            built_in = self.collections.get(collection.name)
            if built_in is not None and not collection.include_regex:
                collection.include(built_in.include_regex)
            if built_in is not None:
                collection.tensor_names |= built_in.tensor_names
            self.collections[collection.name] = collection
        self.included = [self.collections[c.name] for c in self.included]

    def _include(self, collection: Collection) -> None:
        raise NotImplementedError

    def _setup(
        self,
        collections: dict[str, Collection],
        default_include: Iterable[str],
        *,
        out_dir: Optional[str],
        export_tensorboard: bool,
        tensorboard_dir: Optional[str],
        dry_run: bool,
        reduction_config: Optional[ReductionConfig],
        save_config: SaveConfig,
        include_regex: Optional[list[str]],
        include_collections: Optional[list[str]],
        save_all: bool,
        include_workers: str,
    ) -> None:
        """smdebug's hook arguments checked (a 400 naming the argument) and applied; the writer opened."""
        if not out_dir or not isinstance(out_dir, str):
            raise BadRequest(
                "'out_dir': the folder or s3:// URL where tensors are written is required", field="out_dir"
            )
        if include_workers not in ("one", "all"):
            raise BadRequest("'include_workers': one or all", field="include_workers")
        if export_tensorboard and not tensorboard_dir:
            tensorboard_dir = os.path.join(out_dir, "tensorboard")  # smdebug's place for it
        self.out_dir = out_dir
        self.tensorboard_dir = tensorboard_dir  # set: the steps are exported to TensorBoard there too
        self.save_config = save_config
        self.collections = collections
        self.errors = 0
        self.worker = worker_name()
        self.mode = ModeKeys.GLOBAL
        self.step = -1
        self.mode_steps = dict.fromkeys(ModeKeys, -1)
        self._record = None
        self._active = []
        names = list(default_include if include_collections is None else include_collections)
        if include_regex:
            compile_regexes(include_regex, "include_regex")
            collections[CollectionKeys.DEFAULT].include(include_regex)
            names.append(CollectionKeys.DEFAULT)
        if save_all:
            names.append(CollectionKeys.ALL)
        self.included = []
        for name in dict.fromkeys(names):
            self._include(self.get_collection(name))
        if reduction_config is not None:
            for collection in self.included:
                reduction_config.apply(collection)
        # include_workers="one": only the first worker of a distributed job writes (smdebug's default)
        self.enabled = not dry_run and (include_workers == "all" or self.worker == "worker_0")
        self._writer = open_writer(out_dir, self.worker, tensorboard_dir) if self.enabled else None
        if self._writer is not None:
            # a hook dropped without close (a callback made inline, `callbacks=[Hook(...)]`) still has the steps it
            # handed over written, when it is collected or at exit (close twice is nothing)
            weakref.finalize(self, self._writer.close)
        self._collections_written = False
