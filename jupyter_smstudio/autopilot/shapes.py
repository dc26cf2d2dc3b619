"""The Autopilot room's contract: SageMaker's CreateAutoMLJob request and its DescribeAutoMLJob /
ListCandidatesForAutoMLJob / ListAutoMLJobs answers, with SageMaker's field names (PascalCase), so code that reads a
description carries over. A field SageMaker leaves out (no BestCandidate before one finished) is absent, not null.
The room's own additions (the CSV preview of the wizard, "Deploy best") say so in their docstrings."""

from __future__ import annotations

from datetime import datetime
from typing import Literal, Optional, TypeAlias

from pydantic import Field

from ..core.models import SageMakerShape as Shape
from ..endpoints.models import ContainerDefinition, Tag
from .models import ColumnKind
from .models import ProblemType as _ProblemType

# SageMaker: ^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,31}$ (candidates' training jobs get a suffix)
AUTOML_JOB_NAME = r"^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,31}$"
AutoMLJobStatus = Literal["Completed", "InProgress", "Failed", "Stopped", "Stopping"]
AutoMLJobSecondaryStatus = Literal[
    "Starting",
    "AnalyzingData",
    "FeatureEngineering",
    "ModelTuning",
    "GeneratingExplainabilityReport",
    "Completed",
    "Failed",
    "Stopped",
    "Stopping",
    "MaxCandidatesReached",
    "MaxAutoMLJobRuntimeReached",
    "CandidateDefinitionsGenerated",
]
AutoMLMode = Literal["AUTO", "ENSEMBLING", "HYPERPARAMETER_TUNING"]
CandidateStatus = Literal["Completed", "InProgress", "Failed", "Stopped", "Stopping"]
ObjectiveStatus = Literal["Succeeded", "Pending", "Failed"]


# -- the request -------------------------------------------------------------------------------------------------------
class AutoMLS3DataSource(Shape):
    S3DataType: Literal["S3Prefix", "ManifestFile"] = "S3Prefix"
    S3Uri: str = Field(
        min_length=1, max_length=1024, description="A CSV file, or a folder of CSV files with one header"
    )


class AutoMLDataSource(Shape):
    S3DataSource: AutoMLS3DataSource


class AutoMLChannel(Shape):
    DataSource: AutoMLDataSource
    TargetAttributeName: str = Field(min_length=1, max_length=256)
    CompressionType: Literal["None", "Gzip"] = "None"
    ContentType: Optional[str] = Field(default=None, max_length=256)
    ChannelType: Literal["training", "validation"] = "training"
    SampleWeightAttributeName: Optional[str] = Field(default=None, min_length=1, max_length=256)


class AutoMLOutputDataConfig(Shape):
    S3OutputPath: str = Field(min_length=1, max_length=1024)
    KmsKeyId: Optional[str] = Field(default=None, max_length=2048)


class AutoMLJobObjective(Shape):
    MetricName: str = Field(min_length=1, max_length=32)


class AutoMLJobCompletionCriteria(Shape):
    MaxCandidates: Optional[int] = Field(default=None, ge=1, le=750)
    MaxRuntimePerTrainingJobInSeconds: Optional[int] = Field(default=None, ge=1, le=86400)
    MaxAutoMLJobRuntimeInSeconds: Optional[int] = Field(default=None, ge=1, le=30 * 86400)


class AutoMLDataSplitConfig(Shape):
    ValidationFraction: Optional[float] = Field(default=None, ge=0.05, le=0.5)


class AutoMLJobConfig(Shape):
    CompletionCriteria: Optional[AutoMLJobCompletionCriteria] = None
    DataSplitConfig: Optional[AutoMLDataSplitConfig] = None
    Mode: AutoMLMode = "AUTO"


class ModelDeployConfig(Shape):
    """Deploy the best candidate once the job completes (an endpoint of the Endpoints room)."""

    AutoGenerateEndpointName: bool = False
    EndpointName: Optional[str] = Field(default=None, pattern=r"^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$")


_Objective: TypeAlias = AutoMLJobObjective
_JobConfig: TypeAlias = AutoMLJobConfig
_DeployConfig: TypeAlias = ModelDeployConfig


class CreateAutoMLJobRequest(Shape):
    AutoMLJobName: str = Field(pattern=AUTOML_JOB_NAME)
    InputDataConfig: list[AutoMLChannel] = Field(min_length=1, max_length=2)
    OutputDataConfig: AutoMLOutputDataConfig
    ProblemType: Optional[_ProblemType] = None
    AutoMLJobObjective: Optional[_Objective] = None
    AutoMLJobConfig: Optional[_JobConfig] = None
    RoleArn: Optional[str] = Field(default=None, max_length=2048)
    GenerateCandidateDefinitionsOnly: bool = False
    Tags: list[Tag] = Field(default_factory=list, max_length=50)
    ModelDeployConfig: Optional[_DeployConfig] = None


# -- candidates --------------------------------------------------------------------------------------------------------
class FinalAutoMLJobObjectiveMetric(Shape):
    Type: Literal["Maximize", "Minimize"]
    MetricName: str = Field(description="validation:<metric>, as SageMaker names a candidate's objective")
    Value: float
    StandardMetricName: str


class AutoMLCandidateStep(Shape):
    CandidateStepType: Literal[
        "AWS::SageMaker::TrainingJob", "AWS::SageMaker::TransformJob", "AWS::SageMaker::ProcessingJob"
    ]
    CandidateStepArn: str
    CandidateStepName: str


class CandidateArtifactLocations(Shape):
    Explainability: Optional[str] = None
    ModelInsights: Optional[str] = None


class MetricDatum(Shape):
    MetricName: str
    Value: float
    Set: Literal["Train", "Validation", "Test"]
    StandardMetricName: str


_Locations: TypeAlias = CandidateArtifactLocations


class CandidateProperties(Shape):
    CandidateArtifactLocations: Optional[_Locations] = None
    CandidateMetrics: list[MetricDatum] = Field(default_factory=list)


_Final: TypeAlias = FinalAutoMLJobObjectiveMetric
_Properties: TypeAlias = CandidateProperties


class AutoMLCandidate(Shape):
    CandidateName: str
    FinalAutoMLJobObjectiveMetric: Optional[_Final] = None
    ObjectiveStatus: ObjectiveStatus
    CandidateSteps: list[AutoMLCandidateStep]
    CandidateStatus: CandidateStatus
    InferenceContainers: list[ContainerDefinition] = Field(default_factory=list)
    CreationTime: datetime
    EndTime: Optional[datetime] = None
    LastModifiedTime: datetime
    FailureReason: Optional[str] = None
    CandidateProperties: Optional[_Properties] = None
    # the room's own, for the leaderboard: the algorithm and the hyperparameters the candidate trained with
    Algorithm: Optional[str] = None
    HyperParameters: dict[str, str] = Field(default_factory=dict)


class ListCandidatesAnswer(Shape):
    Candidates: list[AutoMLCandidate]
    Total: int


# -- the job -----------------------------------------------------------------------------------------------------------
class AutoMLJobArtifacts(Shape):
    CandidateDefinitionNotebookLocation: Optional[str] = None
    DataExplorationNotebookLocation: Optional[str] = None


class ResolvedAttributes(Shape):
    AutoMLJobObjective: Optional[_Objective] = None
    ProblemType: Optional[_ProblemType] = None
    CompletionCriteria: Optional[AutoMLJobCompletionCriteria] = None


class ModelDeployResult(Shape):
    EndpointName: Optional[str] = None


_Artifacts: TypeAlias = AutoMLJobArtifacts
_Resolved: TypeAlias = ResolvedAttributes
_Candidate: TypeAlias = AutoMLCandidate
_DeployResult: TypeAlias = ModelDeployResult


class AutoMLJob(Shape):
    """DescribeAutoMLJob's answer (Owner, the analysis and the explainability report's locations are the room's)."""

    AutoMLJobName: str
    AutoMLJobArn: str
    InputDataConfig: list[AutoMLChannel]
    OutputDataConfig: AutoMLOutputDataConfig
    RoleArn: Optional[str] = None
    AutoMLJobObjective: Optional[_Objective] = None
    ProblemType: Optional[_ProblemType] = None
    AutoMLJobConfig: Optional[_JobConfig] = None
    CreationTime: datetime
    EndTime: Optional[datetime] = None
    LastModifiedTime: datetime
    FailureReason: Optional[str] = None
    PartialFailureReasons: list[dict[str, str]] = Field(default_factory=list)
    BestCandidate: Optional[_Candidate] = None
    AutoMLJobStatus: AutoMLJobStatus
    AutoMLJobSecondaryStatus: AutoMLJobSecondaryStatus
    GenerateCandidateDefinitionsOnly: bool = False
    AutoMLJobArtifacts: Optional[_Artifacts] = None
    ResolvedAttributes: Optional[_Resolved] = None
    ModelDeployConfig: Optional[_DeployConfig] = None
    ModelDeployResult: Optional[_DeployResult] = None
    Owner: str
    DataAnalysisLocation: Optional[str] = Field(default=None, description="analysis.json (the room's)")
    ExplainabilityReportLocation: Optional[str] = Field(default=None, description="report.json (the room's)")
    CandidateCount: int = Field(default=0, description="Training jobs started for candidates so far (the room's)")


class AutoMLJobSummary(Shape):
    AutoMLJobName: str
    AutoMLJobArn: str
    AutoMLJobStatus: AutoMLJobStatus
    AutoMLJobSecondaryStatus: AutoMLJobSecondaryStatus
    CreationTime: datetime
    EndTime: Optional[datetime] = None
    LastModifiedTime: datetime
    FailureReason: Optional[str] = None
    ProblemType: Optional[_ProblemType] = None
    Owner: str


class AutoMLJobList(Shape):
    AutoMLJobSummaries: list[AutoMLJobSummary]
    Total: int


# -- the room's own: the wizard's preview and "Deploy best" ---------------------------------------------------
class PreviewRequest(Shape):
    """The first rows of a CSV and what each column looks like, for the wizard (the room's own call)."""

    S3Uri: str = Field(min_length=1, max_length=1024)
    Rows: int = Field(default=10, ge=1, le=100)


class PreviewColumn(Shape):
    Name: str
    Kind: ColumnKind
    MissingFraction: float


class CsvPreview(Shape):
    S3Uri: str
    Columns: list[PreviewColumn]
    Rows: list[list[Optional[str]]]
    SuggestedProblemTypes: dict[str, _ProblemType] = Field(
        default_factory=dict, description="Per column: the problem type Autopilot infers when it is the target"
    )


class DeployBestRequest(Shape):
    """Deploy a candidate (the best by default) as an inference pipeline behind a new endpoint (the room's own)."""

    EndpointName: str = Field(pattern=r"^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$")
    CandidateName: Optional[str] = Field(default=None, max_length=64)
    InitialInstanceCount: int = Field(default=1, ge=1, le=16)
    InstanceType: str = Field(default="local", max_length=64)
    InferenceResponseKeys: list[str] = Field(default_factory=list, max_length=4)


class DeployBestAnswer(Shape):
    EndpointName: str
    ModelName: str
    EndpointConfigName: str
    CandidateName: str


def candidate_arn(job_name: str) -> str:
    return f"smstudio:training-job/{job_name}"
