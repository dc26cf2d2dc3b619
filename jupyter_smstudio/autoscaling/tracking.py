"""Target tracking's arithmetic, as Application Auto Scaling does it for a policy: two alarms on the metric
(AlarmHigh: every one of the last `out_periods` datapoints above the target; AlarmLow: every one of the last
`in_periods` below 90% of it) and, when one is in ALARM, the capacity that brings the metric back to the target:
ceil(current * metric / target), within [min, max]. No I/O here: the scaler (scaler.py) feeds it."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Optional, Sequence

LOW_FRACTION = 0.9  # AWS's scale-in alarm sits at 90% of the target value, so the two alarms never touch


@dataclass(frozen=True)
class Decision:
    direction: str  # "out" or "in"
    desired: int
    metric: float  # the mean of the alarm's datapoints, invocations per instance and minute
    alarm: str  # "AlarmHigh" or "AlarmLow"


def per_instance_per_minute(counts: Sequence[int], period_s: float, instances: int) -> list[float]:
    """Invocations of each datapoint as SageMakerVariantInvocationsPerInstance: per instance and minute."""
    return [c * 60.0 / period_s / max(instances, 1) for c in counts]


def decide(
    current: int,
    datapoints: Sequence[float],
    target: float,
    out_periods: int,
    in_periods: int,
    bounds: tuple[int, int],
) -> Optional[Decision]:
    """What one policy asks for, given its datapoints (oldest first); None while neither alarm is in ALARM or
    the count it asks for is the current one. `datapoints` may be shorter than `in_periods` (not observed
    that long yet): then AlarmLow cannot fire, as CloudWatch's alarm waits for enough data."""
    low, high = bounds
    if len(datapoints) >= out_periods and all(m > target for m in datapoints[-out_periods:]):
        metric = sum(datapoints[-out_periods:]) / out_periods
        desired = min(max(math.ceil(current * metric / target), low), high)
        return Decision("out", desired, metric, "AlarmHigh") if desired > current else None
    if len(datapoints) >= in_periods and all(m < target * LOW_FRACTION for m in datapoints[-in_periods:]):
        metric = sum(datapoints[-in_periods:]) / in_periods
        desired = min(max(math.ceil(current * metric / target), low), high)
        return Decision("in", desired, metric, "AlarmLow") if desired < current else None
    return None


def combine(decisions: Sequence[Optional[Decision]]) -> Optional[Decision]:
    """Several policies on one target, as AWS combines them: the largest scale-out wins; a scale-in happens only
    when every policy asks for one, to the largest count any of them asks for."""
    outs = [d for d in decisions if d is not None and d.direction == "out"]
    if outs:
        return max(outs, key=lambda d: d.desired)
    ins = [d for d in decisions if d is not None and d.direction == "in"]
    if ins and len(ins) == len(decisions):
        return max(ins, key=lambda d: d.desired)
    return None
