"""The Experiments room: experiments > trials > trial components, metrics, search, lineage; every job
tracked as a trial component (as SageMaker auto-tracks jobs)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional

from ..core.auth import Viewer
from ..core.rooms import Room, Subscription, Topic
from ..jobs.room import JOB_CHANGED, JOB_METRICS
from ..jobs.room import ROOM as JOBS
from . import models
from .models import TrialComponent, TrialComponentEvent, TrialComponentUpdate
from .operations import OPERATIONS

if TYPE_CHECKING:
    from ..core.services import Services
    from .service import ExperimentService


def _metrics_key(event: TrialComponentEvent) -> Optional[tuple[str, ...]]:
    return (event.trial_component_name, event.change) if event.change == "metrics" else None


COMPONENT_CHANGED: Topic[TrialComponentEvent] = Topic(
    "trial_component_changed",
    schema_file=Path(__file__).parent / "events" / "trial-component.yaml",
    payload=lambda event: event.model_dump(),
    owner=lambda event: event.owner,
    throttle_key=_metrics_key,
)


def _build(services: Services) -> ExperimentService:
    from .service import ExperimentService

    experiments = ExperimentService(
        services.db,
        on_change=lambda name, owner, change: services.publish(
            COMPONENT_CHANGED, TrialComponentEvent(trial_component_name=name, owner=owner, change=change)
        ),
    )
    services.get(JOBS).check_placement = experiments.check_placement  # jobs join only their owner's records
    return experiments


def _log_metric_tuples(experiments: ExperimentService, viewer: Viewer, name: str, batch: list[tuple[Any, ...]]) -> int:
    """The SDK's own buffered points (name, value, epoch seconds, step), already checked when logged:
    handed over as arrays, without per-point objects or a JSON round trip (measured: most of the cost)."""
    from .metrics import tuples_to_arrays

    return experiments.log_metric_arrays(viewer, name, tuples_to_arrays(batch))


def _finish_trial_component(
    experiments: ExperimentService,
    viewer: Viewer,
    name: str,
    request: dict[str, Any],
    batch: list[tuple[Any, ...]],
    brief: bool = False,
) -> TrialComponent:
    """A run's last points and its final update in one transaction (over REST the SDK sends the two
    one after the other)."""
    from .metrics import tuples_to_arrays

    upd = OPERATIONS_BY_NAME["update_trial_component"].validate(request)
    assert isinstance(upd, TrialComponentUpdate)
    return experiments.finish_component(viewer, name, upd, tuples_to_arrays(batch), brief=brief)


OPERATIONS_BY_NAME = {op.name: op for op in OPERATIONS}

ROOM: Room[ExperimentService] = Room(
    name="experiments",
    build=_build,
    depends=("jobs",),
    operations=OPERATIONS,
    models=(models,),
    orm="jupyter_smstudio.experiments.orm",
    topics=(COMPONENT_CHANGED,),
    subscriptions=(
        Subscription(JOB_CHANGED, lambda experiments, job: experiments.track_job(job)),
        Subscription(JOB_METRICS, lambda experiments, report: experiments.record_job_metrics(report)),
    ),
    local_calls={"log_metric_tuples": _log_metric_tuples, "finish_trial_component": _finish_trial_component},
)
