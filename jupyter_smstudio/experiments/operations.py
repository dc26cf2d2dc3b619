"""The Experiments room's REST routes and SDK calls (see core/operations.py).

Bodies use the snake_case names of experiments/models.py, except `search`, which takes SageMaker's
Search fields (SearchExpression, SortBy, SortOrder, MaxResults, NextToken)."""

from __future__ import annotations

from ..core.operations import Operation, Query, page
from .models import (
    Association,
    ExperimentCreate,
    ExperimentUpdate,
    MetricBatch,
    SearchRequest,
    TrialComponentCreate,
    TrialComponentUpdate,
    TrialCreate,
)

EXPERIMENT = "experiments/{experiment_name}"
TRIAL = "trials/{trial_name}"
COMPONENT = "trial-components/{trial_component_name}"
CASCADE = Query("cascade", bool, False)
# `brief` answers a component without parameters, metrics, artifacts and parents (four fewer queries)
BRIEF = Query("brief", bool, False)

OPERATIONS = (
    Operation(
        "list_experiments",
        "GET",
        "experiments",
        "list_experiments",
        query=(Query("folder"), Query("name_contains"), *page(100)),
        for_jobs=True,
    ),
    Operation(
        "create_experiment",
        "POST",
        "experiments",
        "create_experiment",
        body=ExperimentCreate,
        status=201,
        for_jobs=True,
    ),
    Operation("get_experiment", "GET", EXPERIMENT, "get_experiment", for_jobs=True),
    Operation("update_experiment", "PATCH", EXPERIMENT, "update_experiment", body=ExperimentUpdate, for_jobs=True),
    Operation("delete_experiment", "DELETE", EXPERIMENT, "delete_experiment", query=(CASCADE,)),
    Operation(
        "list_trials", "GET", "trials", "list_trials", query=(Query("experiment_name"), *page(100)), for_jobs=True
    ),
    Operation("create_trial", "POST", "trials", "create_trial", body=TrialCreate, status=201, for_jobs=True),
    Operation("get_trial", "GET", TRIAL, "get_trial", for_jobs=True),
    Operation("delete_trial", "DELETE", TRIAL, "delete_trial", query=(CASCADE,)),
    Operation(
        "create_trial_component",
        "POST",
        "trial-components",
        "create_component",
        body=TrialComponentCreate,
        query=(BRIEF,),
        status=201,
        for_jobs=True,
    ),
    Operation("get_trial_component", "GET", COMPONENT, "get_component", for_jobs=True),
    Operation(
        "update_trial_component",
        "PATCH",
        COMPONENT,
        "update_component",
        body=TrialComponentUpdate,
        query=(BRIEF,),
        for_jobs=True,
    ),
    Operation("delete_trial_component", "DELETE", COMPONENT, "delete_component"),
    Operation(
        "associate_trial_component", "POST", f"{COMPONENT}/associations", "associate", body=Association, for_jobs=True
    ),
    Operation("disassociate_trial_component", "DELETE", f"{COMPONENT}/associations/{{trial_name}}", "disassociate"),
    Operation(
        "log_metrics", "POST", f"{COMPONENT}/metrics", "log_metrics", body=MetricBatch, status=201, for_jobs=True
    ),
    Operation(
        "metric_series",
        "GET",
        f"{COMPONENT}/metrics/{{metric_name}}",
        "series",
        query=(Query("max_points", int, 2000),),
        for_jobs=True,
    ),
    Operation("lineage", "GET", f"{COMPONENT}/lineage", "lineage", for_jobs=True),
    Operation("search_trial_components", "POST", "search", "search", body=SearchRequest, for_jobs=True),
    Operation(
        "search_columns",
        "GET",
        "search/columns",
        "columns",
        # unassigned: the columns of the components in no trial (the room's "Unassigned trial components")
        query=(Query("experiment_name"), Query("unassigned", bool, False)),
        for_jobs=True,
    ),
)
