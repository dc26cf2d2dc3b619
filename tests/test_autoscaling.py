"""Autoscaling of endpoint variants, in-process: target tracking's arithmetic, the router's per-second counts, and
a real endpoint (model-server processes on loopback) that sustained load scales out and idleness scales in,
within the policy's cooldowns, each change a scaling activity with its cause; a deleted endpoint drops its target.

The settings are seconds instead of minutes: a datapoint is one second, the scale-out alarm wants 2 of them above
the target, the scale-in alarm 3 below 90% of it."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import psutil
import pytest

from jupyter_smstudio.autoscaling.models import PutScalingPolicyRequest, RegisterScalableTargetRequest
from jupyter_smstudio.autoscaling.tracking import Decision, combine, decide, per_instance_per_minute
from jupyter_smstudio.core.errors import BadRequest
from jupyter_smstudio.endpoints.metrics import InvocationMetrics
from jupyter_smstudio.endpoints.models import (
    CreateEndpointConfigRequest,
    CreateEndpointRequest,
    CreateModelRequest,
    UpdateEndpointRequest,
)
from jupyter_smstudio.studio import AUTOSCALING, ENDPOINTS, StudioSettings, build_services
from tests.conftest import write_script

pytestmark = pytest.mark.timeout(120)

FAST = {
    "autoscaling_evaluation_period": 0.25,
    "autoscaling_metric_period": 1.0,
    "autoscaling_scale_out_periods": 2,
    "autoscaling_scale_in_periods": 3,
}
# a model that needs no training: every request answers [1]
PROGRAM = """
def model_fn(model_dir):
    return "constant"

def predict_fn(data, model):
    return [1]
"""
RESOURCE = "endpoint/busy/variant/blue"


@pytest.fixture(autouse=True)
def no_instance_left(tmp_path):
    """The instances a test leaves running (a failed assertion before its delete) end with it."""
    yield
    for proc in psutil.process_iter(["cmdline"]):
        try:
            if "jupyter_smstudio.endpoints.serving" in " ".join(proc.info["cmdline"] or []) and proc.environ().get(
                "SM_MODEL_DIR", ""
            ).startswith(str(tmp_path)):
                proc.kill()
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            pass


# -- the arithmetic and the counts --------------------------------------------------------------------------------


def test_target_tracking_asks_for_the_count_that_meets_the_target():
    # 3 datapoints above 100 per instance: ceil(2 * 250 / 100) = 5, within [1, 4] -> 4
    assert decide(2, [90, 240, 250, 260], 100, 3, 5, (1, 4)) == Decision("out", 4, 250, "AlarmHigh")
    assert decide(2, [90, 240, 250, 260], 100, 3, 5, (1, 8)) == Decision("out", 5, 250, "AlarmHigh")
    assert decide(2, [99, 240, 250], 100, 3, 5, (1, 8)) is None  # one datapoint not above: no alarm
    # below 90% of the target for every one of the scale-in datapoints
    assert decide(4, [10, 20, 30], 100, 2, 3, (1, 8)) == Decision("in", 1, 20, "AlarmLow")
    assert decide(4, [0, 0, 0], 100, 2, 3, (2, 8)) == Decision("in", 2, 0, "AlarmLow")  # not below the minimum
    assert decide(4, [0, 0], 100, 2, 3, (1, 8)) is None  # not observed long enough: no AlarmLow
    assert decide(2, [85, 85, 85], 100, 2, 3, (1, 8)) is None  # ceil(2 * 0.85) = 2: nothing to take back
    assert decide(4, [95, 95, 95], 100, 2, 3, (1, 8)) is None  # between 90% and 100%: neither alarm
    assert decide(8, [900, 900], 100, 2, 3, (1, 8)) is None  # already at the maximum
    out, inward = Decision("out", 3, 0, "AlarmHigh"), Decision("in", 1, 0, "AlarmLow")
    assert combine([None, out, Decision("out", 5, 0, "AlarmHigh")]).desired == 5
    assert combine([inward, None]) is None  # scale-in only when every policy asks for it
    assert combine([inward, Decision("in", 2, 0, "AlarmLow")]).desired == 2
    assert per_instance_per_minute([10, 0], 2.0, 5) == [60.0, 0.0]


def test_the_router_counts_per_second_for_short_windows():
    metrics = InvocationMetrics()
    clock = [1000.2]
    metrics._now = lambda: clock[0]
    for t, n in ((995.5, 3), (998.1, 2), (999.9, 1), (1000.2, 4)):
        clock[0] = t
        for _ in range(n):
            metrics.record("alice", "ep", "blue", 0.001, 200)
    clock[0] = 1000.7
    assert metrics.counts("alice", "ep", "blue", 1.0, 3) == [2, 1, 4]  # seconds 998, 999, 1000
    assert metrics.counts("alice", "ep", "blue", 2.0, 3) == [3, 2, 5]  # 995-996, 997-998, 999-1000
    assert metrics.counts("alice", "ep", "green", 1.0, 2) == [0, 0]
    assert metrics.invocations("alice", "ep", "blue", 60) == 10  # the minutes are kept as before
    assert sum(f.invocations for f in metrics.figures("alice", "ep", "blue", 2)) == 10
    metrics.forget("alice", "ep")
    assert metrics.counts("alice", "ep", "blue", 10.0, 1) == [0]


# -- a real endpoint ----------------------------------------------------------------------------------------------


def _wait(condition, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while True:
        found = condition()
        if found:
            return found
        assert time.monotonic() < deadline, what
        time.sleep(0.1)


def _deploy(endpoints, viewer, code: Path, name: str = "busy") -> None:
    container = {"Environment": {"SAGEMAKER_PROGRAM": "constant.py", "SAGEMAKER_SUBMIT_DIRECTORY": str(code)}}
    endpoints.create_model(viewer, CreateModelRequest(ModelName=name, PrimaryContainer=container))
    endpoints.create_endpoint_config(
        viewer,
        CreateEndpointConfigRequest.model_validate(
            {"EndpointConfigName": name, "ProductionVariants": [{"VariantName": "blue", "ModelName": name}]}
        ),
    )
    endpoints.create_endpoint(viewer, CreateEndpointRequest(EndpointName=name, EndpointConfigName=name))
    _in_service(endpoints, viewer, name)


def _in_service(endpoints, viewer, name: str, count: int | None = None, timeout: float = 60):
    def ready():
        desc = endpoints.describe_endpoint(viewer, name)
        variant = desc.ProductionVariants[0]
        return desc.EndpointStatus == "InService" and count in (None, variant.CurrentInstanceCount) and desc

    return _wait(ready, timeout, f"{name} InService with {count} instances")


def _activities(autoscaling, viewer) -> list:
    """The variant's scaling activities, newest first (as Application Auto Scaling lists them)."""
    return autoscaling.describe_scaling_activities(viewer, resource_id=RESOURCE).ScalingActivities


def _concluded(activity):
    return activity if activity.StatusCode == "Successful" else None


def _variant(endpoints, viewer):
    return endpoints.describe_endpoint(viewer, "busy").ProductionVariants[0]


def _policy(disable_scale_in: bool) -> PutScalingPolicyRequest:
    return PutScalingPolicyRequest.model_validate(
        {
            "PolicyName": "per-instance",
            "ServiceNamespace": "sagemaker",
            "ResourceId": RESOURCE,
            "ScalableDimension": "sagemaker:variant:DesiredInstanceCount",
            "PolicyType": "TargetTrackingScaling",
            "TargetTrackingScalingPolicyConfiguration": {
                "TargetValue": 120.0,  # 2 requests a second per instance
                "PredefinedMetricSpecification": {"PredefinedMetricType": "SageMakerVariantInvocationsPerInstance"},
                "ScaleOutCooldown": 3,
                "ScaleInCooldown": 1,
                "DisableScaleIn": disable_scale_in,
            },
        }
    )


def test_load_scales_out_idleness_scales_in(tmp_path):
    code = tmp_path / "work" / "code"
    write_script(code, "constant.py", PROGRAM)
    services = build_services(StudioSettings(smstudio_home=str(tmp_path / "home"), root_dir=str(tmp_path), **FAST))
    services.start()
    viewer = services.viewer("alice")
    endpoints, autoscaling = services.get(ENDPOINTS), services.get(AUTOSCALING)
    try:
        _deploy(endpoints, viewer, code)
        autoscaling.register_scalable_target(
            viewer,
            RegisterScalableTargetRequest(
                ServiceNamespace="sagemaker",
                ResourceId=RESOURCE,
                ScalableDimension="sagemaker:variant:DesiredInstanceCount",
                MinCapacity=1,
                MaxCapacity=3,
            ),
        )
        autoscaling.put_scaling_policy(viewer, _policy(disable_scale_in=True))

        # sustained load far above 2 requests a second: out to the maximum
        loaded = threading.Event()

        def load() -> None:
            while not loaded.is_set():
                endpoints.invoke(viewer, "busy", b"[[1]]", "application/json")
                time.sleep(0.01)

        worker = threading.Thread(target=load, daemon=True)
        started = time.monotonic()
        worker.start()
        try:
            _wait(lambda: _variant(endpoints, viewer).DesiredInstanceCount == 3, 20, "a scale-out")
            asked = time.monotonic() - started
            _in_service(endpoints, viewer, "busy", count=3)
        finally:
            loaded.set()
            worker.join(10)
        out = _wait(lambda: [a for a in _activities(autoscaling, viewer) if a.StatusCode == "Successful"], 10, "done")
        assert len(out) == 1 and out[0].Description == "Setting desired instance count to 3.", out
        assert f"monitor alarm TargetTracking-{RESOURCE}-AlarmHigh-" in out[0].Cause, out[0].Cause
        assert "in state ALARM triggered policy per-instance" in out[0].Cause
        assert out[0].StatusMessage.startswith("Successfully set desired instance count to 3")
        assert asked < 10, asked  # 2 one-second datapoints and the evaluation, on a busy machine

        # idle, with scale-in disabled: the count stays
        time.sleep(5)
        assert _variant(endpoints, viewer).CurrentInstanceCount == 3
        assert len(_activities(autoscaling, viewer)) == 1
        # scale-in allowed: back to the minimum, after the scale-out's cooldown
        autoscaling.put_scaling_policy(viewer, _policy(disable_scale_in=False))
        _in_service(endpoints, viewer, "busy", count=1, timeout=30)
        latest = _wait(lambda: _concluded(_activities(autoscaling, viewer)[0]), 10, "the scale-in concluded")
        assert latest.Description == "Setting desired instance count to 1." and "AlarmLow" in latest.Cause, latest
        assert (latest.StartTime - out[0].EndTime).total_seconds() >= 3  # ScaleOutCooldown

        # as on SageMaker, UpdateEndpoint waits until the variant is no scalable target
        with pytest.raises(BadRequest) as err:
            endpoints.update_endpoint(viewer, "busy", UpdateEndpointRequest(EndpointConfigName="busy"))
        assert err.value.field == "EndpointName" and "deregister its scalable target" in err.value.message

        # a deleted endpoint drops its target and policies; its history stays
        endpoints.delete_endpoint(viewer, "busy")
        _wait(lambda: not autoscaling.describe_scalable_targets(viewer).ScalableTargets, 30, "the target goes")
        assert not autoscaling.describe_scaling_policies(viewer).ScalingPolicies
        assert len(_activities(autoscaling, viewer)) == 2
    finally:
        services.close()


def test_a_change_the_endpoint_cannot_make_is_a_failed_activity(tmp_path):
    """New instances whose model does not load: the scaling activity fails with the endpoint's reason."""
    code, marker = tmp_path / "work" / "code", tmp_path / "work" / "weights-gone"
    write_script(
        code,
        "constant.py",
        f"import os\n{PROGRAM}\n"
        f"_loaded = model_fn\n"
        f"def model_fn(model_dir):\n"
        f"    if os.path.exists({str(marker)!r}):\n"
        f"        raise RuntimeError('the weights are gone')\n"
        f"    return _loaded(model_dir)\n",
    )
    services = build_services(StudioSettings(smstudio_home=str(tmp_path / "home"), root_dir=str(tmp_path), **FAST))
    services.start()
    viewer = services.viewer("alice")
    endpoints, autoscaling = services.get(ENDPOINTS), services.get(AUTOSCALING)
    try:
        _deploy(endpoints, viewer, code)
        marker.write_text("")
        # a minimum above the current count: the scaler asks for 2 instances at once, as AWS does on register
        autoscaling.register_scalable_target(
            viewer,
            RegisterScalableTargetRequest(
                ServiceNamespace="sagemaker",
                ResourceId=RESOURCE,
                ScalableDimension="sagemaker:variant:DesiredInstanceCount",
                MinCapacity=2,
                MaxCapacity=3,
            ),
        )
        (activity,) = _activities(autoscaling, viewer)
        assert activity.Cause.endswith("minimum capacity was set to 2") and activity.StatusCode == "InProgress"
        _wait(lambda: _activities(autoscaling, viewer)[-1].StatusCode == "Failed", 60, "the activity fails")
        # the endpoint stays InService on the instance it kept (as SageMaker's does); the scaler may try again
        assert endpoints.describe_endpoint(viewer, "busy").EndpointStatus != "Failed"  # InService, or trying again
        activity = _activities(autoscaling, viewer)[-1]
        assert activity.Cause.endswith("minimum capacity was set to 2"), activity
        assert activity.StatusMessage.startswith("Failed to set desired instance count to 2. Reason:"), activity
        assert "the weights are gone" in activity.StatusMessage and activity.EndTime is not None
    finally:
        services.close()
