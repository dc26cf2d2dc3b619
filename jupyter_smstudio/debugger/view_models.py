"""The Debugger tab's answers: what a training job's tensors look like over steps (filled by the views).

Steps are global steps (the order of everything the job saved) unless a field says it is a mode's own step.
A reduction that is not a finite number (a NaN or infinite tensor) is null; the tensor's NaN and infinity
counts say why.
"""

from __future__ import annotations

from typing import Literal, Optional

from pydantic import Field

from ..core.models import SageMakerShape

ModeName = Literal["TRAIN", "EVAL", "PREDICT", "GLOBAL"]


class ModeSteps(SageMakerShape):
    """How many steps one mode saved, and its first and last (the mode's own step numbers)."""

    Mode: ModeName
    StepCount: int
    FirstStep: int
    LastStep: int


class TensorSummary(SageMakerShape):
    TensorName: str
    Collections: list[str] = Field(default_factory=list)
    Shape: list[int] = Field(default_factory=list)
    DType: Optional[str] = None
    Modes: list[ModeSteps] = Field(default_factory=list, description="The steps saved, per mode")
    StepCount: int = 0
    LatestStep: Optional[int] = None
    Latest: dict[str, Optional[float]] = Field(
        default_factory=dict, description="The reductions at the latest step (min, max, mean, std, l2, ...)"
    )
    NonFiniteStepCount: int = Field(default=0, description="Steps where the tensor held a NaN or an infinity")
    ValueSteps: list[int] = Field(
        default_factory=list, description="Global steps with the full value or a histogram (thinned past 2000)"
    )


class CollectionSummary(SageMakerShape):
    CollectionName: str
    TensorCount: int


class DebuggerTensors(SageMakerShape):
    """A training job's saved tensors, filtered by collection and regex."""

    TrainingJobName: str
    Collections: list[CollectionSummary] = Field(default_factory=list, description="Every collection, unfiltered")
    Modes: list[ModeSteps] = Field(default_factory=list)
    TrainingEnded: bool = Field(default=False, description="The hook wrote its end marker: no more steps come")
    Tensors: list[TensorSummary] = Field(default_factory=list)
    Warning: Optional[str] = Field(default=None, description="Why the list is empty (a filter that matches nothing)")


class TensorStatistics(SageMakerShape):
    """One tensor's reductions over steps. Past `MaxPoints` steps, each point stands for a run of steps (its
    last step): min-like reductions keep the run's minimum, max-like and the non-finite counts its maximum
    (a spike is never thinned away), the others the run's mean."""

    TrainingJobName: str
    TensorName: str
    Steps: list[int] = Field(default_factory=list)
    Modes: list[ModeName] = Field(default_factory=list, description="The mode of each step")
    ModeSteps: list[int] = Field(default_factory=list, description="Each step's number within its mode")
    Values: dict[str, list[Optional[float]]] = Field(default_factory=dict, description="Reduction -> one per step")
    StepCount: int = Field(default=0, description="Steps saved before thinning")
    Downsampled: bool = False


class TensorHistogram(SageMakerShape):
    TrainingJobName: str
    TensorName: str
    Step: int
    Mode: ModeName
    ModeStep: int
    Counts: list[int] = Field(default_factory=list)
    Edges: list[float] = Field(default_factory=list, description="len(Counts) + 1 bin edges")
    NanCount: int = 0
    InfCount: int = 0
    Source: Literal["histogram", "value"] = Field(
        default="histogram", description="The histogram the hook saved, or one binned here from the full value"
    )


class LossSeries(SageMakerShape):
    TensorName: str
    Mode: ModeName
    Steps: list[int] = Field(default_factory=list)
    ModeSteps: list[int] = Field(default_factory=list)
    Values: list[Optional[float]] = Field(default_factory=list)
    Downsampled: bool = False


class DebuggerLosses(SageMakerShape):
    """The losses collection, one series per tensor and mode (train vs validation)."""

    TrainingJobName: str
    Series: list[LossSeries] = Field(default_factory=list)


class GradientHeatmap(SageMakerShape):
    """Gradients per layer over steps: Values[i][j] is the reduction of TensorNames[i] at Steps[j] (null where
    that step did not save the tensor)."""

    TrainingJobName: str
    Reduction: str
    TensorNames: list[str] = Field(default_factory=list)
    Steps: list[int] = Field(default_factory=list)
    Values: list[list[Optional[float]]] = Field(default_factory=list)
    StepCount: int = 0
    Downsampled: bool = False
    Warning: Optional[str] = None
