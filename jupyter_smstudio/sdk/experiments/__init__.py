"""`sagemaker.experiments`, recorded by SmStudio: `Run`, `load_run`, `list_runs`."""

from .run import Run, SortByType, SortOrderType, list_runs, load_run

__all__ = ["Run", "load_run", "list_runs", "SortByType", "SortOrderType"]
