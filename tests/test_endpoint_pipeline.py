"""Inference pipelines and the SDK's other deploy paths, in embedded mode (a script without a server): a
PipelineModel of a scaler-like preprocessing entry point and a scikit-learn model answers as the composed
function; production_variant / endpoint_from_production_variants / wait_for_endpoint with a DataCaptureConfig;
XGBoostModel on SageMaker's `xgboost-model` file; bad pipelines are refused naming the field."""

from __future__ import annotations

import json
import tarfile
from pathlib import Path

import joblib
import numpy as np
import pytest
from sklearn.linear_model import LinearRegression
from sklearn.preprocessing import StandardScaler

from jupyter_smstudio.core.errors import BadRequest
from jupyter_smstudio.endpoints.models import CreateModelRequest
from tests.conftest import write_script

pytestmark = pytest.mark.timeout(120)

SCALE = """
    import os

    import joblib


    def model_fn(model_dir):
        return joblib.load(os.path.join(model_dir, "scaler.joblib"))


    def predict_fn(data, scaler):
        return scaler.transform(data)
"""


def _pack(folder: Path, name: str, obj) -> str:
    folder.mkdir(parents=True, exist_ok=True)
    joblib.dump(obj, folder / name)
    with tarfile.open(folder / "model.tar.gz", "w:gz") as tar:
        tar.add(folder / name, arcname=name)
    return (folder / "model.tar.gz").as_uri()


@pytest.fixture
def session(tmp_path, monkeypatch):
    from jupyter_smstudio.sdk import Session

    monkeypatch.chdir(tmp_path)
    session = Session(home=str(tmp_path / "home"))
    yield session
    session.backend.close()


def test_a_pipeline_answers_as_the_composed_function(tmp_path, session):
    from jupyter_smstudio.sdk.deserializers import JSONDeserializer
    from jupyter_smstudio.sdk.model import Model
    from jupyter_smstudio.sdk.pipeline import PipelineModel
    from jupyter_smstudio.sdk.serializers import CSVSerializer
    from jupyter_smstudio.sdk.sklearn import SKLearnModel

    rng = np.random.default_rng(1)
    x = rng.normal(loc=50, scale=10, size=(80, 3))
    y = x @ np.array([1.5, -2.0, 0.5]) + 3
    scaler = StandardScaler().fit(x)
    regression = LinearRegression().fit(scaler.transform(x), y)
    write_script(tmp_path / "prep", "scale.py", SCALE)
    preprocess = Model(
        model_data=_pack(tmp_path / "scaler", "scaler.joblib", scaler),
        entry_point="scale.py",
        source_dir=str(tmp_path / "prep"),
        sagemaker_session=session,
    )
    learner = SKLearnModel(model_data=_pack(tmp_path / "lr", "model.joblib", regression), framework_version="1.2-1")
    pipeline = PipelineModel(models=[preprocess, learner], name="scaled-lr", role="ignored", sagemaker_session=session)
    with pytest.warns(UserWarning, match="stop when it ends"):
        predictor = pipeline.deploy(
            initial_instance_count=1,
            instance_type="ml.m5.large",
            endpoint_name="scaled",
            serializer=CSVSerializer(),
            deserializer=JSONDeserializer(),
        )
    rows = rng.normal(loc=50, scale=10, size=(5, 3))
    answer = predictor.predict(rows.tolist())
    assert np.allclose(answer, regression.predict(scaler.transform(rows)))
    described = session.sagemaker_client.describe_model(ModelName="scaled-lr")
    assert len(described["Containers"]) == 2 and "PrimaryContainer" not in described
    assert described["Containers"][0]["Environment"]["SAGEMAKER_PROGRAM"] == "scale.py"
    # the second container refuses what it cannot read: a 4xx naming the container, the endpoint serves on
    from jupyter_smstudio.sdk._boto import ClientError

    with pytest.raises(ClientError) as err:
        session.sagemaker_runtime_client.invoke_endpoint(EndpointName="scaled", Body=b"1,2", ContentType="text/csv")
    assert err.value.response["Error"]["Code"] == "ModelError" and "container 1 of 2" in str(err.value)
    assert np.allclose(predictor.predict(rows[:1].tolist()), regression.predict(scaler.transform(rows[:1])))
    predictor.delete_endpoint()
    # batch transform of the same pipeline: a Transformer on the model (created already, so not again)
    transformer = pipeline.transformer(2, "ml.m5.large", strategy="MultiRecord", output_path="out", accept="text/csv")
    assert (transformer.model_name, transformer.instance_count, transformer.strategy) == ("scaled-lr", 2, "MultiRecord")
    assert transformer.sagemaker_session is session
    predictor.delete_model()


@pytest.mark.filterwarnings("ignore:.*UBJSON")  # xgboost names the format it saves in
def test_production_variants_capture_and_xgboost(tmp_path, session):
    import xgboost

    from jupyter_smstudio.sdk.model_monitor import DataCaptureConfig
    from jupyter_smstudio.sdk.session import production_variant
    from jupyter_smstudio.sdk.xgboost import XGBoostModel, XGBoostPredictor

    x = np.random.default_rng(2).normal(size=(50, 2))
    booster = xgboost.train({"objective": "reg:squarederror"}, xgboost.DMatrix(x, label=x[:, 0]), num_boost_round=5)
    folder = tmp_path / "xgb"
    folder.mkdir()
    booster.save_model(str(folder / "xgboost-model"))  # XGBoost's own format, as the built-in algorithm writes it
    with tarfile.open(folder / "model.tar.gz", "w:gz") as tar:
        tar.add(folder / "xgboost-model", arcname="xgboost-model")
    model = XGBoostModel(
        model_data=(folder / "model.tar.gz").as_uri(),
        framework_version="1.7-1",
        py_version="py3",
        sagemaker_session=session,
    )
    model.create(instance_type="ml.m5.large")
    capture = DataCaptureConfig(enable_capture=True, sampling_percentage=100, sagemaker_session=session)
    request = capture._to_request_dict()
    assert request["CaptureOptions"] == [{"CaptureMode": "Input"}, {"CaptureMode": "Output"}]
    assert request["DestinationS3Uri"].endswith("/model-monitor/data-capture")
    variants = [
        production_variant(model.name, "ml.m5.large", 1, variant_name="a", initial_weight=1),
        production_variant(model.name, "ml.m5.large", 1, variant_name="b", initial_weight=0),
    ]
    with pytest.warns(UserWarning):
        name = session.endpoint_from_production_variants("boosted", variants, data_capture_config_dict=request)
    assert name == "boosted"
    desc = session.wait_for_endpoint("boosted")
    assert [v["VariantName"] for v in desc["ProductionVariants"]] == ["a", "b"]
    assert desc["DataCaptureConfig"]["CurrentSamplingPercentage"] == 100
    predictor = XGBoostPredictor("boosted", sagemaker_session=session)
    answer = predictor.predict([[0.5, 0.0], [-0.5, 0.0]])
    expected = booster.predict(xgboost.DMatrix(np.array([[0.5, 0.0], [-0.5, 0.0]])))
    assert np.allclose([float(row[0]) for row in answer], expected, atol=1e-5)
    predictor.delete_endpoint()
    session.backend.close()  # flushes the capture
    files = list(Path(request["DestinationS3Uri"][len("file://") :]).rglob("*.jsonl"))
    lines = [json.loads(line) for f in files for line in f.read_text().splitlines()]
    assert len(lines) == 1 and lines[0]["captureData"]["endpointInput"]["data"].startswith("0.5,0")


def test_bad_pipelines_are_refused_naming_the_field(tmp_path, session):
    service = session.backend.services.room_service("endpoints")
    viewer = session.backend.viewer
    url = _pack(tmp_path / "m", "model.joblib", LinearRegression())
    for body, field in (
        (
            {"ModelName": "both", "PrimaryContainer": {"ModelDataUrl": url}, "Containers": [{"ModelDataUrl": url}]},
            "PrimaryContainer",
        ),
        ({"ModelName": "neither"}, "PrimaryContainer"),
        ({"ModelName": "gap", "Containers": [{"ModelDataUrl": url}, {}]}, "Containers.1.ModelDataUrl"),
        (
            {
                "ModelName": "direct",
                "Containers": [{"ModelDataUrl": url}],
                "InferenceExecutionConfig": {"Mode": "Direct"},
            },
            "InferenceExecutionConfig.Mode",
        ),
        ({"ModelName": "gone", "Containers": [{"ModelDataUrl": url + "-missing"}]}, "Containers.0.ModelDataUrl"),
    ):
        with pytest.raises(BadRequest) as err:
            service.create_model(viewer, CreateModelRequest.model_validate(body))
        assert err.value.field == field, body
    with pytest.raises(ValueError):
        CreateModelRequest.model_validate({"ModelName": "many", "Containers": [{"ModelDataUrl": url}] * 16})
    from jupyter_smstudio.sdk.pytorch import PyTorchModel

    with pytest.raises(ValueError, match="model_fn"):
        PyTorchModel(model_data=url, framework_version="2.1", py_version="py310")
    assert PyTorchModel(model_data=url, entry_point="inference.py", framework_version="2.1").entry_point


def test_update_guards_and_retained_properties(tmp_path, session):
    """A guard (autoscaling's hook) refuses UpdateEndpoint before anything changes; RetainAllVariantProperties
    keeps the live weights and counts of the variants both configurations name."""
    from jupyter_smstudio.sdk._boto import ClientError
    from jupyter_smstudio.sdk.session import production_variant

    sm = session.sagemaker_client
    service = session.backend.services.room_service("endpoints")
    url = _pack(tmp_path / "m", "model.joblib", LinearRegression().fit([[0.0], [1.0]], [0.0, 2.0]))
    sm.create_model(ModelName="line", PrimaryContainer={"ModelDataUrl": url})
    variants = [production_variant("line", "local", 1, "a", 1), production_variant("line", "local", 1, "b", 1)]
    with pytest.warns(UserWarning):
        session.endpoint_from_production_variants("kept", variants)
    sm.create_endpoint_config(EndpointConfigName="next", ProductionVariants=variants)
    sm.update_endpoint_weights_and_capacities(
        EndpointName="kept",
        DesiredWeightsAndCapacities=[
            {"VariantName": "a", "DesiredWeight": 3},
            {"VariantName": "b", "DesiredWeight": 0},
        ],
    )

    def refuse(owner: str, endpoint_name: str) -> None:
        raise BadRequest(f"{endpoint_name} of {owner} has a scaling policy", field="EndpointName")

    service.update_guards.append(refuse)
    with pytest.raises(ClientError) as err:
        sm.update_endpoint(EndpointName="kept", EndpointConfigName="next")
    assert "has a scaling policy" in str(err.value)
    assert sm.describe_endpoint(EndpointName="kept")["EndpointStatus"] == "InService"  # nothing changed
    service.update_guards.remove(refuse)

    sm.update_endpoint(
        EndpointName="kept",
        EndpointConfigName="next",
        RetainAllVariantProperties=True,
        ExcludeRetainedVariantProperties=[{"VariantPropertyType": "DesiredInstanceCount"}],
    )
    desc = session.wait_for_endpoint("kept")
    assert desc["EndpointConfigName"] == "next"
    assert [(v["CurrentWeight"], v["CurrentInstanceCount"]) for v in desc["ProductionVariants"]] == [(3, 1), (0, 1)]
    sm.delete_endpoint(EndpointName="kept")
