"""What every call of the SageMaker client shares, as boto3 has it: keyword arguments only, a
ParamValidationError naming a missing argument, errors as ClientError with SageMaker's codes, times as
datetimes, `ResponseMetadata`, NextToken paging, paginators and waiters; a call SmStudio does not answer
raises an error naming it."""

from __future__ import annotations

import functools
import time
import uuid
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any, Callable, Iterator, Optional, TypeVar

from ...core.errors import SmStudioError
from .._boto import ClientError, ParamValidationError, ResourceInUse, ResourceNotFound
from .._times import with_datetimes

if TYPE_CHECKING:
    from ..session import Session

Call = TypeVar("Call", bound=Callable[..., dict[str, Any]])
_CODES = {404: ("ResourceNotFound", ResourceNotFound), 409: ("ResourceInUse", ResourceInUse)}
DEFAULT_PAGE = 10  # SageMaker's MaxResults when a list call gives none


class UnsupportedOperation(AttributeError, NotImplementedError):
    """A SageMaker call SmStudio does not answer (an AttributeError, as boto3 raises for unknown calls)."""


def _operation_name(method: str) -> str:
    return "".join(part.title() for part in method.split("_"))  # create_training_job -> CreateTrainingJob


def _code(status: int) -> tuple[str, type[ClientError]]:
    """SageMaker's error code (and boto3's exception class) for an API status."""
    if status in _CODES:
        return _CODES[status]
    if status == 403:
        return "AccessDeniedException", ClientError
    if status in (429, 503):  # a busy store: boto3 would retry a throttled call
        return "ThrottlingException", ClientError
    return ("InternalFailure" if status >= 500 else "ValidationException"), ClientError


ErrorCodes = Callable[[int], tuple[str, type[ClientError]]]


def client_call(codes: ErrorCodes, hidden: tuple[str, ...] = ()) -> Callable[[Call], Call]:
    """The decorator of one AWS service's client calls: keyword arguments in, boto3's answer out (datetimes,
    ResponseMetadata, ClientError with that service's `codes` for an API status); `hidden`: the room's own fields
    that the service's answers do not have."""

    def decorate(fn: Call) -> Call:
        operation = _operation_name(fn.__name__)

        @functools.wraps(fn)
        def call(self: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
            if args:
                raise TypeError(f"{fn.__name__}() only accepts keyword arguments.")
            try:
                answer = fn(self, **kwargs)
            except SmStudioError as err:
                code, cls = codes(int(getattr(err, "status", 400)))
                raise cls(code, err.message, operation, field=err.field) from err
            out: dict[str, Any] = with_datetimes({k: v for k, v in answer.items() if k not in hidden})
            out["ResponseMetadata"] = {
                "RequestId": str(uuid.uuid4()),
                "HTTPStatusCode": 200,
                "HTTPHeaders": {},
                "RetryAttempts": 0,
            }
            return out

        return call  # type: ignore[return-value]  # same signature, wrapped

    return decorate


api = client_call(_code)  # SageMaker's calls


def required(kwargs: dict[str, Any], *names: str) -> None:
    missing = [n for n in names if kwargs.get(n) in (None, "")]
    if missing:
        raise ParamValidationError("\n".join(f'Missing required parameter in input: "{n}"' for n in missing))


def page(kwargs: dict[str, Any], maximum: int = 100) -> tuple[int, int]:
    """(limit, offset) from MaxResults and NextToken (a token is the offset of the next page)."""
    limit = kwargs.get("MaxResults")
    limit = DEFAULT_PAGE if limit is None else limit
    if not isinstance(limit, int) or isinstance(limit, bool) or not 1 <= limit <= maximum:
        raise ParamValidationError(f"Invalid value for parameter MaxResults: {limit!r} (1 to {maximum})")
    token = kwargs.get("NextToken") or "0"
    if not str(token).isdigit():
        raise ParamValidationError(f"Invalid value for parameter NextToken: {token!r} (a token from an earlier page)")
    return limit, int(token)


def next_token(offset: int, count: int, total: int) -> dict[str, str]:
    return {"NextToken": str(offset + count)} if offset + count < total and count else {}


def tags_dict(tags: Any) -> dict[str, str]:
    """SageMaker's tag list, `[{"Key": ..., "Value": ...}]`, as the dict requests take."""
    return {str(t["Key"]): str(t.get("Value", "")) for t in tags or []}


def arn(kind: str, name: str) -> str:
    return f"smstudio:{kind}/{name}"


class _Pages:
    """boto3's PageIterator: iterate the pages, or `build_full_result()` for them merged."""

    def __init__(self, method: Callable[..., dict[str, Any]], kwargs: dict[str, Any]):
        self.method, self.kwargs = method, kwargs

    def __iter__(self) -> Iterator[dict[str, Any]]:
        kwargs = dict(self.kwargs)
        config = kwargs.pop("PaginationConfig", None) or {}
        if config.get("PageSize"):
            kwargs["MaxResults"] = config["PageSize"]
        if config.get("StartingToken"):
            kwargs["NextToken"] = config["StartingToken"]
        while True:
            answer = self.method(**kwargs)
            yield answer
            if not answer.get("NextToken"):
                return
            kwargs["NextToken"] = answer["NextToken"]

    def build_full_result(self) -> dict[str, Any]:
        merged: dict[str, Any] = {}
        for answer in self:
            for key, value in answer.items():
                if isinstance(value, list):
                    merged.setdefault(key, []).extend(value)
        return merged


class Paginator:
    def __init__(self, method: Callable[..., dict[str, Any]]):
        self._method = method

    def paginate(self, **kwargs: Any) -> _Pages:
        return _Pages(self._method, kwargs)


class WaiterError(Exception):
    """boto3's WaiterError: the waiter's name, why it gave up, and the last answer."""

    def __init__(self, name: str, reason: str, last_response: dict[str, Any]):
        super().__init__(f"Waiter {name} failed: {reason}")
        self.name, self.reason, self.last_response = name, reason, last_response


class Waiter:
    """Polls a describe call until its status is a final one (`wait(**the describe's arguments)`)."""

    def __init__(self, name: str, describe: Callable[..., dict[str, Any]], status_key: str, failed: tuple[str, ...]):
        self.name, self._describe, self._status_key, self._failed = name, describe, status_key, failed

    def wait(self, WaiterConfig: Optional[dict[str, Any]] = None, **kwargs: Any) -> None:  # noqa: N803 - boto3's
        delay = float((WaiterConfig or {}).get("Delay", 2))
        attempts = int((WaiterConfig or {}).get("MaxAttempts", 3600))
        answer: dict[str, Any] = {}
        for _ in range(attempts):
            answer = self._describe(**kwargs)
            status = answer[self._status_key]
            if status in self._failed:
                raise WaiterError(self.name, f"Waiter encountered a terminal failure state: {status}", answer)
            if status in ("Completed", "Stopped"):
                return
            time.sleep(delay)
        raise WaiterError(self.name, "Max attempts exceeded", answer)


class ClientBase:
    """The client object: `meta.region_name`, `exceptions`, paginators, waiters, and a clear error for a
    call that is not answered here."""

    SERVICE = "sagemaker"
    _later = "this call is not available in SmStudio yet"

    def __init__(self, session: Session):
        self._session = session
        self.meta = SimpleNamespace(region_name=session.boto_region_name, service_model=None)
        self.exceptions = SimpleNamespace(
            ClientError=ClientError,
            ResourceNotFound=ResourceNotFound,
            ResourceInUse=ResourceInUse,
            ValidationException=ClientError,
        )

    @property
    def backend(self) -> Any:
        return self._session.backend

    def calls(self) -> list[str]:
        """The calls this client answers."""
        return sorted(n for n in dir(type(self)) if not n.startswith("_") and callable(getattr(type(self), n)))

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        raise UnsupportedOperation(
            f"{self.SERVICE} client: '{name}' is not answered by SmStudio ({self._later}); "
            f"it answers: {', '.join(c for c in self.calls() if c not in _HELPERS)}"
        )

    def can_paginate(self, operation_name: str) -> bool:
        return operation_name.startswith("list_") or operation_name == "search"

    def get_paginator(self, operation_name: str) -> Paginator:
        if not self.can_paginate(operation_name) or not hasattr(type(self), operation_name):
            raise UnsupportedOperation(f"{self.SERVICE} client: no paginator for '{operation_name}'")
        return Paginator(getattr(self, operation_name))

    def get_waiter(self, waiter_name: str) -> Waiter:
        waiters = {
            "training_job_completed_or_stopped": ("describe_training_job", "TrainingJobStatus"),
            "processing_job_completed_or_stopped": ("describe_processing_job", "ProcessingJobStatus"),
        }
        if waiter_name not in waiters:
            raise UnsupportedOperation(
                f"{self.SERVICE} client: no waiter '{waiter_name}' (available: {', '.join(sorted(waiters))})"
            )
        call, key = waiters[waiter_name]
        return Waiter(waiter_name, getattr(self, call), key, failed=("Failed",))


_HELPERS = {"calls", "can_paginate", "get_paginator", "get_waiter", "backend"}
