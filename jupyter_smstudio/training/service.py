"""Training and processing jobs: check the request, package the code, hand the container its config,
submit a job, describe it in SageMaker's shape.

The job itself (jobs/) runs `python -m jupyter_smstudio.training.container`, which follows
SageMaker's container contract; `checks.py` finds everything a user can get wrong first.
"""

from __future__ import annotations

import json
import os
from typing import Any

from ..core.auth import Viewer
from ..core.errors import BadRequest, NotFound
from ..core.gitinfo import commit_of
from ..core.names import name_from_base
from ..core.storage import join_url
from ..debugger import training_setup
from ..debugger.rule_jobs import start_rule_jobs
from ..debugger.rule_jobs import statuses as rule_statuses
from ..experiments.models import TrialComponent
from ..experiments.service import ExperimentService
from ..jobs.models import GitCommit, Job, JobArtifact, JobConfig, JobTracking, trial_component_name
from ..jobs.service import JobService
from . import checks
from .describe import DescribeProcessingJob, DescribeTrainingJob, describe_processing, describe_training
from .images import FrameworkImage
from .models import (
    ProcessingJobConfig,
    ProcessingJobRequest,
    ResolvedProcessingInput,
    ResolvedProcessingOutput,
    TrainingJobConfig,
    TrainingJobRequest,
)

CONTAINER = ["python", "-m", "jupyter_smstudio.training.container"]


class TrainingService:
    def __init__(self, jobs: JobService, experiments: ExperimentService):
        self.jobs = jobs
        self.experiments = experiments

    # -- training -------------------------------------------------------------------------------
    def create_training_job(self, viewer: Viewer, request: TrainingJobRequest) -> Job:
        req = request
        image = checks.image(req.image_uri)
        checks.instance_type(req.instance_type)
        if not req.entry_point:
            raise BadRequest(_missing_entry_point(image), field="entry_point")
        # a framework image stands for its framework (and version) unless the request names them
        framework = req.framework or (image.framework if image else None)
        framework_version = req.framework_version or (image.version if image else None)
        storage = self.jobs.storage.for_user(viewer.user)
        source_dir, entry = checks.code(storage, req.source_dir, req.entry_point)
        deps = [checks.local_path(storage, d, f"dependencies.{i}") for i, d in enumerate(req.dependencies)]
        channels = {name: checks.channel(storage, name, ch, req.input_mode) for name, ch in req.inputs.items()}
        name = req.job_name or name_from_base(req.base_job_name or req.framework or "training")
        output_path = checks.writable(storage, req.output_path or storage.root_url, "output_path")
        # S3OutputPath as SageMaker records it: as given, and the default bucket with its "/" (notebooks
        # append "<job>/output/model.tar.gz" to it)
        s3_output_path = output_path + "/" if (req.output_path or "/").endswith("/") else output_path
        code_url = join_url(req.code_location or join_url(output_path, name, "source"), "sourcedir.tar.gz")
        checks.writable(storage, code_url.rsplit("/", 1)[0], "code_location")
        # the resolved URL goes to the container: a relative one would otherwise name nothing there
        checkpoint_url = (
            checks.writable(storage, req.checkpoint_s3_uri, "checkpoint_s3_uri") if req.checkpoint_s3_uri else None
        )
        checks.container_path(req.checkpoint_local_path, "checkpoint_local_path")
        checks.hyperparameter_names(req.hyperparameters)
        checks.metric_regexes(req.metric_definitions)
        checks.upload_code(storage, code_url, source_dir if req.source_dir else None, entry, deps)
        model_output = join_url(output_path, name, "output")
        debugger = training_setup.resolve(
            storage,
            name,
            output_path,
            req.debug_hook_config,
            req.debug_rule_configurations,
            req.tensor_board_output_config,
        )
        container = {
            "kind": "training",
            "entry_point": os.path.relpath(entry, source_dir),
            "code_url": code_url,
            "channels": channels,
            "hyperparameters": req.hyperparameters,
            "instance_count": req.instance_count,
            "instance_type": req.instance_type,
            "metric_definitions": [md.model_dump(by_alias=True) for md in req.metric_definitions],
            "environment": req.environment,
            "checkpoint_s3_uri": checkpoint_url,
            "checkpoint_local_path": req.checkpoint_local_path,
            "model_output_url": model_output,
            "storage_options": storage.s3_options,
            "environments_dir": os.path.join(self.jobs.home, "envs"),
            "framework": framework,
            "framework_version": framework_version,
            "debugger": training_setup.container_settings(debugger, name),
        }
        inputs = {k: v["s3_data"] for k, v in channels.items()}
        config = TrainingJobConfig(
            **{
                **req.model_dump(exclude={"inputs", "output_path"}),
                "framework": framework,
                "framework_version": framework_version,
                "debug_hook_config": debugger.hook,
                "debug_rule_configurations": debugger.rules,
                "tensor_board_output_config": debugger.tensorboard,
            },
            inputs=inputs,
            output_path=s3_output_path,
            code_url=code_url,
            model_data=f"{model_output}/model.tar.gz",
            tracking=_tracking(
                req.experiment_config,
                req.hyperparameters,
                source_dir,
                {k: JobArtifact(value=url) for k, url in inputs.items()},
                model_artifact=f"{model_output}/model.tar.gz",
                name=name,
            ),
        )
        job = self._submit(viewer, "training", name, container, config, req.environment, req.max_run, req.tags)
        if debugger.rules:  # each rule is a job of its own beside the training job, reading its tensors live
            start_rule_jobs(self.jobs, viewer, job.job_name, config, req.max_run)
        return job

    def start_training_job(self, viewer: Viewer, request: TrainingJobRequest) -> DescribeTrainingJob:
        """CreateTrainingJob over REST: answers the new job's description."""
        return self.describe_training_job(viewer, self.create_training_job(viewer, request).job_name)

    def describe_training_job(self, viewer: Viewer, training_job_name: str) -> DescribeTrainingJob:
        job = self._job(viewer, training_job_name, "training")
        config = TrainingJobConfig.model_validate(job.config.model_dump())
        rules = rule_statuses(self.jobs, job.owner, job.job_name, config) if config.debug_rule_configurations else None
        return describe_training(job, config, self._final_metrics(viewer, job), rules)

    def _final_metrics(self, viewer: Viewer, job: Job) -> TrialComponent | None:
        try:
            return self.experiments.get_component(viewer, trial_component_name(job.job_name, job.job_kind))
        except NotFound:
            return None

    # -- processing -----------------------------------------------------------------------------
    def create_processing_job(self, viewer: Viewer, request: ProcessingJobRequest) -> Job:
        req = request
        image = checks.image(req.image_uri)
        checks.instance_type(req.instance_type)
        storage = self.jobs.storage.for_user(viewer.user)
        code = checks.local_path(storage, req.code, "code")
        if not os.path.isfile(code):
            raise BadRequest(f"'code': {req.code} is not a file", field="code")
        name = req.job_name or name_from_base(req.base_job_name or "processing")
        inputs = []
        for i, item in enumerate(req.inputs):
            loc = storage.resolve(item.source, field_name=f"inputs.{i}.source")
            if not loc.fs.exists(loc.path):
                raise BadRequest(f"'inputs.{i}.source': {item.source} does not exist", field=f"inputs.{i}.source")
            checks.container_path(item.destination, f"inputs.{i}.destination")
            inputs.append(
                ResolvedProcessingInput(
                    source=loc.url, destination=item.destination, input_name=item.input_name or f"input-{i + 1}"
                )
            )
        outputs = []
        for i, out in enumerate(req.outputs):
            checks.container_path(out.source, f"outputs.{i}.source")
            label = out.output_name or f"output-{i + 1}"
            dest = out.destination or join_url(storage.root_url, name, "output", label)
            outputs.append(
                ResolvedProcessingOutput(
                    source=out.source,
                    output_name=label,
                    destination=checks.writable(storage, dest, f"outputs.{i}.destination"),
                )
            )
        code_url = join_url(storage.root_url, name, "input", "code", "sourcedir.tar.gz")
        checks.upload_code(storage, code_url, None, code, [])
        container = {
            "kind": "processing",
            "entry_point": os.path.basename(code),
            "code_url": code_url,
            "command": req.command,
            "arguments": req.arguments,
            "processing_inputs": [i.model_dump() for i in inputs],
            "processing_outputs": [o.model_dump() for o in outputs],
            "instance_count": req.instance_count,
            "instance_type": req.instance_type,
            "environment": req.environment,
            "storage_options": storage.s3_options,
            "environments_dir": os.path.join(self.jobs.home, "envs"),
            "framework": image.framework if image else None,
            "framework_version": image.version if image else None,
        }
        config = ProcessingJobConfig(
            **req.model_dump(exclude={"inputs", "outputs"}),
            resolved_inputs=inputs,
            outputs=outputs,
            tracking=_tracking(
                req.experiment_config,
                {},
                os.path.dirname(code),
                {i.input_name or "input": JobArtifact(value=i.source) for i in inputs},
                outputs={o.output_name or "output": JobArtifact(value=o.destination) for o in outputs},
                name=name,
            ),
        )
        return self._submit(
            viewer, "processing", name, container, config, req.environment, req.max_runtime_in_seconds, req.tags
        )

    def start_processing_job(self, viewer: Viewer, request: ProcessingJobRequest) -> DescribeProcessingJob:
        return self.describe_processing_job(viewer, self.create_processing_job(viewer, request).job_name)

    def describe_processing_job(self, viewer: Viewer, processing_job_name: str) -> DescribeProcessingJob:
        job = self._job(viewer, processing_job_name, "processing")
        return describe_processing(job, ProcessingJobConfig.model_validate(job.config.model_dump()))

    # -- shared -----------------------------------------------------------------------------------
    def _job(self, viewer: Viewer, name: str, kind: str) -> Job:
        job = self.jobs.get(viewer, name)
        if job.job_kind != kind:
            raise NotFound(
                f"{kind} job '{name}' does not exist ('{name}' is a {job.job_kind} job)", field=f"{kind}_job_name"
            )
        return job

    def _submit(
        self,
        viewer: Viewer,
        kind: str,
        name: str,
        container: dict[str, Any],
        config: JobConfig,
        environment: dict[str, str],
        max_run: int,
        tags: dict[str, str],
    ) -> Job:
        env = {**environment, "SMSTUDIO_CONTAINER_CONFIG": json.dumps(container)}
        return self.jobs.submit(
            viewer,
            kind=kind,
            job_name=name,
            argv=CONTAINER,
            cwd="",
            environment=env,
            config=config,
            max_runtime_seconds=max_run,
            stop_grace_seconds=10.0,
            tags=tags,
        )


def _missing_entry_point(image: FrameworkImage | None) -> str:
    if image is None:
        return "missing required field 'entry_point' (the script that trains)"
    return (
        f"missing required field 'entry_point': image_uri names SageMaker's {image.repository} framework image, "
        "which runs a script here (script mode); its built-in algorithm mode, without a script, is not available"
    )


def _tracking(
    experiment_config: Any,
    parameters: dict[str, Any],
    code_dir: str,
    inputs: dict[str, JobArtifact],
    outputs: dict[str, JobArtifact] | None = None,
    model_artifact: str | None = None,
    name: str = "",
) -> JobTracking:
    git = commit_of(code_dir)
    return JobTracking(
        display_name=(experiment_config.trial_component_display_name if experiment_config else None) or name,
        parameters=parameters,
        inputs=inputs,
        outputs=outputs or {},
        model_artifact=model_artifact,
        git=GitCommit.model_validate(git) if git else None,
        experiment_config=experiment_config,
    )
