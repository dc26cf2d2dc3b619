"""boto3's SageMaker client answered by SmStudio (`Session().sagemaker_client`, issue 10): training and
processing jobs as the SageMaker SDK submits them (script mode, code as inputs), tuning jobs, experiments,
trials, trial components and search, in boto3's shapes and errors; embedded, in one script."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.test_sdk import script_values

SCRIPTS = Path(__file__).parent / "training_scripts"


# -- boto3's SageMaker client, embedded ------------------------------------------------------------------


@pytest.fixture
def project(tmp_path):
    root = tmp_path / "work"
    (root / "src").mkdir(parents=True)
    for name in ("toolkit_train.py", "toolkit_process.py"):
        shutil.copy(SCRIPTS / name, root / "src" / name)
    (root / "data").mkdir()
    (root / "data" / "train.csv").write_text("a,y\n1,0\n2,1\n")
    (root / "raw").mkdir()
    (root / "raw" / "raw.csv").write_text("x\n" + "\n".join(str(i) for i in range(10)) + "\n")
    return root


CLIENT_SCRIPT = """
    import contextlib, io, json, time
    from datetime import datetime, timezone
    import botocore.exceptions
    import jupyter_smstudio.sdk as sagemaker
    from jupyter_smstudio.sdk.processing import ProcessingInput, ProcessingOutput, Processor
    from jupyter_smstudio.sdk.utils import create_tar_file, name_from_base, unique_name_from_base

    session = sagemaker.Session()
    sm = session.sagemaker_client
    region = session.boto_session.region_name
    bucket = session.default_bucket()
    report(region=region, same_client=session.boto_session.client("sagemaker") is sm)

    # a training job as the SageMaker SDK submits it: the code as a tarball, script mode in hyperparameters
    code = session.upload_data(create_tar_file(["src/toolkit_train.py"], "sourcedir.tar.gz"), key_prefix="code")
    data = session.upload_data("data/train.csv", key_prefix="data")
    definition = {
        "AlgorithmSpecification": {
            "TrainingImage": sagemaker.image_uris.retrieve("sklearn", region, "1.2-1"),
            "TrainingInputMode": "File",
            "MetricDefinitions": [{"Name": "train:loss", "Regex": "train:loss=([0-9.]+)"}],
        },
        "RoleArn": "arn:aws:iam::111122223333:role/ignored",
        "InputDataConfig": [{"ChannelName": "train", "ContentType": "text/csv",
                             "DataSource": {"S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": data}}}],
        "OutputDataConfig": {"S3OutputPath": bucket + "/client/"},
        "ResourceConfig": {"InstanceType": "ml.m5.large", "InstanceCount": 1, "VolumeSizeInGB": 10},
        "StoppingCondition": {"MaxRuntimeInSeconds": 600},
    }
    script_mode = {"sagemaker_program": '"toolkit_train.py"', "sagemaker_submit_directory": json.dumps(code),
                   "sagemaker_region": json.dumps(region)}
    job = name_from_base("client-train")
    created = sm.create_training_job(TrainingJobName=job, HyperParameters={**script_mode, "scale": "2"}, **definition)
    sm.get_waiter("training_job_completed_or_stopped").wait(TrainingJobName=job, WaiterConfig={"Delay": 0.3})
    desc = sm.describe_training_job(TrainingJobName=job)
    log = open(desc["LogUrl"][len("file://"):]).read()
    report(created=created["TrainingJobArn"] == desc["TrainingJobArn"], status=desc["TrainingJobStatus"],
           hyperparameters=desc["HyperParameters"], http=created["ResponseMetadata"]["HTTPStatusCode"],
           seen=json.loads(log.split("toolkit-env ", 1)[1].splitlines()[0]), job=job,
           first_line=log.splitlines()[0], output=desc["OutputDataConfig"]["S3OutputPath"] == bucket + "/client/",
           model=desc["ModelArtifacts"]["S3ModelArtifacts"] == f"{bucket}/client/{job}/output/model.tar.gz",
           times=[type(desc[k]).__name__ for k in ("CreationTime", "TrainingStartTime", "TrainingEndTime")],
           metric=[(m["MetricName"], m["Value"]) for m in desc["FinalMetricDataList"]])
    df = sagemaker.TrainingJobAnalytics(job, metric_names=["train:loss"]).dataframe()
    report(analytics=[list(df.columns), df["value"].tolist()])
    listed = sm.list_training_jobs(NameContains="client-train")["TrainingJobSummaries"]
    pages = list(sm.get_paginator("list_training_jobs").paginate(PaginationConfig={"PageSize": 1}))
    report(listed=[s["TrainingJobName"] for s in listed], listed_time=type(listed[0]["CreationTime"]).__name__,
           pages=len(pages) >= 1 and all(len(p["TrainingJobSummaries"]) == 1 for p in pages))

    # Processor: a framework image and an entrypoint running a script that an input provides
    processor = Processor(role="r", image_uri=sagemaker.image_uris.retrieve("pytorch", region, "2.0",
                          instance_type="ml.m5.xlarge", image_scope="training"), instance_count=1,
                          instance_type="ml.m5.xlarge",
                          entrypoint=["python3", "/opt/ml/processing/input/code/toolkit_process.py", "--from-entry"])
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        processor.run(inputs=[ProcessingInput(source="raw", destination="/opt/ml/processing/input"),
                              ProcessingInput(source="src/toolkit_process.py",
                                              destination="/opt/ml/processing/input/code", input_name="code")],
                      outputs=[ProcessingOutput(source="/opt/ml/processing/output", output_name="copied")],
                      arguments=["--extra"], logs=True)
    pdesc = processor.jobs[-1].describe()
    report(processor=[pdesc["ProcessingJobStatus"], processor.jobs[-1].job_name.startswith("pytorch-training-"),
                      [o["OutputName"] for o in pdesc["ProcessingOutputConfig"]["Outputs"]]],
           header=[line.split(":")[0] for line in printed.getvalue().splitlines()[1:4]],
           processed="processed 10 rows on algo-1 of ['algo-1'] args ['--from-entry', '--extra']" in printed.getvalue(),
           torch_warning="asks for PyTorch 2.0.1" in printed.getvalue())

    # CreateProcessingJob: the code is an input, the entrypoint runs it
    pname = name_from_base("client-process")
    sm.create_processing_job(
        ProcessingJobName=pname, RoleArn="r",
        ProcessingInputs=[
            {"InputName": "input-1", "S3Input": {"S3Uri": "raw", "LocalPath": "/opt/ml/processing/input"}},
            {"InputName": "code", "S3Input": {"S3Uri": "src", "LocalPath": "/opt/ml/processing/input/code"}}],
        ProcessingOutputConfig={"Outputs": [{"OutputName": "copy", "S3Output": {
            "S3Uri": bucket + "/processed", "LocalPath": "/opt/ml/processing/output", "S3UploadMode": "EndOfJob"}}]},
        ProcessingResources={"ClusterConfig": {"InstanceCount": 1, "InstanceType": "ml.m5.xlarge"}},
        AppSpecification={"ImageUri": sagemaker.image_uris.retrieve("xgboost", region, "1.7-1"),
                          "ContainerEntrypoint": ["python3", "/opt/ml/processing/input/code/toolkit_process.py"],
                          "ContainerArguments": ["--n", "1"]},
        StoppingCondition={"MaxRuntimeInSeconds": 300})
    sm.get_waiter("processing_job_completed_or_stopped").wait(ProcessingJobName=pname, WaiterConfig={"Delay": 0.3})
    pd = sm.describe_processing_job(ProcessingJobName=pname)
    copied = session.read_s3_file(bucket, "processed/copy.csv")
    processing_jobs = sm.list_processing_jobs()["ProcessingJobSummaries"]
    report(client_processing=[pd["ProcessingJobStatus"], pd["ProcessingOutputConfig"]["Outputs"][0]["OutputName"],
                              copied.count("\\n")],
           processing_listed=pname in [s["ProcessingJobName"] for s in processing_jobs])

    # a tuning job through the client: its training jobs run the same script-mode definition
    tname = unique_name_from_base("client-tune", max_length=32)
    sm.create_hyper_parameter_tuning_job(
        HyperParameterTuningJobName=tname,
        HyperParameterTuningJobConfig={
            "Strategy": "Random",
            "HyperParameterTuningJobObjective": {"Type": "Minimize", "MetricName": "train:loss"},
            "ResourceLimits": {"MaxNumberOfTrainingJobs": 2, "MaxParallelTrainingJobs": 2},
            "ParameterRanges": {"ContinuousParameterRanges": [
                {"Name": "scale", "MinValue": "1", "MaxValue": "3", "ScalingType": "Linear"}]},
            "TrainingJobEarlyStoppingType": "OFF", "RandomSeed": 7},
        TrainingJobDefinition={**definition, "StaticHyperParameters": script_mode})
    for _ in range(600):
        tdesc = sm.describe_hyper_parameter_tuning_job(HyperParameterTuningJobName=tname)
        if tdesc["HyperParameterTuningJobStatus"] not in ("InProgress", "Stopping"):
            break
        time.sleep(0.3)
    trials = sm.list_training_jobs_for_hyper_parameter_tuning_job(
        HyperParameterTuningJobName=tname, SortBy="FinalObjectiveMetricValue", SortOrder="Ascending")
    values = [t["FinalHyperParameterTuningJobObjectiveMetric"]["Value"] for t in trials["TrainingJobSummaries"]]
    analytics = sagemaker.HyperparameterTuningJobAnalytics(tname)
    report(tuning=[tdesc["HyperParameterTuningJobStatus"], tdesc["TrainingJobStatusCounters"]["Completed"]],
           best=tdesc["BestTrainingJob"]["TrainingJobName"] == trials["TrainingJobSummaries"][0]["TrainingJobName"],
           sorted=values == sorted(values), ranges=analytics.tuning_ranges,
           summaries=sorted(analytics.training_job_summaries()[0]),
           tuning_listed=tname in [j["HyperParameterTuningJobName"] for j in
                                   sm.list_hyper_parameter_tuning_jobs(MaxResults=100)["HyperParameterTuningJobSummaries"]])

    # experiments, trials and components, and search
    experiment = unique_name_from_base("client-exp")
    sm.create_experiment(ExperimentName=experiment, Description="made by boto3's calls",
                         Tags=[{"Key": "team", "Value": "ml"}])
    sm.create_trial(TrialName=experiment + "-t1", ExperimentName=experiment)
    started = datetime(2024, 5, 1, 12, tzinfo=timezone.utc)
    sm.create_trial_component(TrialComponentName=experiment + "-c1", DisplayName="manual",
                              Status={"PrimaryStatus": "Completed", "Message": "done"}, StartTime=started,
                              Parameters={"lr": {"NumberValue": 0.1}, "opt": {"StringValue": "adam"}},
                              InputArtifacts={"data": {"Value": data, "MediaType": "text/csv"}})
    sm.associate_trial_component(TrialComponentName=experiment + "-c1", TrialName=experiment + "-t1")
    job_arn = desc["TrainingJobArn"]
    job_component = sm.list_trial_components(SourceArn=job_arn)["TrialComponentSummaries"][0]
    sm.associate_trial_component(TrialComponentName=job_component["TrialComponentName"], TrialName=experiment + "-t1")
    component = sm.describe_trial_component(TrialComponentName=experiment + "-c1")
    found = sm.search(Resource="ExperimentTrialComponent", SearchExpression={"Filters": [
        {"Name": "Parents.ExperimentName", "Operator": "Equals", "Value": experiment}]},
        SortBy="CreationTime", SortOrder="Ascending")
    report(component=[component["Parameters"], component["Status"], component["StartTime"] == started,
                      component["InputArtifacts"]],
           job_component=[job_component["TrialComponentSource"]["SourceArn"] == job_arn,
                          job_component["TrialComponentSource"]["SourceType"]],
           search=[[r["TrialComponent"]["DisplayName"] for r in found["Results"]],
                   found["Results"][0]["TrialComponent"]["Parents"]],
           job_metrics=[m["MetricName"] for m in found["Results"][0]["TrialComponent"]["Metrics"]],
           trials=[t["TrialName"] for t in sm.list_trials(ExperimentName=experiment)["TrialSummaries"]],
           trials_of_component=len(sm.list_trials(TrialComponentName=experiment + "-c1")["TrialSummaries"]),
           in_trial=len(sm.list_trial_components(TrialName=experiment + "-t1")["TrialComponentSummaries"]),
           experiment=sm.describe_experiment(ExperimentName=experiment)["Description"])
    errors = {}
    try:
        sm.create_experiment(ExperimentName=experiment)
    except sm.exceptions.ResourceInUse as err:
        errors["duplicate"] = err.response["Error"]["Code"]
    for c in (experiment + "-c1", job_component["TrialComponentName"]):
        sm.disassociate_trial_component(TrialComponentName=c, TrialName=experiment + "-t1")
    sm.delete_trial_component(TrialComponentName=experiment + "-c1")
    sm.delete_trial(TrialName=experiment + "-t1")
    sm.delete_experiment(ExperimentName=experiment)
    try:
        sm.describe_experiment(ExperimentName=experiment)
    except botocore.exceptions.ClientError as err:  # botocore's own class catches it
        errors["gone"] = [err.response["Error"]["Code"], err.operation_name]
    calls = {
        "missing": lambda: sm.describe_training_job(),
        "positional": lambda: sm.describe_training_job(job),
        "unknown": lambda: sm.create_compilation_job(CompilationJobName="t"),
        "runtime": lambda: session.sagemaker_runtime_client.invoke_endpoint(EndpointName="e", Body=b"1"),
        "image": lambda: sm.create_training_job(TrainingJobName=name_from_base("bad"), **{
            **definition, "AlgorithmSpecification": {"TrainingImage": "123.dkr.ecr.us-east-1.amazonaws.com/mine:1"}}),
        "program": lambda: sm.create_training_job(TrainingJobName=name_from_base("bad"), **definition),
        "search": lambda: sm.search(Resource="TrainingJob"),
        "page": lambda: sm.list_experiments(MaxResults=0),
        "s3": lambda: session.boto_session.client("s3"),
    }
    for key, call in calls.items():
        try:
            call()
        except Exception as err:
            errors[key] = [type(err).__name__, getattr(err, "field", None), str(err)[:300]]
    report(errors=errors)
"""


def test_sagemaker_client_calls_embedded(project, tmp_path):
    pytest.importorskip("botocore")
    v = script_values(CLIENT_SCRIPT, {"SMSTUDIO_HOME": str(tmp_path / "home")}, cwd=project, timeout=240)
    assert v["region"] == "us-east-1" and v["same_client"] is True
    # training: script mode from a tarball, the toolkit's view of the job, SageMaker's answers
    assert (v["created"], v["status"], v["http"]) == (True, "Completed", 200)
    assert v["hyperparameters"] == {"scale": "2"}  # the SDK's sagemaker_* settings are not the script's
    assert v["seen"] == {
        "hyperparameters": {"scale": 2},
        "channels": ["train"],
        "channel_has_data": True,
        "model_dir_is_sm": True,
        "output_data_dir": True,
        "num_gpus": 0,
        "hosts": ["algo-1"],
        "current_host": "algo-1",
        "is_master": True,
        "module_name": "toolkit_train",
        "job_name": v["job"],
        "user_args": ["--scale", "2"],
        "old_hyperparameters": {"scale": 2},
        "old_model_dir": True,
    }
    assert v["first_line"].startswith("smstudio: WARNING: framework_version 1.2-1 asks for scikit-learn 1.2")
    assert v["output"] is True and v["model"] is True
    assert v["times"] == ["datetime"] * 3 and v["metric"] == [["train:loss", 0.5]]
    assert v["analytics"] == [["timestamp", "metric_name", "value"], [0.5]]
    assert v["listed"] == [v["job"]] and v["listed_time"] == "datetime" and v["pages"] is True
    # processing: Processor's entrypoint and CreateProcessingJob find the script among the inputs
    assert v["processor"] == ["Completed", True, ["copied"]]
    assert v["header"] == ["Job Name", "Inputs", "Outputs"] and v["processed"] is True and v["torch_warning"] is True
    assert v["client_processing"] == ["Completed", "copy", 11] and v["processing_listed"] is True
    # tuning through the client
    assert v["tuning"] == ["Completed", 2] and v["best"] is True and v["sorted"] is True
    assert v["ranges"] == {"scale": {"Name": "scale", "MinValue": "1.0", "MaxValue": "3.0", "ScalingType": "Linear"}}
    assert "TunedHyperParameters" in v["summaries"] and "TrainingJobName" in v["summaries"]
    assert v["tuning_listed"] is True
    # experiments and search
    params, status, same_start, artifacts = v["component"]
    assert params == {"lr": {"NumberValue": 0.1}, "opt": {"StringValue": "adam"}}
    assert status == {"PrimaryStatus": "Completed", "Message": "done"} and same_start is True
    assert artifacts["data"]["MediaType"] == "text/csv"
    assert v["job_component"] == [True, "SageMakerTrainingJob"]
    names, parents = v["search"]
    assert names == [v["job"], "manual"] and parents[0]["ExperimentName"].startswith("client-exp-")  # oldest first
    assert v["job_metrics"] == ["train:loss"]
    assert len(v["trials"]) == 1 and v["trials_of_component"] == 1 and v["in_trial"] == 2
    assert v["experiment"] == "made by boto3's calls"
    e = v["errors"]
    assert e["duplicate"] == "ResourceInUse" and e["gone"] == ["ResourceNotFound", "DescribeExperiment"]
    assert e["missing"][0] == "ParamValidationError" and '"TrainingJobName"' in e["missing"][2]
    assert e["positional"][0] == "TypeError"
    assert e["unknown"][0] == "UnsupportedOperation" and "'create_compilation_job'" in e["unknown"][2]
    assert e["runtime"][0] == "ClientError" and "endpoint 'e' does not exist" in e["runtime"][2]
    assert e["image"][:2] == ["ClientError", "AlgorithmSpecification.TrainingImage"]
    assert e["program"][:2] == ["ClientError", "HyperParameters.sagemaker_program"]
    assert e["search"][:2] == ["ClientError", "Resource"]
    assert e["page"][0] == "ParamValidationError" and "MaxResults" in e["page"][2]
    assert e["s3"][0] == "NotImplementedError" and "S3Uploader" in e["s3"][2]
