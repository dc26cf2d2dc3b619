"""The scaler: a thread that, every evaluation period, looks at each scalable target and sets its variant's
instance count as its target-tracking policies ask (tracking.py), through the Endpoints room's own
UpdateEndpointWeightsAndCapacities, in the name of the endpoint's owner. Each change is a scaling activity,
InProgress until the endpoint runs the new count (Successful) or fails to (Failed, with the reason).

Cooldowns, as Application Auto Scaling applies them: no scale-out within ScaleOutCooldown of the last scale-out's
end; no scale-in within ScaleInCooldown of the last scale-in's end, nor within ScaleOutCooldown of the last
scale-out's (capacity just added is not taken back before it had time to show in the metric).
"""

from __future__ import annotations

import logging
import threading
import time
import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Optional

from ..core.auth import Viewer
from ..core.errors import SmStudioError
from ..core.orm import utcnow
from ..endpoints.instances import SCALE_OUT_FAILED
from ..endpoints.models import DesiredWeightAndCapacity, UpdateEndpointWeightsAndCapacitiesRequest
from .store import ActivityRecord, AutoscalingStore, PolicyRecord, TargetRecord
from .tracking import Decision, combine, decide, per_instance_per_minute

if TYPE_CHECKING:
    from ..endpoints.service import EndpointService
    from ..endpoints.store import EndpointRecord

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ScalerTiming:
    """The room's settings (room.py), in seconds and datapoints."""

    evaluation_period: float
    metric_period: float
    scale_out_periods: int
    scale_in_periods: int


class Scaler:
    def __init__(self, store: AutoscalingStore, endpoints: EndpointService, timing: ScalerTiming):
        self.store, self.endpoints, self.timing = store, endpoints, timing
        self._lock = threading.Lock()  # one evaluation at a time: the thread's and a register's
        self._closed = threading.Event()
        self._thread: Optional[threading.Thread] = None
        # datapoints before this are unknown (the router's counts live in memory): no alarm reads them
        self._watching_since = time.time()

    def start(self) -> None:
        if self._thread is None:
            self._watching_since = time.time()
            self._thread = threading.Thread(target=self._run, name="smstudio-autoscaling", daemon=True)
            self._thread.start()

    def close(self) -> None:
        self._closed.set()
        if self._thread is not None:
            self._thread.join(timeout=10)

    def _run(self) -> None:
        while not self._closed.wait(self.timing.evaluation_period):
            try:
                self.evaluate_all()
            except Exception:  # a busy store now and then: the next period tries again
                log.exception("smstudio: autoscaling evaluation failed")

    def evaluate_all(self) -> None:
        for target in self.store.all_targets():
            if self._closed.is_set():
                return
            try:
                self.evaluate(target)
            except Exception:  # one target's trouble does not stop the others'
                log.exception("smstudio: autoscaling %s of %s", target.resource_id, target.owner)

    def evaluate_resource(self, owner: str, resource_id: str) -> None:
        target = self.store.get_target(owner, resource_id)
        if target is not None:
            self.evaluate(target)

    def evaluate(self, target: TargetRecord) -> None:
        with self._lock:
            self._evaluate(target)

    # -- one target ---------------------------------------------------------------------------------
    def _evaluate(self, target: TargetRecord) -> None:
        endpoint = self.endpoints.store.find_endpoint(target.owner, target.endpoint_name)
        variant = _variant(endpoint, target.variant_name)
        if endpoint is None or endpoint.status == "Deleting" or variant is None:
            # the endpoint (or this variant of it) is gone: its target and policies go with it
            self.store.delete_target(target.owner, target.resource_id)
            for activity in self.store.open_activities(target.owner, target.resource_id):
                self.store.finish_activity(activity.activity_id, "Failed", "the endpoint was deleted")
            return
        if not self._settle(target, endpoint, variant) or endpoint.status != "InService":
            return  # a change is under way: its result shows in the metric before anything else is decided
        current = int(variant["InstanceCount"])
        if current < target.min_capacity:
            self._change(
                target, current, target.min_capacity, "set", f"minimum capacity was set to {target.min_capacity}"
            )
            return
        if current > target.max_capacity:
            self._change(
                target, current, target.max_capacity, "set", f"maximum capacity was set to {target.max_capacity}"
            )
            return
        policies = self.store.policies_of(target.owner, target.resource_id)
        if policies:
            self._track(target, current, policies)

    def _settle(self, target: TargetRecord, endpoint: EndpointRecord, variant: dict[str, Any]) -> bool:
        """Conclude the target's InProgress activities from the endpoint; True when none is left open."""
        open_now = False
        for activity in self.store.open_activities(target.owner, target.resource_id):
            if endpoint.status == "Failed":
                reason = endpoint.failure_reason or "the endpoint failed"
                self.store.finish_activity(
                    activity.activity_id,
                    "Failed",
                    f"Failed to set desired instance count to {activity.desired}. Reason: {reason}",
                )
            elif endpoint.status == "InService":
                running = int(variant["InstanceCount"])
                if running == activity.desired:
                    message = (
                        f"Successfully set desired instance count to {activity.desired}. "
                        "Change successfully fulfilled by sagemaker."
                    )
                    self.store.finish_activity(activity.activity_id, "Successful", message)
                elif SCALE_OUT_FAILED in (endpoint.failure_reason or ""):
                    # the new instances did not start: the endpoint serves on the ones it kept (instances.py)
                    note = endpoint.failure_reason
                    message = f"Failed to set desired instance count to {activity.desired}. Reason: {note}"
                    self.store.finish_activity(activity.activity_id, "Failed", message)
                else:  # someone set another count since (UpdateEndpointWeightsAndCapacities)
                    message = f"the variant runs {running} instances: another change overrode this one"
                    self.store.finish_activity(activity.activity_id, "Overridden", message)
            else:
                open_now = True
        return not open_now

    def _track(self, target: TargetRecord, current: int, policies: list[PolicyRecord]) -> None:
        timing = self.timing
        periods = max(timing.scale_out_periods, timing.scale_in_periods)
        counts = self.endpoints.metrics.counts(
            target.owner, target.endpoint_name, target.variant_name, timing.metric_period, periods
        )
        points = per_instance_per_minute(counts, timing.metric_period, current)
        now = time.time()
        decisions: list[Optional[Decision]] = []
        for policy in policies:
            config = policy.config
            # only the datapoints observed since this server watches and since the policy exists
            since = max(self._watching_since, policy.creation_time.timestamp())
            known = min(periods, int((now - since) // timing.metric_period))
            decision = decide(
                current,
                points[len(points) - known :] if known > 0 else [],
                float(config["TargetValue"]),
                timing.scale_out_periods,
                timing.scale_in_periods,
                (target.min_capacity, target.max_capacity),
            )
            if decision is not None and decision.direction == "in" and config.get("DisableScaleIn"):
                decision = None
            decisions.append(decision)
        chosen = combine(decisions)
        if chosen is None:
            return
        policy = policies[decisions.index(chosen)]
        if not self._may(target, chosen.direction, policy.config, now):
            return
        alarm = policy.alarms[0 if chosen.alarm == "AlarmHigh" else 1]["AlarmName"] if policy.alarms else chosen.alarm
        cause = (
            f"monitor alarm {alarm} in state ALARM triggered policy {policy.name} "
            f"(SageMakerVariantInvocationsPerInstance {chosen.metric:.1f}, "
            f"target {float(policy.config['TargetValue']):g})"
        )
        self._change(target, current, chosen.desired, chosen.direction, cause)

    def _may(self, target: TargetRecord, direction: str, config: dict[str, Any], now: float) -> bool:
        """The suspended state and the cooldowns (the module's docstring)."""
        suspended = target.suspended
        if suspended.get("DynamicScalingOutSuspended" if direction == "out" else "DynamicScalingInSuspended"):
            return False
        out_cooldown, in_cooldown = (
            float(config.get("ScaleOutCooldown", 300)),
            float(config.get("ScaleInCooldown", 300)),
        )
        last_out = self.store.last_ended(target.owner, target.resource_id, "out")
        if last_out is not None and now - last_out.timestamp() < out_cooldown:
            return False
        if direction == "in":
            last_in = self.store.last_ended(target.owner, target.resource_id, "in")
            if last_in is not None and now - last_in.timestamp() < in_cooldown:
                return False
        return True

    def _change(self, target: TargetRecord, current: int, desired: int, direction: str, cause: str) -> None:
        """Ask the Endpoints room for `desired` instances of the variant, as a scaling activity."""
        activity = ActivityRecord(
            activity_id=str(uuid.uuid4()),
            owner=target.owner,
            resource_id=target.resource_id,
            direction=direction,
            desired=desired,
            description=f"Setting desired instance count to {desired}.",
            cause=f"at {utcnow().strftime('%Y-%m-%dT%H:%M:%SZ')} {cause}",
            status_code="InProgress",
            status_message=None,
            start_time=utcnow(),
            end_time=None,
        )
        self.store.add_activity(activity)
        log.info("smstudio: autoscaling %s of %s from %d to %d", target.resource_id, target.owner, current, desired)
        request = UpdateEndpointWeightsAndCapacitiesRequest(
            DesiredWeightsAndCapacities=[
                DesiredWeightAndCapacity(VariantName=target.variant_name, DesiredInstanceCount=desired)
            ]
        )
        try:
            self.endpoints.update_endpoint_weights_and_capacities(
                Viewer(user=target.owner), target.endpoint_name, request
            )
        except SmStudioError as err:
            self.store.finish_activity(
                activity.activity_id,
                "Failed",
                f"Failed to set desired instance count to {desired}. Reason: {err.message}",
            )


def _variant(endpoint: Optional[EndpointRecord], name: str) -> Optional[dict[str, Any]]:
    if endpoint is None:
        return None
    return next((v for v in endpoint.variants if v["VariantName"] == name), None)
