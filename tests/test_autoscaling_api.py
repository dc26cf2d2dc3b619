"""Autoscaling through the REST API (two users and an admin on a real Jupyter server) and through the SDK's
`boto_session.client("application-autoscaling")` in embedded mode: Application Auto Scaling's calls, shapes and
errors; bad input named by field; another user's endpoint, targets and policies out of reach."""

from __future__ import annotations

import asyncio
import time

import pytest

from tests.conftest import write_script
from tests.test_autoscaling import FAST, PROGRAM, no_instance_left  # noqa: F401 - the fixture, used by name

MULTIUSER = True  # alice, bob and an admin (tests/conftest.py)
ALICE, BOB, ADMIN = "alice-token", "bob-token", "admin-token"
NS, DIM = "sagemaker", "sagemaker:variant:DesiredInstanceCount"
RESOURCE = "endpoint/ep/variant/blue"
METRIC = {"PredefinedMetricType": "SageMakerVariantInvocationsPerInstance"}
pytestmark = pytest.mark.timeout(120)


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, smstudio_home):
    if request.param == "sqlite":
        return f"sqlite:///{smstudio_home / 'smstudio.db'}"
    return request.getfixturevalue("fresh_postgres_url")


@pytest.fixture
def smstudio_config(db_url):
    return {**FAST, "admin_users": ["boss"], "db_url": db_url}


def _target(**fields) -> dict:
    return {"ServiceNamespace": NS, "ResourceId": RESOURCE, "ScalableDimension": DIM, **fields}


def _policy(config: dict | None = None, **fields) -> dict:
    tracking = {"TargetValue": 100.0, "PredefinedMetricSpecification": METRIC, **(config or {})}
    return {
        "PolicyName": "p1",
        "PolicyType": "TargetTrackingScaling",
        **_target(),
        "TargetTrackingScalingPolicyConfiguration": tracking,
        **fields,
    }


async def test_rest_targets_policies_activities_bad_input_and_other_users(api, jp_root_dir):
    code = jp_root_dir / "code"
    write_script(code, "constant.py", PROGRAM)
    container = {"Environment": {"SAGEMAKER_PROGRAM": "constant.py", "SAGEMAKER_SUBMIT_DIRECTORY": str(code)}}
    assert (await api("POST", "models", {"ModelName": "ep", "PrimaryContainer": container}, token=ALICE))[0] == 201
    variants = [{"VariantName": "blue", "ModelName": "ep"}]
    config = {"EndpointConfigName": "ep", "ProductionVariants": variants}
    assert (await api("POST", "endpoint-configs", config, token=ALICE))[0] == 201
    endpoint = {"EndpointName": "ep", "EndpointConfigName": "ep"}
    assert (await api("POST", "endpoints", endpoint, token=ALICE))[0] == 201

    # every route needs a user
    for method, path in (("GET", "autoscaling/scalable-targets"), ("POST", "autoscaling/scaling-policies")):
        assert (await api(method, path))[0] in (401, 403)

    # bad targets: a 400 naming the field, nothing registered
    for body, field in (
        (_target(ServiceNamespace="ecs", MinCapacity=1, MaxCapacity=2), "ServiceNamespace"),
        (_target(ScalableDimension="ecs:service:DesiredCount", MinCapacity=1, MaxCapacity=2), "ScalableDimension"),
        (_target(ResourceId="endpoint/ep", MinCapacity=1, MaxCapacity=2), "ResourceId"),
        (_target(ResourceId="endpoint/nope/variant/blue", MinCapacity=1, MaxCapacity=2), "ResourceId"),
        (_target(ResourceId="endpoint/ep/variant/purple", MinCapacity=1, MaxCapacity=2), "ResourceId"),
        (_target(MinCapacity=3, MaxCapacity=2), "MinCapacity"),
        (_target(MinCapacity=1, MaxCapacity=17), "MaxCapacity"),
        (_target(MinCapacity=0, MaxCapacity=2), "MinCapacity"),
        (_target(MinCapacity=1), "MaxCapacity"),
        (_target(MinCapacity="many", MaxCapacity=2), "MinCapacity"),
        (_target(MinCapacity=1, MaxCapacity=2, Extra=1), "Extra"),
    ):
        status, err = await api("POST", "autoscaling/scalable-targets", body, token=ALICE)
        assert (status, err["field"]) == (400, field), (body, err)
    assert (await api("GET", "autoscaling/scalable-targets", token=ALICE))[1]["ScalableTargets"] == []

    # bob cannot reach alice's endpoint: it is as unknown as one that does not exist
    status, err = await api("POST", "autoscaling/scalable-targets", _target(MinCapacity=1, MaxCapacity=2), token=BOB)
    assert (status, err["field"]) == (400, "ResourceId"), err

    status, answer = await api(
        "POST", "autoscaling/scalable-targets", _target(MinCapacity=1, MaxCapacity=2), token=ALICE
    )
    assert status == 200 and answer["ScalableTargetARN"].startswith("smstudio:scalable-target/"), answer
    # registering again changes the capacities it names
    status, _ = await api("POST", "autoscaling/scalable-targets", _target(MaxCapacity=4), token=ALICE)
    assert status == 200
    status, listed = await api("GET", "autoscaling/scalable-targets", params={"resource_ids": RESOURCE}, token=ALICE)
    (target,) = listed["ScalableTargets"]
    assert (target["MinCapacity"], target["MaxCapacity"], target["ScalableDimension"]) == (1, 4, DIM), target
    assert target["SuspendedState"] == {
        "DynamicScalingInSuspended": False,
        "DynamicScalingOutSuspended": False,
        "ScheduledScalingSuspended": False,
    }
    status, err = await api("GET", "autoscaling/scalable-targets", params={"service_namespace": "ecs"}, token=ALICE)
    assert (status, err["field"]) == (400, "service_namespace")

    # bad policies
    for body, field in (
        (_policy(PolicyType="StepScaling"), "PolicyType"),
        (_policy(TargetTrackingScalingPolicyConfiguration=None), "TargetTrackingScalingPolicyConfiguration"),
        (
            _policy({"PredefinedMetricSpecification": {"PredefinedMetricType": "ECSServiceAverageCPUUtilization"}}),
            "TargetTrackingScalingPolicyConfiguration.PredefinedMetricSpecification.PredefinedMetricType",
        ),
        (_policy({"TargetValue": 0}), "TargetTrackingScalingPolicyConfiguration.TargetValue"),
        (_policy({"ScaleInCooldown": -1}), "TargetTrackingScalingPolicyConfiguration.ScaleInCooldown"),
        (_policy(ServiceNamespace="ecs"), "ServiceNamespace"),
        (_policy(PolicyName=""), "PolicyName"),
    ):
        status, err = await api("POST", "autoscaling/scaling-policies", body, token=ALICE)
        assert (status, err["field"]) == (400, field), (body, err)
    status, err = await api(
        "POST", "autoscaling/scaling-policies", _policy(ResourceId="endpoint/ep/variant/x"), token=ALICE
    )
    assert (status, err["field"]) == (404, "ResourceId") and "No scalable target registered" in err["message"], err

    status, put = await api("POST", "autoscaling/scaling-policies", _policy({"ScaleOutCooldown": 60}), token=ALICE)
    assert status == 200 and "policyName/p1" in put["PolicyARN"], put
    assert [a["AlarmName"].split("-Alarm")[1][:4] for a in put["Alarms"]] == ["High", "Low-"], put
    status, policies = await api("GET", "autoscaling/scaling-policies", params={"resource_id": RESOURCE}, token=ALICE)
    (policy,) = policies["ScalingPolicies"]
    tracking = policy["TargetTrackingScalingPolicyConfiguration"]
    assert (tracking["TargetValue"], tracking["ScaleOutCooldown"], tracking["ScaleInCooldown"]) == (100, 60, 300)
    assert policy["PolicyARN"] == put["PolicyARN"] and tracking["DisableScaleIn"] is False

    # as on SageMaker, UpdateEndpoint is refused while the variant is a scalable target, and says what to do
    status, err = await api("POST", "endpoints/ep/update", {"EndpointConfigName": "ep"}, token=ALICE)
    assert (status, err["field"]) == (400, "EndpointName") and "delete the variant's scaling policies" in err["message"]

    # bob sees none of it and changes none of it
    for path in ("scalable-targets", "scaling-policies", "scaling-activities"):
        status, seen = await api("GET", f"autoscaling/{path}", token=BOB)
        assert status == 200 and not any(v for k, v in seen.items() if k != "Total") and seen["Total"] == 0, seen
    status, err = await api("POST", "autoscaling/scaling-policies", _policy(), token=BOB)
    assert status == 404, err
    query = {"resource_id": RESOURCE, "policy_name": "p1"}
    assert (await api("DELETE", "autoscaling/scaling-policies", params=query, token=BOB))[0] == 404
    assert (await api("DELETE", "autoscaling/scalable-targets", params={"resource_id": RESOURCE}, token=BOB))[0] == 404
    # the admin sees everyone's
    status, seen = await api("GET", "autoscaling/scalable-targets", token=ADMIN)
    assert [t["ResourceId"] for t in seen["ScalableTargets"]] == [RESOURCE]

    # a raised minimum brings the count into bounds, as a scaling activity (once the endpoint is InService)
    status, _ = await api("POST", "autoscaling/scalable-targets", _target(MinCapacity=2), token=ALICE)
    assert status == 200
    deadline = time.monotonic() + 60
    while True:
        status, activities = await api("GET", "autoscaling/scaling-activities", token=ALICE)
        done = [a for a in activities["ScalingActivities"] if a["StatusCode"] == "Successful"]
        if done:
            break
        assert time.monotonic() < deadline, activities
        await asyncio.sleep(0.2)
    assert (
        done[0]["Description"] == "Setting desired instance count to 2."
        and "minimum capacity was set to 2" in done[0]["Cause"]
    ), done
    assert set(done[0]) >= {"ActivityId", "ResourceId", "ScalableDimension", "StartTime", "EndTime", "StatusMessage"}
    status, desc = await api("GET", "endpoints/ep", token=ALICE)
    assert desc["ProductionVariants"][0]["CurrentInstanceCount"] == 2

    # the policy goes, then the target
    assert (await api("DELETE", "autoscaling/scaling-policies", params=query, token=ALICE))[0] == 200
    status, err = await api("DELETE", "autoscaling/scaling-policies", params=query, token=ALICE)
    assert (status, err["field"]) == (404, "PolicyName")
    status, err = await api("DELETE", "autoscaling/scaling-policies", params={"resource_id": RESOURCE}, token=ALICE)
    assert (status, err["field"]) == (400, "policy_name")
    assert (await api("DELETE", "autoscaling/scalable-targets", params={"resource_id": RESOURCE}, token=ALICE))[
        0
    ] == 200
    assert (await api("DELETE", "autoscaling/scalable-targets", params={"resource_id": RESOURCE}, token=ALICE))[
        0
    ] == 404
    # with no scalable target left, the endpoint updates again
    status, desc = await api("POST", "endpoints/ep/update", {"EndpointConfigName": "ep"}, token=ALICE)
    assert status == 200 and desc["EndpointStatus"] == "Updating", desc
    deadline = time.monotonic() + 60
    while (await api("GET", "endpoints/ep", token=ALICE))[1]["EndpointStatus"] == "Updating":
        assert time.monotonic() < deadline
        await asyncio.sleep(0.2)
    assert (await api("DELETE", "endpoints/ep", token=ALICE))[0] == 200
    deadline = time.monotonic() + 30
    while (await api("GET", "endpoints/ep", token=ALICE))[0] != 404:
        assert time.monotonic() < deadline
        await asyncio.sleep(0.1)


def test_sdk_client_in_boto3s_shapes(tmp_path, monkeypatch):
    """Embedded mode: the client boto3 users know, its paginators, and its errors."""
    from jupyter_smstudio.sdk import Session
    from jupyter_smstudio.sdk._boto import ClientError, ParamValidationError

    code = tmp_path / "code"
    write_script(code, "constant.py", PROGRAM)
    monkeypatch.chdir(tmp_path)
    session = Session(home=str(tmp_path / "home"))
    sm = session.sagemaker_client
    aas = session.boto_session.client("application-autoscaling")
    try:
        assert session.boto_session.client("application-autoscaling") is aas
        container = {"Environment": {"SAGEMAKER_PROGRAM": "constant.py", "SAGEMAKER_SUBMIT_DIRECTORY": str(code)}}
        sm.create_model(ModelName="ep", PrimaryContainer=container)
        variants = [{"VariantName": v, "ModelName": "ep", "InitialInstanceCount": 1} for v in ("blue", "green")]
        sm.create_endpoint_config(EndpointConfigName="ep", ProductionVariants=variants)
        sm.create_endpoint(EndpointName="ep", EndpointConfigName="ep")

        for variant in ("blue", "green"):
            answer = aas.register_scalable_target(
                ServiceNamespace=NS,
                ResourceId=f"endpoint/ep/variant/{variant}",
                ScalableDimension=DIM,
                MinCapacity=1,
                MaxCapacity=2,
            )
            assert answer["ResponseMetadata"]["HTTPStatusCode"] == 200 and answer["ScalableTargetARN"]
        first = aas.describe_scalable_targets(ServiceNamespace=NS, MaxResults=1)
        assert len(first["ScalableTargets"]) == 1 and first["NextToken"] and "Total" not in first
        assert first["ScalableTargets"][0]["CreationTime"].tzinfo is not None  # a datetime, as boto3's
        pages = aas.get_paginator("describe_scalable_targets").paginate(
            ServiceNamespace=NS, PaginationConfig={"PageSize": 1}
        )
        found = [t["ResourceId"] for p in pages for t in p["ScalableTargets"]]
        assert found == ["endpoint/ep/variant/blue", "endpoint/ep/variant/green"]
        only = aas.describe_scalable_targets(ServiceNamespace=NS, ResourceIds=["endpoint/ep/variant/green"])
        assert [t["ResourceId"] for t in only["ScalableTargets"]] == ["endpoint/ep/variant/green"]

        put = aas.put_scaling_policy(
            PolicyName="per-instance",
            ServiceNamespace=NS,
            ResourceId=RESOURCE,
            ScalableDimension=DIM,
            PolicyType="TargetTrackingScaling",
            TargetTrackingScalingPolicyConfiguration={
                "TargetValue": 70.0,
                "PredefinedMetricSpecification": METRIC,
                "ScaleInCooldown": 600,
                "ScaleOutCooldown": 300,
            },
        )
        assert put["PolicyARN"] and len(put["Alarms"]) == 2
        policies = aas.describe_scaling_policies(ServiceNamespace=NS, PolicyNames=["per-instance"])
        assert [p["PolicyName"] for p in policies["ScalingPolicies"]] == ["per-instance"]
        assert aas.can_paginate("describe_scaling_activities") and not aas.can_paginate("register_scalable_target")
        assert aas.describe_scaling_activities(ServiceNamespace=NS, ResourceId=RESOURCE)["ScalingActivities"] == []

        with pytest.raises(ClientError, match="deregister_scalable_target"):
            sm.update_endpoint(EndpointName="ep", EndpointConfigName="ep")
        with pytest.raises(aas.exceptions.ValidationException) as err:
            aas.register_scalable_target(
                ServiceNamespace=NS, ResourceId=RESOURCE, ScalableDimension=DIM, MinCapacity=3, MaxCapacity=2
            )
        assert err.value.response["Error"]["Code"] == "ValidationException" and err.value.field == "MinCapacity"
        assert isinstance(err.value, ClientError)
        with pytest.raises(aas.exceptions.ObjectNotFoundException) as err:
            aas.deregister_scalable_target(
                ServiceNamespace=NS, ResourceId="endpoint/ep/variant/purple", ScalableDimension=DIM
            )
        assert err.value.response["Error"]["Code"] == "ObjectNotFoundException"
        with pytest.raises(ParamValidationError, match="ResourceId"):
            aas.register_scalable_target(ServiceNamespace=NS, ScalableDimension=DIM)
        with pytest.raises(TypeError):
            aas.describe_scalable_targets(NS)
        with pytest.raises(AttributeError, match="put_scheduled_action"):
            _ = aas.put_scheduled_action  # a call of the service SmStudio does not answer

        aas.delete_scaling_policy(
            PolicyName="per-instance", ServiceNamespace=NS, ResourceId=RESOURCE, ScalableDimension=DIM
        )
        for variant in ("blue", "green"):
            aas.deregister_scalable_target(
                ServiceNamespace=NS, ResourceId=f"endpoint/ep/variant/{variant}", ScalableDimension=DIM
            )
        assert aas.describe_scalable_targets(ServiceNamespace=NS)["ScalableTargets"] == []
        sm.delete_endpoint(EndpointName="ep")
        sm.get_waiter("endpoint_deleted").wait(EndpointName="ep", WaiterConfig={"Delay": 0.2})
    finally:
        session.backend.close()


def test_load_through_a_servers_router_scales_out(tmp_path):
    """A real `jupyter server`: the SDK's remote clients deploy, load the endpoint through the server's router, and
    the server's scaler adds an instance; the activity says why."""
    import json

    from jupyter_smstudio.sdk import Session
    from tests.live_server import jupyter_server

    (tmp_path / "srv" / "config").mkdir(parents=True)
    # the extension's own config file (jupyter_<extension name>_config), in the server's JUPYTER_CONFIG_DIR
    (tmp_path / "srv" / "config" / "jupyter_jupyter_smstudio_config.json").write_text(json.dumps({"SmStudio": FAST}))
    with jupyter_server(tmp_path / "srv") as srv:
        code = srv["root"] / "code"
        write_script(code, "constant.py", PROGRAM)
        session = Session(server_url=srv["url"], token=srv["token"])
        sm, runtime = session.sagemaker_client, session.sagemaker_runtime_client
        aas = session.boto_session.client("application-autoscaling")
        container = {"Environment": {"SAGEMAKER_PROGRAM": "constant.py", "SAGEMAKER_SUBMIT_DIRECTORY": str(code)}}
        sm.create_model(ModelName="ep", PrimaryContainer=container)
        sm.create_endpoint_config(
            EndpointConfigName="ep", ProductionVariants=[{"VariantName": "blue", "ModelName": "ep"}]
        )
        sm.create_endpoint(EndpointName="ep", EndpointConfigName="ep")
        sm.get_waiter("endpoint_in_service").wait(EndpointName="ep", WaiterConfig={"Delay": 0.2, "MaxAttempts": 300})
        target = {"ServiceNamespace": NS, "ResourceId": RESOURCE, "ScalableDimension": DIM}
        aas.register_scalable_target(**target, MinCapacity=1, MaxCapacity=2)
        aas.put_scaling_policy(
            PolicyName="load",
            PolicyType="TargetTrackingScaling",
            TargetTrackingScalingPolicyConfiguration={"TargetValue": 120.0, "PredefinedMetricSpecification": METRIC},
            **target,
        )
        deadline = time.monotonic() + 30
        while sm.describe_endpoint(EndpointName="ep")["ProductionVariants"][0]["DesiredInstanceCount"] < 2:
            assert time.monotonic() < deadline, "no scale-out"
            for _ in range(20):  # sustained load: some 20 requests a second per instance or more, target 2
                answer = runtime.invoke_endpoint(EndpointName="ep", Body=b"[[1]]", ContentType="application/json")
                assert answer["InvokedProductionVariant"] == "blue"
        sm.get_waiter("endpoint_in_service").wait(EndpointName="ep", WaiterConfig={"Delay": 0.2, "MaxAttempts": 300})
        assert sm.describe_endpoint(EndpointName="ep")["ProductionVariants"][0]["CurrentInstanceCount"] == 2
        pages = aas.get_paginator("describe_scaling_activities").paginate(ServiceNamespace=NS, ResourceId=RESOURCE)
        (activity,) = [a for page in pages for a in page["ScalingActivities"]]
        assert activity["Description"] == "Setting desired instance count to 2." and "AlarmHigh" in activity["Cause"]
        assert "triggered policy load" in activity["Cause"] and activity["StartTime"].tzinfo is not None
        aas.delete_scaling_policy(PolicyName="load", **target)
        aas.deregister_scalable_target(**target)
        with pytest.raises(aas.exceptions.ObjectNotFoundException):
            aas.deregister_scalable_target(**target)
        sm.delete_endpoint(EndpointName="ep")
        sm.get_waiter("endpoint_deleted").wait(EndpointName="ep", WaiterConfig={"Delay": 0.2})
