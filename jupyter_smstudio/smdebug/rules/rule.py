"""smdebug.rules.rule: the Rule class (smdebug's module path)."""

from ...debugger.rules.base import Rule

__all__ = ["Rule"]
