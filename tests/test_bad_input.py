"""Bad input a hostile or careless user sends, over HTTP on the real server, on SQLite and PostgreSQL: each is
a 400 that names the field, never a 500 or a 503 (the NUL, deep JSON and huge offset probes are in
test_isolation.py). Paths the file system refuses, writes onto folders, names and tags past SageMaker's limits."""

from __future__ import annotations

import pytest

MULTIUSER = True  # alice, bob and the admin boss (tests/conftest.py)

LONG_NAME = "n" * 300  # one path component over NAME_MAX (255 bytes)
LONG_PATH = "d/" * 2100 + "x.txt"  # short components, the whole over PATH_MAX (4096 bytes)
SEARCH = "search"


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, smstudio_home):
    if request.param == "sqlite":
        return f"sqlite:///{smstudio_home / 'smstudio.db'}"
    return request.getfixturevalue("fresh_postgres_url")


@pytest.fixture
def smstudio_config(tmp_path, db_url):
    return {"home_volume": str(tmp_path / "volumes" / "{user}"), "admin_users": ["boss"], "db_url": db_url}


@pytest.fixture
def volume(tmp_path):
    """alice's volume: a script, a folder and a file to write onto."""
    folder = tmp_path / "volumes" / "alice"
    (folder / "data").mkdir(parents=True)
    (folder / "notes.txt").write_text("mine")
    (folder / "ok.py").write_text("print('ok')\n")
    return folder


def assert_400(code, body, field):
    assert code == 400, body
    assert set(body) == {"message", "reason", "field"} and body["reason"] == "ValidationError", body
    assert body["field"] == field, body
    assert "Traceback" not in body["message"] and "unavailable" not in body["message"], body


def search_filter(name):
    return {"SearchExpression": {"Filters": [{"Name": name, "Operator": "Equals", "Value": "x"}]}}


def tuning(**extra):
    return {
        "objective": {"metric_name": "acc"},
        "max_jobs": 1,
        "parameter_ranges": {"integer_parameter_ranges": [{"name": "d", "min_value": 1, "max_value": 2}]},
        "training_job": {"entry_point": "ok.py"},
        **extra,
    }


# -- paths the file system refuses, and folders where a file is meant ----------------------------------------


@pytest.mark.parametrize(
    "method, path, url, field",
    [
        ("PUT", "storage/object", LONG_NAME, "url"),
        ("PUT", "storage/object", f"data/{LONG_NAME}/x.txt", "url"),
        ("PUT", "storage/object", LONG_PATH, "url"),
        ("GET", "storage/object", LONG_NAME, "url"),
        ("GET", "storage/object", LONG_PATH, "url"),
        ("GET", "storage", LONG_NAME, "url"),
        ("GET", "storage", LONG_PATH, "url"),
        ("PUT", "storage/object", "data", "url"),  # a folder where a file is meant
        ("PUT", "storage/object", "data/", "url"),
        ("PUT", "storage/object", "notes.txt/below.txt", "url"),  # a file where a folder is meant
        ("GET", "storage/object", "data", "url"),
    ],
)
async def test_storage_paths_the_file_system_refuses(api, volume, method, path, url, field):
    code, body = await api(
        method, path, params={"url": url}, raw_body=b"x" if method == "PUT" else None, token="alice-token"
    )
    assert_400(code, body, field)
    assert (volume / "notes.txt").read_text() == "mine" and (volume / "data").is_dir()


@pytest.mark.parametrize(
    "path, request_body, field",
    [
        ("jobs", {"script": LONG_NAME}, "script"),
        ("jobs", {"script": "data"}, "script"),
        ("training-jobs", {"entry_point": "ok.py", "output_path": LONG_NAME}, "output_path"),
        ("training-jobs", {"entry_point": "ok.py", "source_dir": LONG_PATH}, "source_dir"),
        ("training-jobs", {"entry_point": "ok.py", "source_dir": "notes.txt"}, "source_dir"),
        ("training-jobs", {"entry_point": "data"}, "entry_point"),
        (
            "training-jobs",
            {"entry_point": "ok.py", "inputs": {"train": {"s3_data": LONG_NAME}}},
            "inputs.train.s3_data",
        ),
        ("training-jobs", {"entry_point": "ok.py", "checkpoint_s3_uri": "notes.txt"}, "checkpoint_s3_uri"),
        ("processing-jobs", {"code": "ok.py", "inputs": [{"source": LONG_NAME}]}, "inputs.0.source"),
        ("processing-jobs", {"code": "ok.py", "outputs": [{"destination": "notes.txt"}]}, "outputs.0.destination"),
        ("processing-jobs", {"code": "data"}, "code"),
    ],
)
async def test_job_paths_the_file_system_refuses(api, volume, path, request_body, field):
    code, body = await api("POST", path, request_body, token="alice-token")
    assert_400(code, body, field)
    _, jobs = await api("GET", "jobs", token="alice-token")
    assert jobs["total"] == 0  # nothing started


# -- names past SageMaker's limits: refused before the store, on SQLite as on PostgreSQL ------------------------


@pytest.mark.parametrize(
    "path, request_body, field",
    [
        ("jobs", {"script": "ok.py", "job_name": "j" * 64}, "job_name"),  # 63
        ("training-jobs", {"entry_point": "ok.py", "job_name": "j" * 64}, "job_name"),
        ("processing-jobs", {"code": "ok.py", "job_name": "j" * 64}, "job_name"),
        ("experiments", {"experiment_name": "e" * 121}, "experiment_name"),  # 120
        ("trials", {"trial_name": "t" * 121, "experiment_name": "e"}, "trial_name"),
        ("trial-components", {"trial_component_name": "c" * 121}, "trial_component_name"),
        ("jobs", {"script": "ok.py", "experiment_config": {"RunName": "r" * 121}}, "experiment_config.RunName"),
        ("tuning-jobs", tuning(tuning_job_name="t" * 33), "tuning_job_name"),  # 32
        (
            "tuning-jobs",
            tuning(warm_start={"warm_start_type": "TransferLearning", "parents": ["t" * 33]}),
            "warm_start.parents.0",
        ),
        # a parameter's or an artifact's name is a row's key: 255 characters on both stores
        ("trial-components", {"trial_component_name": "c", "parameters": {"p" * 256: 1}}, "parameters." + "p" * 256),
        (
            "trial-components",
            {"trial_component_name": "c", "input_artifacts": {"a" * 256: {"value": "s3://b/k"}}},
            "input_artifacts." + "a" * 256,
        ),
    ],
)
async def test_names_past_the_limits(api, volume, path, request_body, field):
    code, body = await api("POST", path, request_body, token="alice-token")
    assert_400(code, body, field)


async def test_names_at_the_limits_are_kept(api, volume):
    for path, request_body in (
        ("experiments", {"experiment_name": "e" * 120}),
        ("trial-components", {"trial_component_name": "c" * 120, "parameters": {"p" * 255: 1}}),
    ):
        code, body = await api("POST", path, request_body, token="alice-token")
        assert code == 201, body
    code, body = await api("POST", "jobs", {"script": "ok.py", "job_name": "j" * 63}, token="alice-token")
    assert code == 201, body
    code, tc = await api("GET", f"trial-components/{'c' * 120}", token="alice-token")
    assert code == 200 and list(tc["parameters"]) == ["p" * 255], tc


async def test_an_update_past_the_limits(api):
    await api("POST", "trial-components", {"trial_component_name": "c"}, token="alice-token")
    code, body = await api("PATCH", "trial-components/c", {"parameters_to_remove": ["p" * 256]}, token="alice-token")
    assert_400(code, body, "parameters_to_remove.0")
    code, body = await api(
        "PATCH", "trial-components/c", {"output_artifacts": {"o" * 256: {"value": "x"}}}, token="alice-token"
    )
    assert_400(code, body, "output_artifacts." + "o" * 256)


# -- tags: SageMaker's rules, a 400 naming the field (a bad key in a search was "the store is unavailable") ------


@pytest.mark.parametrize(
    "tags, field",
    [
        ({"": "v"}, "tags"),
        ({"k" * 129: "v"}, "tags." + "k" * 129),
        ({"k": "v" * 257}, "tags.k"),
        ({"aws:owner": "v"}, "tags.aws:owner"),
        ({"AWS:owner": "v"}, "tags.AWS:owner"),
        ({'a"b': "v"}, 'tags.a"b'),
        ({"a#b": "v"}, "tags.a#b"),
        ({"a\\b": "v"}, "tags.a\\b"),
        ({"a\ud800": "v"}, "tags"),  # a lone surrogate: no Unicode text
    ],
)
async def test_bad_tags(api, tags, field):
    code, body = await api("POST", "trial-components", {"trial_component_name": "c", "tags": tags}, token="alice-token")
    assert_400(code, body, field)


@pytest.mark.parametrize(
    "path, request_body",
    [
        ("experiments", {"experiment_name": "e"}),
        ("trials", {"trial_name": "t", "experiment_name": "e"}),
        ("jobs", {"script": "ok.py"}),
        ("training-jobs", {"entry_point": "ok.py"}),
        ("processing-jobs", {"code": "ok.py"}),
        ("tuning-jobs", tuning()),
    ],
)
async def test_every_request_checks_its_tags(api, volume, path, request_body):
    code, body = await api("POST", path, {**request_body, "tags": {"aws:owner": "x"}}, token="alice-token")
    assert_400(code, body, "tags.aws:owner")
    if path == "tuning-jobs":  # and the training jobs it runs
        request_body = tuning(training_job={"entry_point": "ok.py", "tags": {"a#b": "x"}})
        code, body = await api("POST", path, request_body, token="alice-token")
        assert_400(code, body, "training_job.tags.a#b")


async def test_good_tags_are_kept_and_searched(api):
    tags = {"team": "cv", "sagemaker:source": "run", "Größe 2/3 =+-@_.:": "any text, even #this", "e": ""}
    code, body = await api("POST", "trial-components", {"trial_component_name": "c", "tags": tags}, token="alice-token")
    assert code == 201 and body["tags"] == tags, body
    code, found = await api("POST", SEARCH, search_filter("Tags.team"), token="alice-token")
    assert code == 200 and found["total"] == 0, found  # team is "cv"
    query = {"SearchExpression": {"Filters": [{"Name": "Tags.Größe 2/3 =+-@_.:", "Value": "any text, even #this"}]}}
    code, found = await api("POST", SEARCH, query, token="alice-token")
    assert code == 200 and [c["trial_component_name"] for c in found["trial_components"]] == ["c"], found


async def test_an_update_with_bad_tags(api):
    await api("POST", "experiments", {"experiment_name": "e"}, token="alice-token")
    code, body = await api("PATCH", "experiments/e", {"tags": {"aws:x": "v"}}, token="alice-token")
    assert_400(code, body, "tags.aws:x")
    await api("POST", "trial-components", {"trial_component_name": "c"}, token="alice-token")
    code, body = await api("PATCH", "trial-components/c", {"tags": {"k" * 129: "v"}}, token="alice-token")
    assert_400(code, body, "tags." + "k" * 129)


@pytest.mark.parametrize("key", ['a"b', "a\\b", "a'b", "a]b", "k" * 129, "$.x", "a#b"])
async def test_a_search_on_a_bad_tag_key(api, key):
    """`Tags.<key>` is a JSON path in the store's query: a key outside the tag rules was SQLite's
    'bad JSON path', answered 503 'the metadata store is unavailable'."""
    await api("POST", "trial-components", {"trial_component_name": "c"}, token="alice-token")
    code, body = await api("POST", SEARCH, search_filter(f"Tags.{key}"), token="alice-token")
    assert_400(code, body, "SearchExpression.Filters.0.Name")
    code, body = await api(
        "POST",
        SEARCH,
        {"SearchExpression": {"SubExpressions": [search_filter(f"tags.{key}")["SearchExpression"]]}},
        token="alice-token",
    )
    assert_400(code, body, "SearchExpression.SubExpressions.0.Filters.0.Name")


async def test_lone_surrogates_name_their_field(api):
    code, body = await api(
        "POST", "experiments", {"experiment_name": "e", "display_name": "a\ud800"}, token="alice-token"
    )
    assert_400(code, body, "display_name")
    code, body = await api(
        "POST", "trial-components", {"trial_component_name": "c", "parameters": {"lr": "\udcff"}}, token="alice-token"
    )
    assert_400(code, body, "parameters.lr")
