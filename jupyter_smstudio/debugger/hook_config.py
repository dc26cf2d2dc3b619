"""SageMaker's debug hook config (the JSON a training container finds at
/opt/ml/input/config/debughookconfig.json) read into a hook's settings.

    {"LocalPath": "/opt/ml/output/tensors", "S3OutputPath": "s3://bucket/prefix",
     "HookParameters": {"save_interval": "100", "include_regex": "relu.*", "eval.save_interval": "10"},
     "CollectionConfigurations": [{"CollectionName": "weights",
                                   "CollectionParameters": {"save_interval": "10", "save_histogram": "False"}}]}

Parameter values are strings on SageMaker (a map of string to string); native JSON numbers and booleans
are taken too. A parameter this module does not know is refused, naming it, rather than ignored: a typo
in `save_intreval` would otherwise silently save at the default interval.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from typing import Any, Optional

from ..core.errors import BadRequest
from .collections import Collection, compile_regexes
from .modes import ModeKeys, SaveConfig, SaveConfigMode, check_save_config_mode
from .reductions import check_reductions

DEFAULT_JSON_PATH = "/opt/ml/input/config/debughookconfig.json"
# smdebug's variable that points a hook at another config file
CONFIG_PATH_ENV = "SMDEBUG_CONFIG_FILE_PATH"

_SAVE_KEYS = ("save_interval", "save_steps", "start_step", "end_step")
_MODE_PREFIXES = {
    "train.": ModeKeys.TRAIN,
    "eval.": ModeKeys.EVAL,
    "predict.": ModeKeys.PREDICT,
    "global.": ModeKeys.GLOBAL,
}
_COLLECTION_KEYS = {
    "include_regex",
    "reductions",
    "abs_reductions",
    "norms",
    "abs_norms",
    "save_raw_tensor",
    "save_histogram",
}
_HOOK_KEYS = _COLLECTION_KEYS | {"export_tensorboard", "tensorboard_dir", "save_all", "include_workers"}


@dataclass
class HookConfig:
    out_dir: str
    save_config: SaveConfig
    include_regex: tuple[str, ...] = ()
    save_all: bool = False
    include_workers: str = "one"
    export_tensorboard: bool = False
    tensorboard_dir: Optional[str] = None
    # the collections named in CollectionConfigurations, in order: the ones the hook saves
    collections: list[Collection] = field(default_factory=list)
    # settings from HookParameters that every collection takes unless it says otherwise
    reductions: Optional[tuple[str, ...]] = None
    save_raw_tensor: Optional[bool] = None
    save_histogram: Optional[bool] = None


def _bool(value: Any, field_name: str) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("true", "1", "yes"):
        return True
    if text in ("false", "0", "no"):
        return False
    raise BadRequest(f"'{field_name}': {value!r} is not true or false", field=field_name)


def _int(value: Any, field_name: str) -> int:
    try:
        if isinstance(value, bool):
            raise ValueError
        return int(str(value).strip())
    except ValueError:
        raise BadRequest(f"'{field_name}': {value!r} is not a whole number", field=field_name) from None


def _list(value: Any) -> list[str]:
    """SageMaker's comma-separated lists ("a,b"); a JSON list is taken as is."""
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    return [part.strip() for part in str(value).split(",") if part.strip()]


def _save_config_mode(params: dict[str, Any], prefix: str, where: str, base: SaveConfigMode) -> SaveConfigMode:
    def get(key: str) -> Any:
        return params.get(prefix + key)

    interval, steps, start, end = (get(k) for k in _SAVE_KEYS)
    mode = SaveConfigMode(
        save_interval=base.save_interval if interval is None else _int(interval, f"{where}.{prefix}save_interval"),
        start_step=base.start_step if start is None else _int(start, f"{where}.{prefix}start_step"),
        end_step=base.end_step if end is None else _int(end, f"{where}.{prefix}end_step"),
        save_steps=base.save_steps
        if steps is None
        else tuple(_int(s, f"{where}.{prefix}save_steps") for s in _list(steps)),
    )
    check_save_config_mode(mode, f"{where}.{prefix.rstrip('.') or 'save_config'}")
    return mode


def save_config_from(params: dict[str, Any], where: str, base: Optional[SaveConfig] = None) -> Optional[SaveConfig]:
    """The save config the parameters describe over `base`; None when they say nothing about saving."""
    if not any(k.split(".", 1)[-1] in _SAVE_KEYS for k in params):
        return None
    base = base or SaveConfig()
    config = SaveConfig()
    config.default = _save_config_mode(params, "", where, base.default)
    config.modes = dict(base.modes)
    for prefix, mode in _MODE_PREFIXES.items():
        if any(k.startswith(prefix) for k in params):
            config.modes[mode] = _save_config_mode(params, prefix, where, config.for_mode(mode))
    return config


def _check_keys(params: dict[str, Any], allowed: set[str], where: str) -> None:
    for key in params:
        plain = key.split(".", 1)[1] if any(key.startswith(p) for p in _MODE_PREFIXES) else key
        if plain not in allowed and plain not in _SAVE_KEYS:
            known = ", ".join(sorted(allowed | set(_SAVE_KEYS)))
            raise BadRequest(f"'{where}.{key}': unknown parameter; known are {known}", field=f"{where}.{key}")
        if plain not in _SAVE_KEYS and key != plain:
            raise BadRequest(f"'{where}.{key}': only the save settings take a mode prefix", field=f"{where}.{key}")


def _reductions_of(params: dict[str, Any], where: str) -> Optional[tuple[str, ...]]:
    """smdebug's four spellings (reductions, abs_reductions, norms, abs_norms) as one list of names."""
    names: list[str] = []
    for key, prefix in (("reductions", ""), ("abs_reductions", "abs_"), ("norms", ""), ("abs_norms", "")):
        for name in _list(params.get(key, "")):
            names.append(prefix + name)
    if not any(k in params for k in ("reductions", "abs_reductions", "norms", "abs_norms")):
        return None
    return check_reductions(names, f"{where}.reductions")


def _dict(value: Any, field_name: str) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise BadRequest(f"'{field_name}': must be an object of parameter names to values", field=field_name)
    return value


def _collection(position: int, raw: Any, hook: HookConfig) -> Collection:
    where = f"CollectionConfigurations[{position}]"
    if not isinstance(raw, dict):
        raise BadRequest(f"'{where}': must be an object with CollectionName", field=where)
    name = raw.get("CollectionName")
    if not isinstance(name, str) or not name.strip():
        raise BadRequest(f"'{where}.CollectionName': a collection needs a name", field=f"{where}.CollectionName")
    where_params = f"{where}.CollectionParameters"
    params = _dict(raw.get("CollectionParameters"), where_params)
    _check_keys(params, _COLLECTION_KEYS, where_params)
    reductions = _reductions_of(params, where_params)
    collection = Collection(name.strip())
    collection.include(_list(params.get("include_regex", "")))
    compile_regexes(collection.include_regex, f"{where_params}.include_regex")
    collection.save_config = save_config_from(params, where_params, hook.save_config)
    if reductions is not None or hook.reductions is not None:
        collection.reductions = reductions if reductions is not None else hook.reductions or ()
    explicit_reductions = reductions is not None or hook.reductions is not None
    raw_tensor = params.get("save_raw_tensor")
    if raw_tensor is not None:
        collection.save_raw_tensor = _bool(raw_tensor, f"{where_params}.save_raw_tensor")
    elif hook.save_raw_tensor is not None:
        collection.save_raw_tensor = hook.save_raw_tensor
    else:
        collection.save_raw_tensor = not explicit_reductions
    histogram = params.get("save_histogram")
    if histogram is not None:
        collection.save_histogram = _bool(histogram, f"{where_params}.save_histogram")
    elif hook.save_histogram is not None:
        collection.save_histogram = hook.save_histogram
    return collection


def parse_hook_config(document: Any, where: str = "DebugHookConfig") -> HookConfig:
    """The hook's settings from SageMaker's JSON; a 400 (BadRequest) naming the field when it is wrong."""
    if not isinstance(document, dict):
        raise BadRequest(f"'{where}': must be a JSON object", field=where)
    out_dir = document.get("LocalPath") or document.get("S3OutputPath")
    if not isinstance(out_dir, str) or not out_dir.strip():
        raise BadRequest(
            "'LocalPath': the folder (or S3OutputPath) where tensors are written is required", field="LocalPath"
        )
    params = _dict(document.get("HookParameters"), "HookParameters")
    _check_keys(params, _HOOK_KEYS, "HookParameters")
    config = HookConfig(out_dir=out_dir.strip(), save_config=save_config_from(params, "HookParameters") or SaveConfig())
    config.include_regex = tuple(_list(params.get("include_regex", "")))
    compile_regexes(config.include_regex, "HookParameters.include_regex")
    config.save_all = _bool(params.get("save_all", False), "HookParameters.save_all")
    config.export_tensorboard = _bool(params.get("export_tensorboard", False), "HookParameters.export_tensorboard")
    config.tensorboard_dir = params.get("tensorboard_dir")
    config.include_workers = str(params.get("include_workers", "one")).strip().lower()
    if config.include_workers not in ("one", "all"):
        raise BadRequest("'HookParameters.include_workers': one or all", field="HookParameters.include_workers")
    config.reductions = _reductions_of(params, "HookParameters")
    if "save_raw_tensor" in params:
        config.save_raw_tensor = _bool(params["save_raw_tensor"], "HookParameters.save_raw_tensor")
    if "save_histogram" in params:
        config.save_histogram = _bool(params["save_histogram"], "HookParameters.save_histogram")
    collections = document.get("CollectionConfigurations") or []
    if not isinstance(collections, list):
        raise BadRequest("'CollectionConfigurations': must be a list", field="CollectionConfigurations")
    config.collections = [_collection(i, raw, config) for i, raw in enumerate(collections)]
    names = [c.name for c in config.collections]
    if len(set(names)) != len(names):
        twice = next(n for n in names if names.count(n) > 1)
        raise BadRequest(f"'CollectionConfigurations': {twice!r} is configured twice", field="CollectionConfigurations")
    return config


def read_hook_config(path: Optional[str] = None) -> HookConfig:
    """The config file at `path`, else at $SMDEBUG_CONFIG_FILE_PATH, else SageMaker's place for it."""
    path = path or os.environ.get(CONFIG_PATH_ENV) or DEFAULT_JSON_PATH
    try:
        with open(path, encoding="utf-8") as source:
            document = json.load(source)
    except FileNotFoundError:
        raise BadRequest(f"'path': no debug hook config at {path}", field="path") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as err:
        raise BadRequest(f"'path': {path} is not JSON: {err}", field="path") from None
    return parse_hook_config(document)
