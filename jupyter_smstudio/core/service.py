"""What the core answers itself: who is asking, and their storage (the "S3" of the SDK)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .auth import Viewer
from .models import StorageEntry, StorageListing, WhoAmI

if TYPE_CHECKING:
    from .services import Services


class CoreService:
    def __init__(self, services: Services):
        self.services = services

    def whoami(self, viewer: Viewer) -> WhoAmI:
        s = self.services
        storage = s.storage.for_user(viewer.user)
        return WhoAmI(
            user=viewer.user,
            admin=viewer.admin,
            version=s.version,
            rooms=s.rooms,
            job_runner=s.job_runner,
            storage_root=storage.root_url,
            home_volume=storage.home_volume,
        )

    def list_storage(self, viewer: Viewer, url: str) -> StorageListing:
        return self.services.storage.for_user(viewer.user).list(url)

    def read_object(self, viewer: Viewer, url: str) -> bytes:
        return self.services.storage.for_user(viewer.user).read_bytes(url)

    def write_object(self, viewer: Viewer, url: str, data: bytes) -> StorageEntry:
        return self.services.storage.for_user(viewer.user).write_bytes(url, data)
