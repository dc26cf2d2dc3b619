"""`Run`, `load_run` and `list_runs`, as in `sagemaker.experiments.run`, recorded by SmStudio.

A run is a trial component named `<experiment>-<run>` in the trial `Default-Run-Group-<experiment>`
(SageMaker's layout), so the Experiments room, `ExperimentAnalytics` and the REST API show it
next to the trial components that track jobs.

Differences from SageMaker, on purpose:
- the log methods also work outside a `with` block (call `close()` when done);
- metrics are buffered and sent by a background thread (see `_metrics`); NaN and +-Infinity
  metric values are kept (SageMaker drops them with a warning);
- graph artifacts are output/input artifacts of the run (media type application/json) rather than
  separate lineage entities; an untitled graph gets a generated name (SageMaker fails);
- names are lower-cased (as SageMaker does) and characters outside [a-z0-9-] become '-'.
"""

from __future__ import annotations

import datetime
import logging
import math
import threading
from numbers import Number
from typing import Any, NoReturn, Optional, Union

from ._helper import (
    _DEFAULT_ARTIFACT_PREFIX,
    GRAPH_MEDIA_TYPE,
    _ArtifactUploader,
    confusion_matrix_data,
    guess_media_type,
    precision_recall_data,
    resolve_artifact_name,
    roc_curve_data,
    unique_name_from_base,
)
from ._metrics import Point, _MetricsManager

# the names SageMaker's `sagemaker.experiments.run` module has stay importable from here
from ._support import (
    DELIMITER,
    EXPERIMENT_NAME,
    MAX_NAME_LEN_IN_BACKEND,
    MAX_STATUS_MESSAGE_LEN,
    RUN_NAME,
    RUN_NAME_BASE,
    RUN_TC_TAG_KEY,
    RUN_TC_TAG_VALUE,
    TRIAL_NAME,
    TRIAL_NAME_TEMPLATE,
    SortByType,
    SortOrderType,
    TrialComponentArtifact,
    _load_or_create,
    _normalize_name,
    _now_iso,
    _parameter_value,
    _RunContext,
    _session,
    _tags_dict,
    _TrialComponent,
    default_session,
)

__all__ = [  # SageMaker's `sagemaker.experiments.run` names, importable from here too
    "DELIMITER",
    "EXPERIMENT_NAME",
    "MAX_NAME_LEN_IN_BACKEND",
    "MAX_STATUS_MESSAGE_LEN",
    "RUN_NAME",
    "RUN_NAME_BASE",
    "RUN_TC_TAG_KEY",
    "RUN_TC_TAG_VALUE",
    "TRIAL_NAME",
    "TRIAL_NAME_TEMPLATE",
    "Run",
    "SortByType",
    "SortOrderType",
    "TrialComponentArtifact",
    "default_session",
    "list_runs",
    "load_run",
]

logger = logging.getLogger(__name__)


class Run:
    """A collection of parameters, metrics and artifacts of one iteration of your work.

    .. code:: python

        with Run(experiment_name="my-exp", run_name="my-run") as run:
            run.log_parameters({"lr": 0.01, "optimizer": "adam"})
            for epoch in range(10):
                run.log_metric("loss", train_one_epoch(), step=epoch)
    """

    # None for a run loaded from a trial component that is in no experiment
    experiment_name: Optional[str]
    run_group_name: Optional[str]

    def __init__(
        self,
        experiment_name: str,
        run_name: Optional[str] = None,
        experiment_display_name: Optional[str] = None,
        run_display_name: Optional[str] = None,
        tags: Any = None,
        sagemaker_session: Any = None,
        artifact_bucket: Optional[str] = None,
        artifact_prefix: Optional[str] = None,
    ):
        session = _session(sagemaker_session)
        backend = session.backend
        self.experiment_name = _normalize_name(experiment_name, "experiment_name")
        self.run_name = (
            _normalize_name(run_name, "run_name") if run_name else unique_name_from_base(RUN_NAME_BASE).lower()
        )
        tc_name = Run._generate_trial_component_name(run_name=self.run_name, experiment_name=self.experiment_name)
        self.run_group_name = Run._generate_trial_name(self.experiment_name)
        tag_map = _tags_dict(tags)

        exp_body: dict[str, Any] = {"experiment_name": self.experiment_name, "tags": tag_map}
        if experiment_display_name:
            exp_body["display_name"] = experiment_display_name[:120]
        # a sweep makes many runs in one experiment: the session remembers what already exists
        known = session.__dict__.setdefault("_smstudio_known", {})
        if ("experiment", self.experiment_name) not in known:
            known[("experiment", self.experiment_name)], _ = _load_or_create(
                lambda: backend.get_experiment(self.experiment_name), lambda: backend.create_experiment(exp_body)
            )
        self._experiment = known[("experiment", self.experiment_name)]
        if ("trial", self.run_group_name) not in known:
            known[("trial", self.run_group_name)], _ = _load_or_create(
                lambda: backend.get_trial(self.run_group_name),
                lambda: backend.create_trial(
                    {"trial_name": self.run_group_name, "experiment_name": self.experiment_name, "tags": tag_map}
                ),
            )
        self._trial = known[("trial", self.run_group_name)]
        # created InProgress with its start time, so entering the `with` block costs no second call
        tc_body: dict[str, Any] = {
            "trial_component_name": tc_name,
            "trial_name": self.run_group_name,
            "tags": {**tag_map, RUN_TC_TAG_KEY: RUN_TC_TAG_VALUE},
            "status": "InProgress",
            "status_message": "Within a run context",
            "start_time": _now_iso(),
        }
        if run_display_name:
            tc_body["display_name"] = run_display_name[:120]
        tc, existed = _load_or_create(
            lambda: backend.get_trial_component(tc_name), lambda: backend.create_trial_component(tc_body, brief=True)
        )
        if existed:
            logger.info(
                "The run (%s) under experiment (%s) already exists. Loading it.", self.run_name, self.experiment_name
            )
            if not any(p.get("trial_name") == self.run_group_name for p in tc.get("parents") or []):
                tc = backend.associate_trial_component(tc_name, {"trial_name": self.run_group_name})
        self._setup(session, tc, artifact_bucket, artifact_prefix, owner=True)
        self._fresh = not existed

    # -- construction helpers -------------------------------------------------------------------
    def _setup(
        self,
        session: Any,
        tc: dict[str, Any],
        artifact_bucket: Optional[str],
        artifact_prefix: Optional[str],
        owner: bool,
    ) -> None:
        self.sagemaker_session = session
        self._backend = session.backend
        self._trial_component = _TrialComponent(tc)
        self._owner = owner  # a loaded run leaves the component's status alone
        self._enters = 0
        self._previous_context: list[Optional[Run]] = []
        self._pending_lock = threading.Lock()
        self._save_lock = threading.RLock()
        self._pending: dict[str, dict[str, Any]] = {"parameters": {}, "input_artifacts": {}, "output_artifacts": {}}
        self._unsaved_fields: dict[str, Any] = {}
        self._artifact_uploader = _ArtifactUploader(
            trial_component_name=self._trial_component.trial_component_name,
            sagemaker_session=session,
            artifact_bucket=artifact_bucket,
            artifact_prefix=_DEFAULT_ARTIFACT_PREFIX if artifact_prefix is None else artifact_prefix,
        )
        self._metrics_manager = _MetricsManager(
            self._trial_component.trial_component_name, session, on_tick=self._save_pending_if_any
        )

    @classmethod
    def _from_component(
        cls,
        session: Any,
        tc: dict[str, Any],
        experiment_name: Optional[str],
        artifact_bucket: Optional[str] = None,
        artifact_prefix: Optional[str] = None,
        owner: bool = False,
    ) -> "Run":
        run = cls.__new__(cls)
        parents = tc.get("parents") or []
        name = tc["trial_component_name"]
        if experiment_name is None and parents:
            experiment_name = parents[0]["experiment_name"]
        run.experiment_name = experiment_name
        run.run_name = Run._extract_run_name_from_tc_name(name, experiment_name) if experiment_name else name
        group = Run._generate_trial_name(experiment_name) if experiment_name else None
        trials = [p["trial_name"] for p in parents]
        run.run_group_name = group if group in trials or not trials else trials[0]
        run._experiment = {"experiment_name": experiment_name}
        run._trial = {"trial_name": run.run_group_name, "experiment_name": experiment_name}
        run._setup(session, tc, artifact_bucket, artifact_prefix, owner=owner)
        return run

    # -- SageMaker's properties -----------------------------------------------------------------
    @property
    def experiment_config(self) -> dict[str, Optional[str]]:
        return {
            EXPERIMENT_NAME: self.experiment_name,
            TRIAL_NAME: self.run_group_name,
            RUN_NAME: self._trial_component.trial_component_name,
        }

    @property
    def trial_component_name(self) -> str:
        return self._trial_component.trial_component_name

    def __repr__(self) -> str:
        return (
            f"Run(experiment_name={self.experiment_name!r}, run_name={self.run_name!r}, "
            f"trial_component={self.trial_component_name!r})"
        )

    # -- logging --------------------------------------------------------------------------------
    def log_parameter(self, name: str, value: Union[str, int, float]) -> None:
        """Record one parameter (overwrites an earlier value of that name)."""
        if self._is_input_valid("parameter", name, value):
            value = _parameter_value(value)
            with self._pending_lock:
                self._trial_component.parameters[name] = value
                self._pending["parameters"][name] = value

    def log_parameters(self, parameters: dict[str, Any]) -> None:
        """Record several parameters."""
        values = {k: _parameter_value(v) for k, v in parameters.items() if self._is_input_valid("parameter", k, v)}
        with self._pending_lock:
            self._trial_component.parameters.update(values)
            self._pending["parameters"].update(values)

    def log_metric(
        self, name: str, value: float, timestamp: Optional[datetime.datetime] = None, step: Optional[int] = None
    ) -> None:
        """Record one value of a scalar metric; returns at once (a background thread sends it)."""
        self._metrics_manager.log_metric(name, value, timestamp, step)

    def log_artifact(self, name: str, value: str, media_type: Optional[str] = None, is_output: bool = True) -> None:
        """Record an artifact: a URL or a plain value (overwrites an earlier one of that name)."""
        self._record_artifact(name, str(value), media_type, is_output)
        self._save_pending()

    def log_file(
        self,
        file_path: str,
        name: Optional[str] = None,
        media_type: Optional[str] = None,
        is_output: Optional[bool] = True,
        extra_args: Optional[dict[str, Any]] = None,
    ) -> str:
        """Upload a file to `<bucket>/<artifact_prefix>/<trial component>/<file>` and record it as an artifact."""
        media_type = media_type or guess_media_type(file_path)
        name = name or resolve_artifact_name(file_path)
        url, _ = self._artifact_uploader.upload_artifact(file_path)
        self._record_artifact(name, url, media_type, bool(is_output))
        self._save_pending()
        return url

    def log_confusion_matrix(
        self, y_true: Any, y_pred: Any, title: Optional[str] = None, is_output: bool = True
    ) -> None:
        """Compute a confusion matrix (scikit-learn) and store it as a graph artifact."""
        self._log_graph_artifact(confusion_matrix_data(y_true, y_pred, title), "ConfusionMatrix", is_output, title)

    def log_roc_curve(self, y_true: Any, y_score: Any, title: Optional[str] = None, is_output: bool = True) -> None:
        """Compute a ROC curve and its AUC (scikit-learn) and store them as a graph artifact."""
        self._log_graph_artifact(roc_curve_data(y_true, y_score, title), "ROCCurve", is_output, title)

    def log_precision_recall(
        self,
        y_true: Any,
        predicted_probabilities: Any,
        positive_label: Any = None,
        title: Optional[str] = None,
        is_output: bool = True,
        no_skill: Optional[int] = None,
    ) -> None:
        """Compute a precision-recall curve (scikit-learn) and store it as a graph artifact."""
        data = precision_recall_data(y_true, predicted_probabilities, positive_label, title, no_skill)
        self._log_graph_artifact(data, "PrecisionRecallCurve", is_output, title)

    def _log_graph_artifact(
        self, data: dict[str, Any], graph_type: str, is_output: bool, artifact_name: Optional[str] = None
    ) -> None:
        artifact_name = artifact_name or unique_name_from_base(graph_type)
        url, _ = self._artifact_uploader.upload_object_artifact(artifact_name, data, file_extension="json")
        self._record_artifact(artifact_name, url, GRAPH_MEDIA_TYPE, is_output)
        self._save_pending()

    def _record_artifact(self, name: str, value: str, media_type: Optional[str], is_output: bool) -> None:
        key = "output_artifacts" if is_output else "input_artifacts"
        with self._pending_lock:
            getattr(self._trial_component, key)[name] = TrialComponentArtifact(value, media_type)
            self._pending[key][name] = {"value": value, "media_type": media_type}

    @staticmethod
    def _is_input_valid(input_type: str, field_name: str, field_value: Any) -> bool:
        if isinstance(field_value, Number) and not isinstance(field_value, bool):
            try:
                # typeshed: numbers.Number declares no __float__ (a Number without one raises TypeError here)
                bad = math.isnan(field_value) or math.isinf(field_value)  # type: ignore[arg-type]
            except TypeError:
                bad = False
            if bad:
                logger.warning("Failed to log %s %s. Received invalid value: %s.", input_type, field_name, field_value)
                return False
        return True

    # -- saving ---------------------------------------------------------------------------------
    def _save_pending_if_any(self) -> None:
        if any(self._pending.values()) or self._unsaved_fields:
            self._save_pending()

    def _save_pending(self, last_points: Optional[list[Point]] = None, **fields: Any) -> None:
        """Send the parameters and artifacts logged since the last save, with `fields` (status, times);
        `last_points` (metric tuples) go in the same write (embedded backends only)."""
        with self._save_lock:
            with self._pending_lock:
                pending = self._pending
                self._pending = {"parameters": {}, "input_artifacts": {}, "output_artifacts": {}}
            fields = {**self._unsaved_fields, **fields}  # an earlier final status that failed to save
            self._unsaved_fields = {}
            body = {k: v for k, v in pending.items() if v}
            body.update({k: v for k, v in fields.items() if v is not None})
            if not body and not last_points:
                return
            try:
                if last_points:
                    tc = self._backend.finish_trial_component(self.trial_component_name, body, last_points, brief=True)
                    self._metrics_manager.sent += len(last_points)
                else:
                    tc = self._backend.update_trial_component(self.trial_component_name, body, brief=True)
            except BaseException:
                with self._pending_lock:  # keep what failed unless it was logged anew meanwhile
                    for key, values in pending.items():
                        self._pending[key] = {**values, **self._pending[key]}
                if last_points:
                    self._metrics_manager.put_back(last_points)
                self._unsaved_fields = fields
                raise
            self._trial_component.status = tc.get("status")
            self._trial_component.status_message = tc.get("status_message")
            self._trial_component.start_time = tc.get("start_time")
            self._trial_component.end_time = tc.get("end_time")

    def flush(self) -> None:
        """Send every metric, parameter and artifact logged so far (SmStudio addition)."""
        self._metrics_manager.flush()
        self._save_pending()

    def close(self) -> None:
        """Send everything logged and stop the metric sender."""
        try:
            self._metrics_manager.close()
        finally:
            self._save_pending()

    # -- the with block -------------------------------------------------------------------------
    def __enter__(self) -> "Run":
        current = _RunContext.get_current_run()
        if self._enters == 0:
            if self._owner and current is not None and current is not self:
                raise RuntimeError("It is not allowed to use nested 'with' statements on the Run.")
            self._previous_context.append(current)
            _RunContext.add_run_object(self)
        self._enters += 1
        if self._enters == 1 and self._owner and not getattr(self, "_fresh", False):
            fields: dict[str, Any] = {"status": "InProgress", "status_message": "Within a run context"}
            if not self._trial_component.start_time:
                fields["start_time"] = _now_iso()
            self._save_pending(**fields)
        return self

    def __exit__(self, exc_type: Any, exc_value: Any, exc_traceback: Any) -> None:
        self._enters -= 1
        if self._enters > 0:  # the inner `with load_run()` of this same run: keep it open
            self.flush()
            return
        previous = self._previous_context.pop() if self._previous_context else None
        if _RunContext.get_current_run() is self:
            if previous is not None:
                _RunContext.add_run_object(previous)
            else:
                _RunContext.drop_current_run()
        fields: dict[str, Any] = {}
        if self._owner and exc_value is not None:
            message = (str(exc_value) or type(exc_value).__name__)[:MAX_STATUS_MESSAGE_LEN]
            fields = {"status": "Failed", "status_message": message, "end_time": _now_iso()}
        elif self._owner:
            fields = {"status": "Completed", "status_message": "", "end_time": _now_iso()}
        # every metric lands before (or with) the status that says the run ended
        together = bool(fields) and hasattr(self._backend, "finish_trial_component")
        last = self._metrics_manager.close(keep_last=together)
        try:
            self._save_pending(last_points=last, **fields)
        except Exception:
            if exc_value is None:
                raise
            # the block's own exception is the one the user needs to see
            logger.exception("smstudio: could not record the end of run %s", self.trial_component_name)

    def __getstate__(self) -> NoReturn:
        raise NotImplementedError("Instance of Run type is not allowed to be pickled.")

    # -- names ----------------------------------------------------------------------------------
    @staticmethod
    def _generate_trial_name(base_name: str) -> str:
        available_length = MAX_NAME_LEN_IN_BACKEND - len(TRIAL_NAME_TEMPLATE)
        return TRIAL_NAME_TEMPLATE.format(base_name[:available_length])

    @staticmethod
    def _generate_trial_component_name(run_name: str, experiment_name: str) -> str:
        max_len = int(MAX_NAME_LEN_IN_BACKEND / 2) - 1
        template = "The {} (length: {}) must have length less than or equal to {}"
        if len(run_name) > max_len:
            raise ValueError(template.format("run_name", len(run_name), max_len))
        if len(experiment_name) > max_len:
            raise ValueError(template.format("experiment_name", len(experiment_name), max_len))
        return f"{experiment_name}{DELIMITER}{run_name}".lower()

    @staticmethod
    def _extract_run_name_from_tc_name(trial_component_name: str, experiment_name: str) -> str:
        prefix = f"{experiment_name.lower()}{DELIMITER}"
        return trial_component_name[len(prefix) :] if trial_component_name.startswith(prefix) else trial_component_name


# SageMaker's module has these here too; they live in _lookup.py (they need Run first)
from ._lookup import list_runs, load_run  # noqa: E402,F401
