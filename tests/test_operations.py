"""The registry and the operation tables: every room's operations name a service method that takes their
keywords, the REST routes and both SDK backends come from the same table, and query parameters are typed."""

from __future__ import annotations

import inspect

import pytest

from jupyter_smstudio.core.errors import BadRequest
from jupyter_smstudio.core.operations import Query
from jupyter_smstudio.sdk._backend import EmbeddedBackend, RemoteBackend
from jupyter_smstudio.studio import ROOMS, StudioSettings, build_services, contract_models, operations


@pytest.fixture
def services(tmp_path):
    s = build_services(StudioSettings(smstudio_home=str(tmp_path / "home"), root_dir=str(tmp_path)))
    yield s
    s.close()


def test_every_operation_calls_a_service_method_with_its_keywords(services):
    for room, op in operations():
        method = getattr(services.room_service(room), op.call, None)
        assert callable(method), f"{room}: {op.name} names {op.call}, which the service lacks"
        keywords = {"viewer": None, **dict.fromkeys(op.placeholders), **dict.fromkeys(q.name for q in op.query)}
        if op.body is not None:
            keywords["request"] = None
        if op.raw_body:
            keywords["data"] = None
        inspect.signature(method).bind(**keywords)  # a TypeError names the keyword the method does not take


def test_names_and_routes_are_unique():
    names = [op.name for _, op in operations()]
    assert len(names) == len(set(names))
    routes = [(op.method, op.pattern) for _, op in operations()]
    assert len(routes) == len(set(routes))
    assert [room.name for room in ROOMS][0] == "core"  # the core's routes first; then the rooms in order
    for room in ROOMS:
        assert all(dep in [r.name for r in ROOMS[: ROOMS.index(room)]] for dep in room.depends), room.name


def test_both_backends_offer_every_operation(tmp_path):
    remote = RemoteBackend("http://127.0.0.1:9", token="t")
    embedded = EmbeddedBackend(home=str(tmp_path / "home"), root_dir=str(tmp_path))
    try:
        for _, op in operations():
            assert callable(getattr(remote, op.name)) and callable(getattr(embedded, op.name))
        assert hasattr(embedded, "finish_trial_component") and not hasattr(remote, "finish_trial_component")
        with pytest.raises(AttributeError):
            embedded.no_such_call  # noqa: B018 - the lookup itself is what is tested
        with pytest.raises(TypeError, match="unexpected argument 'colour'"):
            embedded.describe_job("x", colour="red")
        with pytest.raises(BadRequest) as err:  # embedded calls validate bodies as the server does
            embedded.submit_script_job({"script": 42})
        assert err.value.field == "script"
        assert embedded.whoami()["user"] and embedded.list_jobs(limit=5)["total"] == 0
    finally:
        embedded.close()


def test_query_parameters_are_typed():
    assert Query("limit", int, 50).parse(None) == 50 and Query("limit", int, 50).parse("7") == 7
    assert Query("cascade", bool, False).parse("true") is True and Query("cascade", bool, False).parse("0") is False
    for query, raw in (
        (Query("limit", int), "ten"),
        (Query("cascade", bool), "maybe"),
        (Query("url", required=True), ""),
    ):
        with pytest.raises(BadRequest) as err:
            query.parse(raw)
        assert err.value.field == query.name


def test_the_contract_is_every_rooms_models():
    names = {m.__name__ for m in contract_models()}
    assert {
        "WhoAmI",
        "Job",
        "JobConfig",
        "TrialComponent",
        "DescribeTrainingJob",
        "DescribeProcessingJob",
        "TuningJob",
    } <= names
    assert "SageMakerShape" not in names and "Contract" not in names  # bases without fields of their own
