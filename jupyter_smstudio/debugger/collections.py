"""Collections: named groups of tensors with their own save settings (smdebug's Collection).

A tensor belongs to a collection when its name was added to it or one of the collection's regexes
finds it (`re.search`, so `relu` finds `Net_relu1_output_0`). A collection's save config says at which
steps its tensors are saved; at each of them the reductions are kept (cheap, a few numbers), the full
tensor when `save_raw_tensor` and a histogram when `save_histogram`. As in smdebug, giving a collection
explicit `reductions` means "only the reductions" unless `save_raw_tensor` is asked for as well.
"""

from __future__ import annotations

import re
import weakref
from dataclasses import dataclass, field
from typing import Callable, Iterable, Optional

from ..core.errors import BadRequest
from .modes import SaveConfig
from .reductions import DEFAULT_REDUCTIONS, check_reductions


class CollectionKeys:
    """The names of smdebug's built-in collections."""

    DEFAULT = "default"
    ALL = "all"
    WEIGHTS = "weights"
    BIASES = "biases"
    GRADIENTS = "gradients"
    LOSSES = "losses"
    SCALARS = "scalars"
    INPUTS = "inputs"
    OUTPUTS = "outputs"


# PyTorch's tensor names (smdebug's): parameters are "<ModelClass>_<dotted.path>", their gradients
# "gradient/<that>", a module's outputs "<dotted.path>_output_<i>" and a loss "<LossClass>_output_0";
# a model with no submodules (a bare nn.Linear) has "<ModelClass>_weight"
PYTORCH_REGEXES: dict[str, tuple[str, ...]] = {
    CollectionKeys.ALL: (".*",),
    CollectionKeys.WEIGHTS: (r"^(?!gradient/).*[._]weight$",),
    CollectionKeys.BIASES: (r"^(?!gradient/).*[._]bias$",),
    CollectionKeys.GRADIENTS: (r"^gradient/",),
    CollectionKeys.INPUTS: (r"_input_\d+$",),
    CollectionKeys.OUTPUTS: (r"_output_\d+$",),
}
BUILT_IN = (
    CollectionKeys.DEFAULT,
    CollectionKeys.ALL,
    CollectionKeys.WEIGHTS,
    CollectionKeys.BIASES,
    CollectionKeys.GRADIENTS,
    CollectionKeys.LOSSES,
    CollectionKeys.SCALARS,
    CollectionKeys.INPUTS,
    CollectionKeys.OUTPUTS,
)
# what the PyTorch hook saves when it is told nothing (smdebug's default)
DEFAULT_INCLUDE = (CollectionKeys.LOSSES, CollectionKeys.SCALARS)


def compile_regexes(patterns: Iterable[str], field_name: str) -> tuple[re.Pattern[str], ...]:
    compiled = []
    for pattern in patterns:
        try:
            compiled.append(re.compile(pattern))
        except re.error as err:
            raise BadRequest(
                f"'{field_name}': {pattern!r} is not a regular expression: {err}", field=field_name
            ) from None
    return tuple(compiled)


@dataclass
class Collection:
    name: str
    include_regex: tuple[str, ...] = ()
    # None: the hook's save config
    save_config: Optional[SaveConfig] = None
    reductions: tuple[str, ...] = DEFAULT_REDUCTIONS
    save_raw_tensor: bool = True
    save_histogram: bool = True
    tensor_names: set[str] = field(default_factory=set)
    _compiled: tuple[re.Pattern[str], ...] = field(default=(), repr=False, compare=False)
    # tensor name -> whether a regex matches it: a saved step asks for every tensor, in every collection
    _matches: dict[str, bool] = field(default_factory=dict, repr=False, compare=False)
    # the hooks that plan their steps by this collection's save config: told when it changes (weakly held)
    _watchers: list[weakref.WeakMethod[Callable[[], None]]] = field(default_factory=list, repr=False, compare=False)

    def __setattr__(self, name: str, value: object) -> None:
        object.__setattr__(self, name, value)
        if name == "save_config":
            for watcher in getattr(self, "_watchers", ()):
                told = watcher()
                if told is not None:
                    told()

    def watch_schedule(self, told: Callable[[], None]) -> None:
        """Has `told` (a hook's bound method) called whenever this collection's save config changes."""
        self._watchers.append(weakref.WeakMethod(told))

    def __post_init__(self) -> None:
        self._compiled = compile_regexes(self.include_regex, f"{self.name}.include_regex")
        self.reductions = check_reductions(self.reductions, f"{self.name}.reductions")

    def include(self, patterns: Iterable[str]) -> None:
        """Adds regexes (smdebug's `collection.include(...)`)."""
        self.include_regex = tuple(dict.fromkeys((*self.include_regex, *patterns)))
        self._compiled = compile_regexes(self.include_regex, f"{self.name}.include_regex")
        self._matches = {}

    def add_tensor_name(self, name: str) -> None:
        self.tensor_names.add(name)

    def has_tensor(self, name: str) -> bool:
        if name in self.tensor_names:
            return True
        matched = self._matches.get(name)
        if matched is None:
            matched = self._matches[name] = any(p.search(name) for p in self._compiled)
        return matched

    def to_json(self) -> dict[str, object]:
        return {
            "name": self.name,
            "include_regex": list(self.include_regex),
            "reductions": list(self.reductions),
            "save_raw_tensor": self.save_raw_tensor,
            "save_histogram": self.save_histogram,
            "tensor_names": sorted(self.tensor_names),
        }


def pytorch_collections() -> dict[str, Collection]:
    """smdebug's built-in collections of the PyTorch hook, not yet included in anything."""
    return {name: Collection(name, include_regex=PYTORCH_REGEXES.get(name, ())) for name in BUILT_IN}


class ReductionConfig:
    """smdebug's ReductionConfig: which reductions a hook's collections keep, and whether the full
    tensors are kept as well (`save_raw_tensor`; off as soon as reductions are asked for, as in smdebug)."""

    def __init__(
        self,
        reductions: Optional[list[str]] = None,
        abs_reductions: Optional[list[str]] = None,
        norms: Optional[list[str]] = None,
        abs_norms: Optional[list[str]] = None,
        save_raw_tensor: bool = False,
        save_shape: bool = False,
    ):
        names = [*(reductions or []), *(f"abs_{r}" for r in abs_reductions or []), *(norms or []), *(abs_norms or [])]
        self.reductions = check_reductions(names, "reduction_config.reductions")
        self.save_raw_tensor = save_raw_tensor

    def apply(self, collection: Collection) -> None:
        if self.reductions:
            collection.reductions = self.reductions
        collection.save_raw_tensor = self.save_raw_tensor
