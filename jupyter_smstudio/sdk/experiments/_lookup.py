"""`load_run` and `list_runs`, as in `sagemaker.experiments.run`."""

from __future__ import annotations

import datetime
import os
import time
from typing import Any, Optional

from ...core.errors import NotFound
from ._support import (
    JOB_COMPONENT_WAIT_SECONDS,
    RUN_TC_TAG_KEY,
    RUN_TC_TAG_VALUE,
    SortByType,
    SortOrderType,
    _normalize_name,
    _RunContext,
    _session,
    logger,
)
from .run import Run


def load_run(
    run_name: Optional[str] = None,
    experiment_name: Optional[str] = None,
    sagemaker_session: Any = None,
    artifact_bucket: Optional[str] = None,
    artifact_prefix: Optional[str] = None,
    tags: Any = None,
) -> Run:
    """Load an existing run, to log more to it.

    1. `load_run(run_name=..., experiment_name=...)`: that run (it must exist).
    2. Inside an active `with Run(...)` block of this process: that run.
    3. Inside a job: the run of the job's `experiment_config` (`SMSTUDIO_EXPERIMENT_NAME` +
       `SMSTUDIO_RUN_NAME`, which `Run.experiment_config` passes), else the trial component that
       tracks the job itself (`SMSTUDIO_TRIAL_COMPONENT_NAME`).

    A loaded run does not change the component's status when its `with` block ends.
    """
    if not run_name and experiment_name:
        logger.warning(
            "No run_name is supplied. Ignoring the provided experiment_name since it only takes "
            "effect along with run_name."
        )
    if run_name and not experiment_name:
        raise ValueError(
            "Invalid input: experiment_name is missing when run_name is supplied. "
            "Please supply a valid experiment_name when the run_name is not None."
        )
    if run_name:
        session = _session(sagemaker_session)
        exp = _normalize_name(experiment_name, "experiment_name")
        tc_name = Run._generate_trial_component_name(_normalize_name(run_name, "run_name"), exp)
        try:
            tc = session.backend.get_trial_component(tc_name)
        except NotFound as err:
            raise ValueError(
                f"the run {run_name!r} of experiment {experiment_name!r} does not exist "
                f"(no trial component {tc_name!r}); create it with Run(...)"
            ) from err
        return Run._from_component(session, tc, exp, artifact_bucket, artifact_prefix)

    current = _RunContext.get_current_run()
    if current is not None:
        return current

    env = os.environ
    if env.get("SMSTUDIO_EXPERIMENT_NAME") and env.get("SMSTUDIO_RUN_NAME"):
        session = _session(sagemaker_session)
        exp = _normalize_name(env["SMSTUDIO_EXPERIMENT_NAME"], "experiment_name")
        name = Run._extract_run_name_from_tc_name(env["SMSTUDIO_RUN_NAME"].lower(), exp)
        tc_name = Run._generate_trial_component_name(name, exp)
        try:
            tc = session.backend.get_trial_component(tc_name)
        except NotFound:  # the job names a run nobody created yet: create it (SageMaker does too)
            return Run(
                exp,
                run_name=name,
                sagemaker_session=session,
                artifact_bucket=artifact_bucket,
                artifact_prefix=artifact_prefix,
                tags=tags,
            )
        return Run._from_component(session, tc, exp, artifact_bucket, artifact_prefix)

    if env.get("SMSTUDIO_TRIAL_COMPONENT_NAME"):
        session = _session(sagemaker_session)
        tc_name = env["SMSTUDIO_TRIAL_COMPONENT_NAME"]
        deadline = time.monotonic() + JOB_COMPONENT_WAIT_SECONDS
        while True:  # the server records the job's component as the job starts: it may lag a moment
            try:
                tc = session.backend.get_trial_component(tc_name)
                break
            except NotFound:
                if time.monotonic() > deadline:
                    raise RuntimeError(
                        f"Failed to load a Run object: the job's trial component {tc_name!r} does not exist"
                    ) from None
                time.sleep(0.2)
        job_experiment = env.get("SMSTUDIO_EXPERIMENT_NAME") or None
        return Run._from_component(session, tc, job_experiment, artifact_bucket, artifact_prefix)

    raise RuntimeError(
        "Failed to load a Run object: pass run_name and experiment_name, call load_run() inside "
        "a 'with Run(...)' block, or inside a job started with an experiment_config."
    )


def list_runs(
    experiment_name: str,
    created_before: Optional[datetime.datetime] = None,
    created_after: Optional[datetime.datetime] = None,
    sagemaker_session: Any = None,
    max_results: Optional[int] = None,
    next_token: Optional[str] = None,
    sort_by: SortByType = SortByType.CREATION_TIME,
    sort_order: SortOrderType = SortOrderType.DESCENDING,
) -> list[Run]:
    """The runs (made by `Run`, not the components of jobs) of an experiment, as loaded `Run` objects."""
    session = _session(sagemaker_session)
    exp = _normalize_name(experiment_name, "experiment_name")
    filters = [
        {"Name": "Parents.ExperimentName", "Operator": "Equals", "Value": exp},
        {"Name": f"Tags.{RUN_TC_TAG_KEY}", "Operator": "Equals", "Value": RUN_TC_TAG_VALUE},
    ]
    if created_before is not None:
        filters.append({"Name": "CreationTime", "Operator": "LessThan", "Value": _as_utc(created_before)})
    if created_after is not None:
        filters.append({"Name": "CreationTime", "Operator": "GreaterThan", "Value": _as_utc(created_after)})
    request: dict[str, Any] = {
        "Resource": "ExperimentTrialComponent",
        "SearchExpression": {"Filters": filters},
        "SortBy": SortByType(sort_by).value,
        "SortOrder": SortOrderType(sort_order).value,
        "MaxResults": min(max_results, 1000) if max_results else 1000,
    }
    if next_token:
        request["NextToken"] = next_token
    runs: list[Run] = []
    while True:
        result = session.backend.search_trial_components(request)
        for tc in result["trial_components"]:
            runs.append(Run._from_component(session, tc, exp))
        if not result.get("next_token") or (max_results and len(runs) >= max_results):
            break
        request["NextToken"] = result["next_token"]
        if max_results:
            request["MaxResults"] = min(1000, max_results - len(runs))
    return runs[:max_results] if max_results else runs


def _as_utc(value: object) -> str:
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None:
            value = value.astimezone()  # naive = local time
        return value.astimezone(datetime.timezone.utc).isoformat()
    return str(value)
