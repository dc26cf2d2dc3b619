"""Modes and when a step is saved, as smdebug counts them.

A step is counted per mode (TRAIN, EVAL, PREDICT) and globally (every step of every mode): the global
step orders everything a job wrote, the mode step is what a user asks for (`tensor.value(5, mode=EVAL)`).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Optional


class ModeKeys(Enum):
    TRAIN = 1
    EVAL = 2
    PREDICT = 3
    GLOBAL = 4


# smdebug's default: a tensor is saved every 500 steps unless told otherwise
DEFAULT_SAVE_INTERVAL = 500


def mode_by_name(name: str, field_name: str = "mode") -> ModeKeys:
    from ..core.errors import BadRequest

    try:
        return ModeKeys[name.strip().upper()]
    except KeyError:
        names = ", ".join(m.name for m in ModeKeys)
        raise BadRequest(f"'{field_name}': unknown mode {name!r}; one of {names}", field=field_name) from None


@dataclass(frozen=True)
class SaveConfigMode:
    """When one mode saves: every `save_interval` steps from `start_step` to `end_step` (excluded),
    or exactly the `save_steps` when they are given (smdebug's SaveConfigMode)."""

    save_interval: int = DEFAULT_SAVE_INTERVAL
    start_step: int = 0
    end_step: Optional[int] = None
    save_steps: tuple[int, ...] = ()

    def should_save(self, step: int) -> bool:
        if self.save_steps:
            return step in self.save_steps
        if step < self.start_step or (self.end_step is not None and step >= self.end_step):
            return False
        return (step - self.start_step) % self.save_interval == 0

    def next_save(self, after: int) -> Optional[int]:
        """The first step after `after` that is saved (None: no more)."""
        if self.save_steps:
            return min((s for s in self.save_steps if s > after), default=None)
        step = max(after + 1, self.start_step)
        step += -(step - self.start_step) % self.save_interval
        return None if self.end_step is not None and step >= self.end_step else step


class SaveConfig:
    """When each mode saves (smdebug's SaveConfig): the arguments for every mode, and
    `mode_save_configs` for the modes that differ. `SaveConfig()` saves every 500 steps."""

    def __init__(
        self,
        save_interval: Optional[int] = None,
        start_step: Optional[int] = None,
        end_step: Optional[int] = None,
        save_steps: Optional[list[int]] = None,
        mode_save_configs: Optional[dict[ModeKeys, SaveConfigMode]] = None,
    ):
        self.default = SaveConfigMode(
            save_interval=DEFAULT_SAVE_INTERVAL if save_interval is None else save_interval,
            start_step=start_step or 0,
            end_step=end_step,
            save_steps=tuple(save_steps or ()),
        )
        check_save_config_mode(self.default, "save_config")
        self.modes: dict[ModeKeys, SaveConfigMode] = dict(mode_save_configs or {})
        for mode, config in self.modes.items():
            check_save_config_mode(config, f"save_config.{mode.name.lower()}")

    def for_mode(self, mode: ModeKeys) -> SaveConfigMode:
        # no lookup when no mode differs (the usual case): a ModeKeys hashes in Python, at every step
        return self.modes.get(mode, self.default) if self.modes else self.default

    def should_save(self, mode: ModeKeys, mode_step: int) -> bool:
        return self.for_mode(mode).should_save(mode_step)

    def __repr__(self) -> str:
        return f"SaveConfig(default={self.default}, modes={self.modes})"


def check_save_config_mode(config: SaveConfigMode, field_name: str) -> None:
    from ..core.errors import BadRequest

    if config.save_interval < 1:
        raise BadRequest(
            f"'{field_name}.save_interval': must be at least 1, not {config.save_interval}",
            field=f"{field_name}.save_interval",
        )
    if config.start_step < 0:
        raise BadRequest(f"'{field_name}.start_step': must be 0 or more", field=f"{field_name}.start_step")
    if config.end_step is not None and config.end_step <= config.start_step:
        raise BadRequest(f"'{field_name}.end_step': must be after start_step", field=f"{field_name}.end_step")
    if any(s < 0 for s in config.save_steps):
        raise BadRequest(f"'{field_name}.save_steps': steps are 0 or more", field=f"{field_name}.save_steps")
