"""What `Run`, `load_run` and `list_runs` share: SageMaker's names and constants, the run context of
this process, the default session, and the small conversions of names, tags and parameters."""

from __future__ import annotations

import datetime
import logging
import os
import re
from dataclasses import dataclass
from enum import Enum
from numbers import Number
from typing import TYPE_CHECKING, Any, Callable, Optional, Union

from ...core.errors import Conflict

if TYPE_CHECKING:
    from ..session import Session
    from .run import Run

logger = logging.getLogger("jupyter_smstudio.sdk.experiments.run")

RUN_NAME_BASE = "smstudio-run"
TRIAL_NAME_TEMPLATE = "Default-Run-Group-{}"
MAX_NAME_LEN_IN_BACKEND = 120
MAX_STATUS_MESSAGE_LEN = 1024
EXPERIMENT_NAME = "ExperimentName"
TRIAL_NAME = "TrialName"
RUN_NAME = "RunName"
DELIMITER = "-"
RUN_TC_TAG_KEY = "sagemaker:trial-component-source"
RUN_TC_TAG_VALUE = "run"
JOB_COMPONENT_WAIT_SECONDS = 30.0

_INVALID_NAME_CHARS = re.compile(r"[^a-z0-9-]+")


class SortByType(Enum):
    """The property `list_runs` sorts by."""

    CREATION_TIME = "CreationTime"
    NAME = "Name"


class SortOrderType(Enum):
    """The order of `list_runs` and search results."""

    ASCENDING = "Ascending"
    DESCENDING = "Descending"


@dataclass
class TrialComponentArtifact:
    value: str
    media_type: Optional[str] = None


class _TrialComponent:
    """The client's copy of the run's trial component (what SageMaker's `run._trial_component` offers)."""

    def __init__(self, data: dict[str, Any]):
        self.refresh(data)

    def refresh(self, data: dict[str, Any]) -> None:
        self.trial_component_name: str = data["trial_component_name"]
        self.trial_component_arn: str = self.trial_component_name
        self.display_name: str = data.get("display_name") or self.trial_component_name
        self.status: Optional[str] = data.get("status")
        self.status_message: Optional[str] = data.get("status_message")
        self.start_time = data.get("start_time")
        self.end_time = data.get("end_time")
        self.creation_time = data.get("creation_time")
        self.parameters: dict[str, Any] = dict(data.get("parameters") or {})
        self.input_artifacts = {
            k: TrialComponentArtifact(v.get("value"), v.get("media_type"))
            for k, v in (data.get("input_artifacts") or {}).items()
        }
        self.output_artifacts = {
            k: TrialComponentArtifact(v.get("value"), v.get("media_type"))
            for k, v in (data.get("output_artifacts") or {}).items()
        }
        self.tags: dict[str, str] = dict(data.get("tags") or {})
        self.parents: list[dict[str, Any]] = list(data.get("parents") or [])
        self.metrics: list[dict[str, Any]] = list(data.get("metrics") or [])
        self.source_arn: Optional[str] = data.get("source_arn")


class _RunContext:
    """The run of the innermost active `with` block in this process (SageMaker's static slot)."""

    _context_run: Optional["Run"] = None

    @classmethod
    def add_run_object(cls, run: "Run") -> None:
        cls._context_run = run

    @classmethod
    def drop_current_run(cls) -> Optional["Run"]:
        run, cls._context_run = cls._context_run, None
        return run

    @classmethod
    def get_current_run(cls) -> Optional["Run"]:
        return cls._context_run


_DEFAULT_SESSIONS: dict[tuple[Optional[str], ...], Session] = {}
_SESSION_ENV = ("SMSTUDIO_URL", "SMSTUDIO_TOKEN", "SMSTUDIO_JOB_TOKEN", "JUPYTERHUB_API_TOKEN", "SMSTUDIO_HOME")


def default_session() -> Session:
    """One `Session` per process and environment, shared by the runs and analytics made without one
    (an embedded session opens the store once, not once per run)."""
    from ..session import Session

    key = tuple(os.environ.get(k) for k in _SESSION_ENV) + (os.getcwd(),)
    session = _DEFAULT_SESSIONS.get(key)
    if session is None:
        session = _DEFAULT_SESSIONS[key] = Session()
    return session


def _session(sagemaker_session: Any) -> Session:
    session: Session = sagemaker_session or default_session()
    return session


def _normalize_name(name: Any, what: str) -> str:
    """Lower-case (as SageMaker does) and fit the entity-name rule `^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,119}$`."""
    if not isinstance(name, str) or not name:
        raise ValueError(f"{what} must be a non-empty string")
    cleaned = _INVALID_NAME_CHARS.sub(DELIMITER, name.lower()).strip(DELIMITER)
    if not cleaned:
        raise ValueError(f"{what} {name!r} has no letter or digit; names may use a-z, 0-9 and '-'")
    if cleaned != name.lower():
        logger.warning("%s %r is stored as %r (names may use a-z, 0-9 and '-')", what, name, cleaned)
    return cleaned


def _tags_dict(tags: Any) -> dict[str, str]:
    """SageMaker's tags (a list of {"Key", "Value"} or a dict) as the API's {key: value}."""
    if not tags:
        return {}
    if isinstance(tags, dict):
        if "Key" in tags and "Value" in tags:
            return {str(tags["Key"]): str(tags["Value"])}
        return {str(k): str(v) for k, v in tags.items()}
    return {str(t["Key"]): str(t["Value"]) for t in tags}


def _parameter_value(value: Any) -> Union[float, int, str]:
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return value
    if isinstance(value, Number):
        return float(value)  # type: ignore[arg-type]  # numpy scalars too; typeshed's Number has no __float__
    return value if isinstance(value, str) else str(value)


def _now_iso() -> str:
    return datetime.datetime.now(datetime.timezone.utc).isoformat()


def _load_or_create(
    get: Callable[[], dict[str, Any]], create: Callable[[], dict[str, Any]]
) -> tuple[dict[str, Any], bool]:
    """(record, existed): create first (the common case, one call), read on Conflict; another process
    may create it at the same moment, which the store's unique names settle."""
    try:
        return create(), False
    except Conflict:
        return get(), True
