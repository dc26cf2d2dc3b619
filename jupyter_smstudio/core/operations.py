"""One table of operations per room: the REST routes, the SDK's remote calls and its in-process calls.

An operation names a method of the room's service. The server turns the table into authorized
handlers (`core/routes.py`), the SDK's remote backend into HTTP calls and its embedded backend into
direct calls (`sdk/_backend.py`), so a room adds an operation once and all three agree.

The service method is called with keywords: `viewer`, the path's placeholders, the query's
parameters and, when the operation has a body, `request` (the validated model).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Callable, Optional, Union

from pydantic import BaseModel, ValidationError

from .errors import BadRequest, from_validation_error

PLACEHOLDER = re.compile(r"{(\w+)}")
TRUE, FALSE = ("true", "1", "yes"), ("false", "0", "no")
MAX_INT = 2**53

QueryValue = Union[str, int, bool, None]


@dataclass(frozen=True)
class Query:
    """A query parameter: its name (also the service method's keyword), type and default."""

    name: str
    kind: type[Union[str, int, bool]] = str
    default: QueryValue = None
    required: bool = False

    def parse(self, raw: Optional[str]) -> QueryValue:
        """From the URL's text (or None when absent) to the value the service gets; a bad one is a 400."""
        if raw is None or raw == "":
            if self.required:
                raise BadRequest(f"missing required query parameter '{self.name}'", field=self.name)
            return self.default
        if self.kind is int:
            try:
                number = int(raw)
            except ValueError:
                raise BadRequest(f"'{self.name}' must be an integer, got '{raw}'", field=self.name) from None
            if abs(number) > MAX_INT:  # a store's integers are 64-bit at most
                raise BadRequest(f"'{self.name}' is out of range: {raw}", field=self.name)
            return number
        if self.kind is bool:
            if raw.lower() in TRUE:
                return True
            if raw.lower() in FALSE:
                return False
            raise BadRequest(f"'{self.name}' must be true or false, got '{raw}'", field=self.name)
        return raw

    def coerce(self, value: Any) -> QueryValue:
        """A value an SDK caller passed in Python (embedded mode): checked as the server would check its text."""
        if value is None or isinstance(value, self.kind) and not (self.kind is int and isinstance(value, bool)):
            return value if value is not None else self.default
        return self.parse(str(value).lower() if isinstance(value, bool) else str(value))


def page(limit: int) -> tuple[Query, Query]:
    """`limit` and `offset` of a listing (the service checks their range: core/paging.py)."""
    return Query("limit", int, limit), Query("offset", int, 0)


@dataclass(frozen=True)
class Operation:
    """`name` is the SDK backend's method; `method` + `path` the REST route under `smstudio/api/`;
    `call` the room service's method."""

    name: str
    method: str
    path: str
    call: str
    body: Optional[type[BaseModel]] = None
    query: tuple[Query, ...] = ()
    status: int = 200
    raw_body: bool = False  # the body is bytes (a storage upload), passed as `data`
    raw_result: bool = False  # the service answers bytes, sent as application/octet-stream
    for_jobs: bool = False  # a job's own token may call it (recording its work); starting jobs is not among them

    @property
    def placeholders(self) -> tuple[str, ...]:
        return tuple(PLACEHOLDER.findall(self.path))

    @property
    def pattern(self) -> str:
        """The route as a tornado pattern: each placeholder one URL segment."""
        return PLACEHOLDER.sub(lambda m: f"(?P<{m.group(1)}>[^/]+)", self.path)

    def parameters(self) -> tuple[str, ...]:
        """The order an SDK caller passes values positionally: placeholders, required query parameters,
        the body, the other query parameters (`write_bytes(url, data)`, `job_logs(name, offset)`)."""
        names = [*self.placeholders, *(q.name for q in self.query if q.required)]
        if self.body is not None or self.raw_body:
            names.append("data" if self.raw_body else "request")
        return (*names, *(q.name for q in self.query if not q.required))

    def bind(self, args: tuple[Any, ...], kwargs: dict[str, Any]) -> dict[str, Any]:
        """Positional and keyword arguments of an SDK call, by parameter name (a TypeError as Python's)."""
        names = self.parameters()
        if len(args) > len(names):
            raise TypeError(f"{self.name}() takes {len(names)} arguments ({', '.join(names)}), got {len(args)}")
        bound = dict(zip(names, args, strict=False))
        for key, value in kwargs.items():
            if key not in names:
                raise TypeError(f"{self.name}() got an unexpected argument '{key}'")
            if key in bound:
                raise TypeError(f"{self.name}() got two values for '{key}'")
            bound[key] = value
        optional = {q.name for q in self.query if not q.required}
        missing = [n for n in names if n not in optional and n not in bound]
        if missing:
            raise TypeError(f"{self.name}() is missing {', '.join(missing)}")
        return bound

    def validate(self, data: Any) -> BaseModel:
        """The body as the handler validates it: a bad field is a 400 naming it."""
        assert self.body is not None
        if isinstance(data, self.body):
            return data
        if not isinstance(data, dict):
            raise BadRequest("the request body must be a JSON object", field="body")
        try:
            return self.body.model_validate(data)
        except ValidationError as err:
            raise from_validation_error(err) from err
        except RecursionError:
            raise BadRequest("the request body nests too deep", field="body") from None

    def invoke(self, service: Any, viewer: Any, values: dict[str, Any]) -> Any:
        method: Callable[..., Any] = getattr(service, self.call)
        return method(viewer=viewer, **values)
