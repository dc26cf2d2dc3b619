"""Experiments, trials and trial components through the SageMaker client, and `search`, in boto3's shapes."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Optional

from ...core.errors import BadRequest
from ._base import ClientBase, api, arn, next_token, page, required, tags_dict
from ._shapes import JOB_SOURCE_TYPES, component_shape, experiment_shape, trial_shape


def _time(value: Any) -> Any:
    """boto3 takes datetimes; the API takes ISO strings (over REST as in-process)."""
    return value.isoformat() if isinstance(value, datetime) else value


def _parameters(values: Optional[dict[str, Any]]) -> dict[str, Any]:
    """`{"lr": {"NumberValue": 0.1}}` -> `{"lr": 0.1}`."""
    out: dict[str, Any] = {}
    for name, value in (values or {}).items():
        if not isinstance(value, dict) or not ({"NumberValue", "StringValue"} & set(value)):
            raise BadRequest(
                f"Parameters.{name} must be {{'NumberValue': n}} or {{'StringValue': s}}", field=f"Parameters.{name}"
            )
        out[name] = value["NumberValue"] if "NumberValue" in value else value["StringValue"]
    return out


def _artifacts(values: Optional[dict[str, Any]]) -> dict[str, Any]:
    return {n: {"value": a.get("Value"), "media_type": a.get("MediaType")} for n, a in (values or {}).items()}


def _component_fields(kwargs: dict[str, Any]) -> dict[str, Any]:
    status = kwargs.get("Status") or {}
    fields = {
        "display_name": kwargs.get("DisplayName"),
        "status": status.get("PrimaryStatus"),
        "status_message": status.get("Message"),
        "start_time": _time(kwargs.get("StartTime")),
        "end_time": _time(kwargs.get("EndTime")),
        "parameters": _parameters(kwargs.get("Parameters")),
        "input_artifacts": _artifacts(kwargs.get("InputArtifacts")),
        "output_artifacts": _artifacts(kwargs.get("OutputArtifacts")),
    }
    return {k: v for k, v in fields.items() if v not in (None, {})}


def _source_filter(source_arn: str) -> str:
    """A job's ARN here (`smstudio:training-job/<name>`) -> the job name components record as their source."""
    kind, _, name = source_arn.partition("/")
    return name if kind.removeprefix("smstudio:") in JOB_SOURCE_TYPES else source_arn


class ExperimentCalls(ClientBase):
    # -- experiments ------------------------------------------------------------------------------
    @api
    def create_experiment(self, **kwargs: Any) -> dict[str, Any]:
        required(kwargs, "ExperimentName")
        body = {
            "experiment_name": kwargs["ExperimentName"],
            "display_name": kwargs.get("DisplayName"),
            "description": kwargs.get("Description"),
            "tags": tags_dict(kwargs.get("Tags")),
        }
        self.backend.create_experiment({k: v for k, v in body.items() if v is not None})
        return {"ExperimentArn": arn("experiment", kwargs["ExperimentName"])}

    @api
    def describe_experiment(self, **kwargs: Any) -> dict[str, Any]:
        required(kwargs, "ExperimentName")
        return experiment_shape(self.backend.get_experiment(kwargs["ExperimentName"]))

    @api
    def list_experiments(self, **kwargs: Any) -> dict[str, Any]:
        limit, offset = page(kwargs)
        answer = self.backend.list_experiments(limit=limit, offset=offset)
        items = [experiment_shape(e, summary=True) for e in answer["experiments"]]
        return {"ExperimentSummaries": items, **next_token(offset, len(items), answer["total"])}

    @api
    def delete_experiment(self, **kwargs: Any) -> dict[str, Any]:
        required(kwargs, "ExperimentName")
        self.backend.delete_experiment(kwargs["ExperimentName"])
        return {"ExperimentArn": arn("experiment", kwargs["ExperimentName"])}

    # -- trials -----------------------------------------------------------------------------------
    @api
    def create_trial(self, **kwargs: Any) -> dict[str, Any]:
        required(kwargs, "TrialName", "ExperimentName")
        body = {
            "trial_name": kwargs["TrialName"],
            "experiment_name": kwargs["ExperimentName"],
            "display_name": kwargs.get("DisplayName"),
            "tags": tags_dict(kwargs.get("Tags")),
        }
        self.backend.create_trial({k: v for k, v in body.items() if v is not None})
        return {"TrialArn": arn("experiment-trial", kwargs["TrialName"])}

    @api
    def describe_trial(self, **kwargs: Any) -> dict[str, Any]:
        required(kwargs, "TrialName")
        return trial_shape(self.backend.get_trial(kwargs["TrialName"]))

    @api
    def list_trials(self, **kwargs: Any) -> dict[str, Any]:
        limit, offset = page(kwargs)
        if kwargs.get("TrialComponentName"):  # the trials a component belongs to
            parents = self.backend.get_trial_component(kwargs["TrialComponentName"])["parents"]
            trials = [self.backend.get_trial(p["trial_name"]) for p in parents]
            total = len(trials)
            trials = trials[offset : offset + limit]
        else:
            answer = self.backend.list_trials(experiment_name=kwargs.get("ExperimentName"), limit=limit, offset=offset)
            trials, total = answer["trials"], answer["total"]
        items = [trial_shape(t, summary=True) for t in trials]
        return {"TrialSummaries": items, **next_token(offset, len(items), total)}

    @api
    def delete_trial(self, **kwargs: Any) -> dict[str, Any]:
        required(kwargs, "TrialName")
        self.backend.delete_trial(kwargs["TrialName"])
        return {"TrialArn": arn("experiment-trial", kwargs["TrialName"])}

    # -- trial components -------------------------------------------------------------------------
    @api
    def create_trial_component(self, **kwargs: Any) -> dict[str, Any]:
        required(kwargs, "TrialComponentName")
        body = {
            "trial_component_name": kwargs["TrialComponentName"],
            "tags": tags_dict(kwargs.get("Tags")),
            **_component_fields(kwargs),
        }
        self.backend.create_trial_component(body)
        return {"TrialComponentArn": arn("experiment-trial-component", kwargs["TrialComponentName"])}

    @api
    def update_trial_component(self, **kwargs: Any) -> dict[str, Any]:
        required(kwargs, "TrialComponentName")
        body = _component_fields(kwargs)
        if kwargs.get("ParametersToRemove"):
            body["parameters_to_remove"] = list(kwargs["ParametersToRemove"])
        self.backend.update_trial_component(kwargs["TrialComponentName"], body)
        return {"TrialComponentArn": arn("experiment-trial-component", kwargs["TrialComponentName"])}

    @api
    def describe_trial_component(self, **kwargs: Any) -> dict[str, Any]:
        required(kwargs, "TrialComponentName")
        return component_shape(self.backend.get_trial_component(kwargs["TrialComponentName"]))

    @api
    def list_trial_components(self, **kwargs: Any) -> dict[str, Any]:
        limit, offset = page(kwargs)
        filters = [
            {"Name": name, "Operator": "Equals", "Value": value}
            for name, value in (
                ("Parents.ExperimentName", kwargs.get("ExperimentName")),
                ("Parents.TrialName", kwargs.get("TrialName")),
                ("Source.SourceArn", _source_filter(kwargs["SourceArn"]) if kwargs.get("SourceArn") else None),
            )
            if value
        ]
        sort_by = {"Name": "TrialComponentName"}.get(kwargs.get("SortBy") or "", kwargs.get("SortBy"))
        answer = self._search_page(filters, sort_by, kwargs.get("SortOrder"), limit, offset)
        items = [component_shape(c, summary=True) for c in answer["trial_components"]]
        return {"TrialComponentSummaries": items, **next_token(offset, len(items), answer["total"])}

    @api
    def delete_trial_component(self, **kwargs: Any) -> dict[str, Any]:
        required(kwargs, "TrialComponentName")
        self.backend.delete_trial_component(kwargs["TrialComponentName"])
        return {"TrialComponentArn": arn("experiment-trial-component", kwargs["TrialComponentName"])}

    @api
    def associate_trial_component(self, **kwargs: Any) -> dict[str, Any]:
        required(kwargs, "TrialComponentName", "TrialName")
        self.backend.associate_trial_component(kwargs["TrialComponentName"], {"trial_name": kwargs["TrialName"]})
        return {
            "TrialComponentArn": arn("experiment-trial-component", kwargs["TrialComponentName"]),
            "TrialArn": arn("experiment-trial", kwargs["TrialName"]),
        }

    @api
    def disassociate_trial_component(self, **kwargs: Any) -> dict[str, Any]:
        required(kwargs, "TrialComponentName", "TrialName")
        self.backend.disassociate_trial_component(kwargs["TrialComponentName"], kwargs["TrialName"])
        return {
            "TrialComponentArn": arn("experiment-trial-component", kwargs["TrialComponentName"]),
            "TrialArn": arn("experiment-trial", kwargs["TrialName"]),
        }

    # -- search -----------------------------------------------------------------------------------
    @api
    def search(self, **kwargs: Any) -> dict[str, Any]:
        required(kwargs, "Resource")
        if kwargs["Resource"] != "ExperimentTrialComponent":
            raise BadRequest(
                f"Resource {kwargs['Resource']!r} cannot be searched here (ExperimentTrialComponent can)",
                field="Resource",
            )
        request = {k: kwargs[k] for k in ("SearchExpression", "SortBy", "SortOrder", "NextToken") if kwargs.get(k)}
        request.update(Resource="ExperimentTrialComponent", MaxResults=kwargs.get("MaxResults") or 10)
        answer = self.backend.search_trial_components(request)
        results = [{"TrialComponent": component_shape(c, search=True)} for c in answer["trial_components"]]
        return {"Results": results, **({"NextToken": answer["next_token"]} if answer.get("next_token") else {})}

    def _search_page(
        self, filters: list[dict[str, Any]], sort_by: Optional[str], sort_order: Optional[str], limit: int, offset: int
    ) -> dict[str, Any]:
        """One page of components matching `filters`, by offset (search pages by its own tokens)."""
        request: dict[str, Any] = {
            "Resource": "ExperimentTrialComponent",
            "SearchExpression": {"Filters": filters},
            "MaxResults": limit,
            "SortBy": sort_by or "CreationTime",
            "SortOrder": sort_order or "Descending",
        }
        if offset:
            request["NextToken"] = str(offset)
        answer: dict[str, Any] = self.backend.search_trial_components(request)
        return answer
