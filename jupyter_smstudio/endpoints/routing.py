"""Where an invocation goes: a variant (by weight, or the one named) and its instances (round robin).

The router (handlers.py) forwards the request itself; `forward` does the same in this process for the SDK's
embedded mode. The picks live in memory only: after a restart the split starts over, still by the weights.
"""

from __future__ import annotations

import http.client
import itertools
import threading
from dataclasses import dataclass
from typing import Any, Optional

from ..core.errors import BadRequest, SmStudioError
from .store import EndpointRecord


class ModelError(SmStudioError):
    """The model's instance refused the request (SageMaker's ModelError): its status and message."""

    status = 424
    reason = "ModelError"

    def __init__(self, message: str, original_status: int, body: bytes, content_type: str):
        super().__init__(message)
        self.original_status, self.body, self.content_type = original_status, body, content_type


@dataclass(frozen=True)
class Route:
    """Where one invocation goes: the variant, and its instances' ports in the order to try them."""

    owner: str
    endpoint_name: str
    variant: str
    ports: tuple[int, ...]


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
    """Each endpoint's weighted pick and each variant's round robin, shared by the request threads."""

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._picks: dict[tuple[str, str], _WeightedPick] = {}
        self._round_robin: dict[tuple[str, str, str], itertools.count[int]] = {}

    def choose(self, record: EndpointRecord, endpoint_name: str, target_variant: Optional[str] = None) -> Route:
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
        ports = [int(h["port"]) for h in record.instances if h["variant"] == variant]
        if not ports:
            raise BadRequest(f"variant '{variant}' has no instance running", field="TargetVariant")
        with self._lock:
            turn = next(self._round_robin.setdefault((*key, variant), itertools.count())) % len(ports)
        return Route(record.owner, endpoint_name, variant, tuple(ports[turn:] + ports[:turn]))

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
    for port in route.ports:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        try:
            conn.request("POST", "/invocations", body=body, headers=headers)
            resp = conn.getresponse()
            data = resp.read()
        except ConnectionRefusedError:
            continue  # an instance going away: the next one of the variant
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
    raise SmStudioError(f"no instance of variant '{route.variant}' of '{endpoint_name}' answered")
