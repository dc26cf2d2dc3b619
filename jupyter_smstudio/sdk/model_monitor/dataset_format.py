"""`DatasetFormat`: how a baseline dataset is read (the SDK's dicts; the room's request takes them as Csv/Json)."""

from __future__ import annotations

from typing import Any


class DatasetFormat:
    @staticmethod
    def csv(header: bool = True, output_columns_position: str = "START") -> dict[str, Any]:
        return {"csv": {"header": header, "output_columns_position": output_columns_position}}

    @staticmethod
    def json(lines: bool = True) -> dict[str, Any]:
        return {"json": {"lines": lines}}

    @staticmethod
    def sagemaker_capture_json() -> dict[str, Any]:
        return {"sagemakerCaptureJson": {}}


class MonitoringDatasetFormat:
    """The API's MonitoringDatasetFormat (a batch transform input's), as the SDK builds it."""

    @staticmethod
    def csv(header: bool = True) -> dict[str, Any]:
        return {"Csv": {"Header": header}}

    @staticmethod
    def json(lines: bool = True) -> dict[str, Any]:
        return {"Json": {"Line": lines}}


def to_request(dataset_format: dict[str, Any]) -> dict[str, Any]:
    """The SDK's dict as the baselining job's DatasetFormat."""
    if "csv" in dataset_format:
        return {"Csv": {"Header": bool(dataset_format["csv"].get("header", True))}}
    if "json" in dataset_format:
        if not dataset_format["json"].get("lines", True):
            raise ValueError("a baseline reads JSON Lines: DatasetFormat.json(lines=True)")
        return {"Json": {"Line": True}}
    raise ValueError("dataset_format is DatasetFormat.csv(header=...) or DatasetFormat.json(lines=True)")
