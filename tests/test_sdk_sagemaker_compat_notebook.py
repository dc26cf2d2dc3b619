"""A notebook written for SageMaker (tests/notebooks_sagemaker/, only its imports rewritten) runs top to
bottom in a real kernel against a server: processing, training with the toolkit, evaluation on a framework
image, tuning, and boto3's client for jobs, experiments and search (issue 10)."""

from __future__ import annotations

import re
from pathlib import Path

from tests.live_server import jupyter_server
from tests.notebooks import against, execute

NOTEBOOK = Path(__file__).parent / "notebooks_sagemaker" / "sklearn_end_to_end.ipynb"


def test_sagemaker_notebook_against_a_server(tmp_path, monkeypatch):
    with jupyter_server(tmp_path / "srv") as srv:
        text = execute(NOTEBOOK, against(monkeypatch, srv), timeout=240)
    assert re.search(r"sagemaker version: 2\.\d+\.\d+", text) and "region: us-east-1" in text
    # the processing job: SageMaker's header, default name, output names as given, the version warning
    assert re.search(r"Job Name:  sagemaker-scikit-learn-\d{4}-\d\d-\d\d-\d\d-\d\d-\d\d-\d{3}\n", text), text
    assert "Inputs:  [{'InputName': 'input-1'" in text and "Outputs:  [{'OutputName': 'train_data'" in text
    assert "smstudio: WARNING: framework_version 1.2-1 asks for scikit-learn 1.2" in text
    assert "Received arguments Namespace(train_test_split_ratio=0.2)" in text
    assert "preprocessing job: sagemaker-scikit-learn-" in text and "/output/train_data" in text
    # training: sagemaker_training in the script, S3OutputPath + job name, datetimes
    assert "hyperparameters: {'n-estimators': 20, 'min-samples-leaf': 2}" in text
    assert "hosts: ['algo-1'] current host: algo-1 gpus: 0" in text
    assert "model path as the estimator has it: True" in text and "non-negative time: True" in text
    # evaluation on the image URI, tuning with an Estimator on it
    assert "image: 683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3" in text
    assert "evaluation accuracy above 0.9: True" in text
    assert "tuning job status: Completed" in text and "2 training jobs have completed" in text
    assert "Number of training jobs with valid objective: 2" in text
    assert "tuning ranges: ['min-samples-leaf', 'n-estimators']" in text and "best first: True" in text
    # the boto3 client
    assert "training job: Completed datetime" in text and "listed: True" in text
    assert "component source: SageMakerTrainingJob metrics: ['test:accuracy']" in text
    assert "experiment deleted: ResourceNotFound" in text
    assert "invoke_endpoint: ValidationError" in text  # no such endpoint
