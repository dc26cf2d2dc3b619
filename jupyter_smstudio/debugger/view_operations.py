"""The Debugger tab's REST routes and SDK calls over a training job's tensors (see core/operations.py).

A tensor's name is a query parameter, not a path segment: PyTorch's gradient names hold a slash
(`gradient/Net_fc1.weight`), which a path segment cannot carry through every proxy.
"""

from __future__ import annotations

from ..core.operations import Operation, Query
from .views import MAX_HEATMAP_STEPS, MAX_POINTS

JOB = "debugger/training-jobs/{training_job_name}"
TENSOR = Query("tensor_name", required=True)
MODE = Query("mode")

VIEW_OPERATIONS: tuple[Operation, ...] = (
    Operation(
        "list_debugger_tensors",
        "GET",
        f"{JOB}/tensors",
        "list_debugger_tensors",
        query=(Query("collection"), Query("regex")),
    ),
    Operation(
        "describe_tensor_statistics",
        "GET",
        f"{JOB}/tensor-statistics",
        "describe_tensor_statistics",
        query=(TENSOR, Query("reductions"), MODE, Query("max_points", int, MAX_POINTS)),
    ),
    Operation(
        "describe_tensor_histogram",
        "GET",
        f"{JOB}/tensor-histogram",
        "describe_tensor_histogram",
        query=(TENSOR, Query("step", int), MODE),
    ),
    Operation(
        "describe_debugger_losses",
        "GET",
        f"{JOB}/losses",
        "describe_debugger_losses",
        query=(Query("max_points", int, MAX_POINTS),),
    ),
    Operation(
        "describe_gradient_heatmap",
        "GET",
        f"{JOB}/gradients",
        "describe_gradient_heatmap",
        query=(Query("reduction", str, "l2"), Query("regex"), MODE, Query("max_steps", int, MAX_HEATMAP_STEPS)),
    ),
)
