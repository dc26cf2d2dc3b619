"""The autoscaling room: Application Auto Scaling over the Endpoints room's variants (target tracking on the
invocations per instance that the router counts)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from traitlets import Float, HasTraits, Int

from ..core.rooms import Room
from . import models
from .operations import OPERATIONS

if TYPE_CHECKING:
    from ..core.services import Services
    from .service import AutoscalingService


class AutoscalingSettings(HasTraits):
    # AWS's defaults: CloudWatch's 1-minute InvocationsPerInstance; target tracking's alarms want 3 datapoints
    # above the target to scale out and 15 below 90% of it to scale in (out fast, in carefully: capacity taken
    # back too soon costs failed requests, capacity kept too long costs only instances); the scaler looks once
    # per datapoint. Tests and demos set seconds instead of minutes.
    autoscaling_evaluation_period = Float(60.0, help="Seconds between two evaluations of the scaling policies").tag(
        config=True
    )
    autoscaling_metric_period = Float(
        60.0, help="Seconds one datapoint of SageMakerVariantInvocationsPerInstance covers (CloudWatch's minute)"
    ).tag(config=True)
    autoscaling_scale_out_periods = Int(
        3, help="Datapoints in a row above the target value that scale a variant out"
    ).tag(config=True)
    autoscaling_scale_in_periods = Int(
        15, help="Datapoints in a row below 90% of the target value that scale a variant in"
    ).tag(config=True)


def _build(services: Services) -> AutoscalingService:
    from ..endpoints.metrics import KEEP_SECONDS
    from .scaler import ScalerTiming
    from .service import AutoscalingService

    settings = services.settings
    assert isinstance(settings, AutoscalingSettings)
    timing = ScalerTiming(
        evaluation_period=max(0.05, float(settings.autoscaling_evaluation_period)),
        metric_period=max(1.0, float(settings.autoscaling_metric_period)),  # the router counts whole seconds
        scale_out_periods=max(1, int(settings.autoscaling_scale_out_periods)),
        scale_in_periods=max(1, int(settings.autoscaling_scale_in_periods)),
    )
    window = timing.metric_period * max(timing.scale_out_periods, timing.scale_in_periods)
    if window > KEEP_SECONDS:  # the router keeps per-second counts that long: a longer alarm would read zeros
        raise ValueError(
            f"autoscaling alarms span {window:g} s (autoscaling_metric_period x the larger of the scale-out and "
            f"scale-in periods); at most {KEEP_SECONDS} s are counted"
        )
    return AutoscalingService(services.db, services.room_service("endpoints"), timing)


ROOM: Room[AutoscalingService] = Room(
    name="autoscaling",
    build=_build,
    depends=("endpoints",),
    operations=OPERATIONS,
    models=(models,),
    orm="jupyter_smstudio.autoscaling.orm",
    settings=AutoscalingSettings,
    start=lambda autoscaling: autoscaling.start(),
    close=lambda autoscaling: autoscaling.close(),
)
