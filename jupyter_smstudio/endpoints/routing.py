"""Where an invocation goes: a variant (by weight, or the one named) and its instances (round robin).

The router (handlers.py) forwards the request itself; `forward` does the same in this process for the SDK's
embedded mode. The picks live in memory only: after a restart the split starts over, still by the weights.

The router also knows which requests are in flight on which instance (from `choose` to `done`), so an instance
leaving the routing (a blue/green switch, a smaller count) is stopped only once its requests have their answer:
`drain` retires its ports (a request that read the endpoint before the switch and has not chosen yet reads it
again) and waits for their in-flight count to reach zero.
"""

from __future__ import annotations

import http.client
import itertools
import threading
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Optional

from ..core.errors import BadRequest, SmStudioError
from .serving import TOKEN_HEADER
from .store import EndpointRecord


class ModelError(SmStudioError):
    """The model's instance refused the request (SageMaker's ModelError): its status and message."""

    status = 424
    reason = "ModelError"

    def __init__(self, message: str, original_status: int, body: bytes, content_type: str):
        super().__init__(message)
        self.original_status, self.body, self.content_type = original_status, body, content_type


class NoInstance(SmStudioError):
    """No instance could take the request (all gone, or the endpoint is switching): the caller may retry."""

    status = 503
    reason = "ServiceUnavailable"
    retry_after = 1


@dataclass(frozen=True)
class Route:
    """Where one invocation goes: the variant, and its instances' ports in the order to try them."""

    owner: str
    endpoint_name: str
    variant: str
    ports: tuple[int, ...]
    capture: Optional[dict[str, Any]] = field(default=None, compare=False)  # the variant's DataCaptureConfig
    hosts: tuple[str, ...] = ()  # each port's host, in the same order (an instance on a Dask worker's host)
    tokens: tuple[str, ...] = ()  # each instance's token (serving/app.py), in the same order; "" for none

    def addresses(self) -> list[tuple[str, int, str]]:
        n = len(self.ports)
        return list(zip(self.hosts or ("127.0.0.1",) * n, self.ports, self.tokens or ("",) * n, strict=True))


class _WeightedPick:
    """Smooth weighted round robin (nginx's): over any window the split follows the weights exactly."""

    def __init__(self, weights: dict[str, float]):
        self.weights = weights
        self.current = dict.fromkeys(weights, 0.0)

    def pick(self) -> str:
        total = sum(self.weights.values())
        for name, weight in self.weights.items():
            self.current[name] += weight
        chosen = max(self.current, key=lambda n: self.current[n])
        self.current[chosen] -= total
        return chosen


class Router:
    """Each endpoint's weighted pick and each variant's round robin, shared by the request threads, and the
    requests in flight per instance port."""

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._picks: dict[tuple[str, str], _WeightedPick] = {}
        self._round_robin: dict[tuple[str, str, str], itertools.count[int]] = {}
        self._in_flight: Counter[int] = Counter()  # per port: requests routed there and not yet answered
        self._retired: set[int] = set()  # ports being drained: no new request may choose them
        self._drained = threading.Condition(self._lock)

    def choose(
        self, record: EndpointRecord, endpoint_name: str, target_variant: Optional[str] = None
    ) -> Optional[Route]:
        """The route of one request (counted in flight until `done`); None when `record` was read before a
        switch retired its instances: the caller reads the endpoint again."""
        weights = {v["VariantName"]: float(v["Weight"]) for v in record.variants}
        key = (record.owner, endpoint_name)
        if target_variant:
            if target_variant not in weights:
                raise BadRequest(f"endpoint '{endpoint_name}' has no variant '{target_variant}'", field="TargetVariant")
            variant = target_variant
        else:
            with self._lock:
                pick = self._picks.get(key)
                if pick is None or pick.weights != weights:  # new weights (an update) start a new split
                    pick = self._picks[key] = _WeightedPick(weights)
                variant = pick.pick()
        # instances still starting for a blue/green update are not routed to until the switch
        serving = [h for h in record.instances if h["variant"] == variant and not h.get("pending")]
        ports = [int(h["port"]) for h in serving]
        hosts = [str(h.get("host") or "127.0.0.1") for h in serving]
        tokens = [str(h.get("token") or "") for h in serving]
        if not ports:
            raise BadRequest(f"variant '{variant}' has no instance running", field="TargetVariant")
        capture = next((v.get("DataCapture") for v in record.variants if v["VariantName"] == variant), None)
        with self._lock:
            if self._retired.intersection(ports):
                return None
            turn = next(self._round_robin.setdefault((*key, variant), itertools.count())) % len(ports)
            ordered = tuple(ports[turn:] + ports[:turn])
            ordered_hosts = tuple(hosts[turn:] + hosts[:turn])
            ordered_tokens = tuple(tokens[turn:] + tokens[:turn])
            self._in_flight.update(ordered)  # each port it may try: a drain waits for any of them
        return Route(record.owner, endpoint_name, variant, ordered, capture, ordered_hosts, ordered_tokens)

    def done(self, route: Route) -> None:
        """The request on `route` has its answer (or its error)."""
        with self._lock:
            self._in_flight.subtract(route.ports)
            if any(self._in_flight[p] <= 0 for p in route.ports):
                for port in route.ports:
                    if self._in_flight[port] <= 0:
                        del self._in_flight[port]
                self._drained.notify_all()

    def drain(self, ports: Iterable[int], timeout: float) -> bool:
        """Retire `ports` (no new request chooses them) and wait until none has a request in flight; False when
        `timeout` passed first. `release` them once their instances are stopped."""
        wanted = set(ports)
        deadline = time.monotonic() + timeout
        with self._lock:
            self._retired |= wanted
            while any(self._in_flight[p] > 0 for p in wanted):
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._drained.wait(left)
            return True

    def release(self, ports: Iterable[int]) -> None:
        """Stopped instances' ports: a later instance may listen on one again."""
        with self._lock:
            self._retired -= set(ports)

    def in_flight(self, port: int) -> int:
        with self._lock:
            return self._in_flight[port]

    def forget(self, owner: str, name: str) -> None:
        """A deleted endpoint's split: a new endpoint of the same name starts afresh."""
        with self._lock:
            self._picks.pop((owner, name), None)


def forward(
    route: Route, endpoint_name: str, body: bytes, content_type: Optional[str], accept: Optional[str]
) -> dict[str, Any]:
    """POST /invocations to the route's instances in turn: the first answer as InvokeEndpoint's
    ({Body, ContentType, InvokedProductionVariant}); a refusal is a ModelError."""
    headers = {"Content-Type": content_type or "application/json", "Accept": accept or "*/*"}
    for host, port, token in route.addresses():
        conn = http.client.HTTPConnection(host, port, timeout=60)
        try:
            conn.request(
                "POST", "/invocations", body=body, headers={**headers, TOKEN_HEADER: token} if token else headers
            )
            resp = conn.getresponse()
            data = resp.read()
        except (ConnectionRefusedError, ConnectionResetError, BrokenPipeError):
            # the instance is gone, or died before answering (RemoteDisconnected is a ConnectionResetError):
            # the request goes to the next instance of the variant
            continue
        finally:
            conn.close()
        media = resp.getheader("Content-Type") or "application/octet-stream"
        if resp.status >= 400:
            raise ModelError(
                f"Received client error ({resp.status}) from primary with message "
                f'"{data.decode("utf-8", "replace")[:1000]}"',
                resp.status,
                data,
                media,
            )
        return {"Body": data, "ContentType": media, "InvokedProductionVariant": route.variant}
    raise NoInstance(f"no instance of variant '{route.variant}' of '{endpoint_name}' answered")
