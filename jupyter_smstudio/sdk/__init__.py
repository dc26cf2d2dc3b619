"""The SageMaker Python SDK's names, pointed at SmStudio.

Where a user writes `from sagemaker.X import Y`, `from jupyter_smstudio.sdk.X import Y` works
with the same arguments; AWS-only arguments are accepted and ignored.
"""

from .session import Session, get_execution_role

__all__ = ["Session", "get_execution_role"]
