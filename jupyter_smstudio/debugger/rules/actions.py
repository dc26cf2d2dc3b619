"""A rule's actions (RuleParameters.action_json): what the rule job does when the rule fires.

The SageMaker SDK's rule_configs.ActionList serializes to smdebug's list of
`{"name": "stoptraining", "training_job_prefix": ...}`, `{"name": "email" | "sms", "endpoint": ...}`,
with its quotes backslash-escaped (SageMaker's rule container reads it through an exec); both spellings
are read here, and the `{"StopTraining": {...}}` one as well.
"""

from __future__ import annotations

import json
from typing import Any, Optional

from .params import refuse

_NAMES = {"stoptraining": "StopTraining", "email": "Email", "sms": "SMS"}


def _one(raw: Any) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise refuse("action_json", f"an action is an object, not {raw!r}")
    if "name" in raw:
        fields = {str(k): v for k, v in raw.items() if k != "name"}
        name = str(raw["name"])
    elif len(raw) == 1 and isinstance(next(iter(raw.values())), (dict, type(None))):
        name, value = next(iter(raw.items()))
        fields = dict(value or {})
    else:
        raise refuse("action_json", f"an action names itself (name: stoptraining, email or sms): {raw!r}")
    known = _NAMES.get(name.lower())
    if known is None:
        raise refuse("action_json", f"unknown action {name!r}; one of StopTraining, Email, SMS")
    if known in ("Email", "SMS") and not fields.get("endpoint"):
        raise refuse("action_json", f"the {known} action needs its endpoint")
    return {"name": known, **fields}


def parse_actions(action_json: Optional[str]) -> list[dict[str, Any]]:
    """The actions as [{"name": "StopTraining", "training_job_prefix": ...}, {"name": "Email", "endpoint": ...}];
    [] for none; a 400 naming RuleParameters.action_json when it is not one."""
    if action_json is None or not action_json.strip():
        return []
    text = action_json.strip()
    try:
        document = json.loads(text)
    except json.JSONDecodeError:
        try:
            document = json.loads(text.replace('\\"', '"'))  # the SDK's escaped quotes
        except json.JSONDecodeError as err:
            raise refuse("action_json", f"not JSON: {err}") from None
    return [_one(raw) for raw in (document if isinstance(document, list) else [document])]


def stops_training(actions: list[dict[str, Any]], training_job_name: str) -> bool:
    """A StopTraining action whose training_job_prefix the job's name starts with (no prefix: this job)."""
    for action in actions:
        if action.get("name") == "StopTraining":
            prefix = action.get("training_job_prefix")
            if not prefix or training_job_name.startswith(str(prefix)):
                return True
    return False


def stops_training_on_fire(parameters: dict[str, str], training_job_name: str) -> bool:
    """Whether a rule with these RuleParameters stops the job when it fires: its StopTraining action, or
    StalledTrainingRule's own stop_training_on_fire (with its training_job_name_prefix)."""
    if stops_training(parse_actions(parameters.get("action_json")), training_job_name):
        return True
    if parameters.get("rule_to_invoke") != "StalledTrainingRule":
        return False
    if str(parameters.get("stop_training_on_fire", "")).strip().lower() not in ("true", "1", "yes"):
        return False
    prefix = parameters.get("training_job_name_prefix")
    return not prefix or training_job_name.startswith(prefix)
