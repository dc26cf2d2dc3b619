"""UpdateEndpoint, blue/green: the new configuration's instances start beside the old ones and answer `/ping`
while the old ones keep serving; then the routing switches in one store write (configuration, variants,
instances and folder together); the old instances stop once their requests in flight are answered.

If a new instance does not start, the new ones stop and the endpoint stays InService on its configuration, with
FailureReason saying why (SageMaker rolls back the same way): nothing is half-switched. The new instances are
stored as `pending` while they start (never routed to), so a restart in the middle stops them (instances.py).
"""

from __future__ import annotations

import dataclasses
import shutil
import uuid
from pathlib import Path
from typing import Any, Callable

from ..core.errors import SmStudioError
from ..core.storage import UserStorage
from .artifacts import prepare
from .instances import Instances
from .store import EndpointStore


class BlueGreen:
    def __init__(self, store: EndpointStore, instances: Instances, storage_for: Callable[[str], UserStorage]):
        self.store = store
        self.instances = instances
        self.storage_for = storage_for

    def work(self, config_name: str, variants: list[dict[str, Any]]) -> Callable[[str, str], None]:
        """The background work (supervisor.py) of one update to `config_name` with these variants."""
        return lambda owner, name: self.run(owner, name, config_name, variants)

    def run(self, owner: str, name: str, config_name: str, variants: list[dict[str, Any]]) -> None:
        record = self.store.find_endpoint(owner, name)
        if record is None or record.status != "Updating":
            return
        folder = Path(record.folder).parent / uuid.uuid4().hex  # the new models and code: a variant may keep its name
        green = dataclasses.replace(record, folder=str(folder), variants=variants, instances=[])
        started: list[dict[str, Any]] = []
        failure = None
        try:
            for variant in variants:
                env = prepare(self.storage_for(owner), green, variant)
                for i in range(variant["DesiredInstanceCount"]):
                    started.append({**self.instances.spawn(green, variant["VariantName"], i, env), "pending": True})
        except SmStudioError as err:
            failure = err.message
        except OSError as err:  # a process that cannot start (a missing folder, no more processes)
            failure = f"an instance could not start: {err}"
        if failure is None:
            self.store.update_endpoint(owner, name, instances=[*record.instances, *started])
            failure = self.instances.wait_ready(started)
        current = self.store.find_endpoint(owner, name)
        if failure is not None or current is None or current.status != "Updating":
            for handle in started:  # not routed to yet: nothing to drain
                self.instances.stop(handle)
            shutil.rmtree(folder, ignore_errors=True)
            if current is not None and current.status == "Updating":
                self.store.update_endpoint(
                    owner,
                    name,
                    status="InService",
                    instances=record.instances,
                    failure_reason=f"UpdateEndpoint to '{config_name}' rolled back: {failure}"[:2048],
                )
            return
        # the switch: one write, so a request routes either wholly to the old configuration or to the new one
        self.store.update_endpoint(
            owner,
            name,
            status="InService",
            failure_reason=None,
            config_name=config_name,
            folder=str(folder),
            variants=[{**v, "InstanceCount": v["DesiredInstanceCount"]} for v in variants],
            instances=[{k: v for k, v in h.items() if k != "pending"} for h in started],
        )
        self.instances.retire(record.instances)
        shutil.rmtree(record.folder, ignore_errors=True)
