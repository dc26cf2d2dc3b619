"""The Experiments contract: experiments > trials > trial components, metrics, artifacts, search.

Names follow SageMaker's (TrialComponent, Parameters, Metrics with Min/Max/Avg/StdDev/Last/Count),
in snake_case on the wire; the SDK turns them back into SageMaker's shapes.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal, Optional, Union

from pydantic import ConfigDict, Field, StrictBool, ValidationError, field_validator

from ..core.models import TAG_KEY, Contract, Tags
from ..jobs.models import ENTITY_NAME, ExperimentConfig, JobStatus  # noqa: F401  (re-exported)

SortOrder = Literal["Ascending", "Descending"]
# a parameter is a finite number or a text: Infinity and NaN are refused (they cannot be compared or sorted)
ParameterValue = Union[Annotated[float, Field(allow_inf_nan=False)], str]
MAX_STEP = 2**31 - 1  # the store keeps steps as 32-bit integers on every backend
# a parameter's or an artifact's name is a row's key, 255 characters on every store (SQLite would keep a
# longer one, PostgreSQL refuse it): one limit, checked before the store, on both
RowName = Annotated[str, Field(max_length=255)]


class FloatContract(Contract):
    """Metric values may be NaN or +-Infinity; they travel as the strings "NaN", "Infinity", "-Infinity"."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, ser_json_inf_nan="strings")


class ExperimentCreate(Contract):
    experiment_name: str = Field(pattern=ENTITY_NAME)
    display_name: Optional[str] = Field(default=None, max_length=120)
    description: Optional[str] = Field(default=None, max_length=3072)
    folder: str = Field(default="", max_length=512, description="Slash-separated folder to group experiments")
    tags: Tags = Field(default_factory=dict)
    shared: StrictBool = Field(default=False, description="Every user may read it (only its owner changes it)")


class ExperimentUpdate(Contract):
    display_name: Optional[str] = Field(default=None, max_length=120)
    description: Optional[str] = Field(default=None, max_length=3072)
    folder: Optional[str] = Field(default=None, max_length=512)
    tags: Optional[Tags] = None
    shared: Optional[StrictBool] = None


class Experiment(Contract):
    experiment_name: str
    display_name: str
    description: Optional[str] = None
    folder: str = ""
    tags: dict[str, str] = Field(default_factory=dict)
    owner: str
    shared: bool = False
    creation_time: datetime
    last_modified_time: datetime
    trial_count: int = 0


class ExperimentList(Contract):
    experiments: list[Experiment]
    total: int


class TrialCreate(Contract):
    trial_name: str = Field(pattern=ENTITY_NAME)
    experiment_name: str = Field(pattern=ENTITY_NAME)
    display_name: Optional[str] = Field(default=None, max_length=120)
    tags: Tags = Field(default_factory=dict)


class Trial(Contract):
    trial_name: str
    experiment_name: str
    display_name: str
    tags: dict[str, str] = Field(default_factory=dict)
    owner: str
    creation_time: datetime
    last_modified_time: datetime
    trial_component_count: int = 0


class TrialList(Contract):
    trials: list[Trial]
    total: int


class Artifact(Contract):
    value: str = Field(max_length=2048, description="A URL (file://, s3://) or a plain value")
    media_type: Optional[str] = Field(default=None, max_length=256)


class TrialComponentCreate(Contract):
    trial_component_name: str = Field(pattern=ENTITY_NAME)
    display_name: Optional[str] = Field(default=None, max_length=120)
    status: JobStatus = "InProgress"
    status_message: Optional[str] = Field(default=None, max_length=1024)
    start_time: Optional[datetime] = None
    end_time: Optional[datetime] = None
    parameters: dict[RowName, ParameterValue] = Field(default_factory=dict)
    input_artifacts: dict[RowName, Artifact] = Field(default_factory=dict)
    output_artifacts: dict[RowName, Artifact] = Field(default_factory=dict)
    tags: Tags = Field(default_factory=dict)
    source_arn: Optional[str] = Field(default=None, max_length=256, description="The job this component tracks")
    source_type: Optional[str] = Field(default=None, max_length=64)
    git_commit: Optional[str] = Field(default=None, max_length=64)
    git_repository: Optional[str] = Field(default=None, max_length=1024)
    trial_name: Optional[str] = Field(default=None, pattern=ENTITY_NAME, description="Associate with this trial")


class TrialComponentUpdate(Contract):
    display_name: Optional[str] = Field(default=None, max_length=120)
    status: Optional[JobStatus] = None
    status_message: Optional[str] = Field(default=None, max_length=1024)
    start_time: Optional[datetime] = None
    end_time: Optional[datetime] = None
    parameters: dict[RowName, ParameterValue] = Field(default_factory=dict, description="Added or overwritten")
    parameters_to_remove: list[RowName] = Field(default_factory=list)
    input_artifacts: dict[RowName, Artifact] = Field(default_factory=dict)
    output_artifacts: dict[RowName, Artifact] = Field(default_factory=dict)
    tags: Optional[Tags] = None


class MetricSummary(FloatContract):
    metric_name: str
    count: int
    min: Optional[float] = None
    max: Optional[float] = None
    avg: Optional[float] = None
    std_dev: Optional[float] = None
    last: Optional[float] = None
    last_step: Optional[int] = None
    time_stamp: Optional[datetime] = None


class Parent(Contract):
    trial_name: str
    experiment_name: str


class TrialComponent(FloatContract):
    trial_component_name: str
    display_name: str
    owner: str
    status: JobStatus
    status_message: Optional[str] = None
    creation_time: datetime
    last_modified_time: datetime
    start_time: Optional[datetime] = None
    end_time: Optional[datetime] = None
    parameters: dict[str, ParameterValue] = Field(default_factory=dict)
    input_artifacts: dict[str, Artifact] = Field(default_factory=dict)
    output_artifacts: dict[str, Artifact] = Field(default_factory=dict)
    metrics: list[MetricSummary] = Field(default_factory=list)
    tags: dict[str, str] = Field(default_factory=dict)
    source_arn: Optional[str] = None
    source_type: Optional[str] = None
    git_commit: Optional[str] = None
    git_repository: Optional[str] = None
    parents: list[Parent] = Field(default_factory=list)


class MetricPoint(FloatContract):
    metric_name: str = Field(min_length=1, max_length=255)
    value: float = Field(allow_inf_nan=True)
    step: Optional[int] = Field(default=None, ge=-MAX_STEP, le=MAX_STEP)
    timestamp: Optional[datetime] = None


class MetricBatch(FloatContract):
    metrics: list[MetricPoint] = Field(max_length=10000)


class MetricSeries(FloatContract):
    trial_component_name: str
    metric_name: str
    steps: list[Optional[int]]
    timestamps: list[datetime]
    values: list[Optional[float]]
    total_points: int
    downsampled: bool = False


class Association(Contract):
    trial_name: str = Field(pattern=ENTITY_NAME)


# -- search ---------------------------------------------------------------------------------------
FilterOperator = Literal[
    "Equals",
    "NotEquals",
    "GreaterThan",
    "GreaterThanOrEqualTo",
    "LessThan",
    "LessThanOrEqualTo",
    "Contains",
    "Exists",
    "NotExists",
    "In",
]


class SearchFilter(Contract):
    name: str = Field(alias="Name", min_length=1, max_length=512)
    operator: FilterOperator = Field(default="Equals", alias="Operator")
    value: Optional[str] = Field(default=None, alias="Value", max_length=1024)

    @field_validator("name")
    @classmethod
    def _tag_key(cls, name: str) -> str:
        """`Tags.<key>` names a tag as tags are named: the key becomes a JSON path in the store's query."""
        head, _, key = name.partition(".")
        if head.lower() == "tags" and key:
            try:
                TAG_KEY.validate_python(key)
            except ValidationError as err:
                raise ValueError(f"'{key}' is not a tag key: {err.errors()[0]['msg']}") from None
        return name


class NestedFilters(Contract):
    nested_property_name: str = Field(alias="NestedPropertyName")
    filters: list[SearchFilter] = Field(alias="Filters", min_length=1, max_length=20)


class SearchExpression(Contract):
    """SageMaker's Search expression, with its field names."""

    filters: list[SearchFilter] = Field(default_factory=list, alias="Filters", max_length=20)
    nested_filters: list[NestedFilters] = Field(default_factory=list, alias="NestedFilters", max_length=20)
    sub_expressions: list["SearchExpression"] = Field(default_factory=list, alias="SubExpressions", max_length=20)
    operator: Literal["And", "Or"] = Field(default="And", alias="Operator")


class SearchRequest(Contract):
    resource: Literal["ExperimentTrialComponent"] = Field(default="ExperimentTrialComponent", alias="Resource")
    search_expression: Optional[SearchExpression] = Field(default=None, alias="SearchExpression")
    sort_by: Optional[str] = Field(default=None, alias="SortBy", max_length=512)
    sort_order: SortOrder = Field(default="Descending", alias="SortOrder")
    max_results: int = Field(default=50, ge=1, le=10000, alias="MaxResults")
    next_token: Optional[str] = Field(default=None, alias="NextToken")


class SearchResult(FloatContract):
    trial_components: list[TrialComponent]
    total: int
    next_token: Optional[str] = None


class LineageNode(Contract):
    trial_component_name: str
    display_name: str
    artifact_name: str
    artifact_value: str


class Lineage(Contract):
    trial_component_name: str
    upstream: list[LineageNode] = Field(description="Components whose outputs this one consumed")
    downstream: list[LineageNode] = Field(description="Components that consumed this one's outputs")


class Columns(Contract):
    """What the leaderboard can show for a set of components."""

    parameters: list[str]
    metrics: list[str]
    statistics: list[str] = Field(default_factory=lambda: ["Min", "Max", "Avg", "StdDev", "Last", "Count"])


class DeleteResult(Contract):
    deleted: dict[str, int]


_: Any = SearchExpression.model_rebuild()


class MetricCount(Contract):
    count: int


class TrialComponentEvent(Contract):
    """Payload of the `trial-component` jupyter_event (schema version 1)."""

    trial_component_name: str
    owner: str
    change: Literal["created", "updated", "metrics", "deleted"]
