"""The server extension: the deployment's settings (inherited from the registry's StudioSettings, so
they are configured as `c.SmStudio.<name>`), services built once, the rooms' routes, live events."""

from __future__ import annotations

import asyncio
import gc
import os
import sys
from typing import Optional

from jupyter_server.extension.application import ExtensionApp
from jupyter_server.serverapp import ServerApp
from sqlalchemy.exc import SQLAlchemyError

from ._version import __version__
from .core.db import OfflineDatabase, open_failure
from .core.errors import SmStudioError
from .core.events import EventHub
from .core.offload import Offloader
from .core.room import CORE
from .core.services import Services
from .core.settings import default_db_url
from .core.storage import StorageService
from .studio import StudioSettings, build_services, close_routes, routes


class SmStudio(StudioSettings, ExtensionApp):  # type: ignore[valid-type, misc]
    name = "jupyter_smstudio"
    load_other_extensions = True

    @property
    def _server(self) -> ServerApp:
        """The server that loaded this extension: jupyter_server sets it before any of the methods below."""
        assert self.serverapp is not None
        return self.serverapp

    def _server_url(self) -> str:
        url: str = self._server.connection_url
        return url

    def initialize_settings(self) -> None:
        self.root_dir = self._server.root_dir
        loop = getattr(getattr(self.serverapp, "io_loop", None), "asyncio_loop", None)
        store_error: Optional[str] = None
        try:
            services = self._open_services(loop)
        except (SQLAlchemyError, SmStudioError) as err:
            # a store that cannot be opened (a damaged SQLite file, an unreachable server, a newer schema) must
            # not unload the extension (HTML 404s everywhere, no word why): the routes stay, those that need the
            # store answer 503 saying what happened and what to do, whoami and storage keep working
            url = self.db_url or default_db_url(os.path.abspath(os.path.expanduser(self.smstudio_home)))
            store_error = open_failure(url, err)
            self.log.error("smstudio: %s", store_error)
            services = self._offline_services(url, store_error, loop)
        self.services = services
        self.offloader = Offloader(self.request_threads, self.requests_per_user)
        self.settings.update(
            {
                "smstudio": services,
                "smstudio_offloader": self.offloader,
                "smstudio_default_owner": self.default_owner,
                "smstudio_max_body_bytes": self.max_body_bytes,
                "smstudio_max_upload_bytes": self.max_upload_bytes,
                "smstudio_store_error": store_error,
            }
        )
        if self.export_environment:
            os.environ.setdefault("SMSTUDIO_URL", self._server_url())
            token = getattr(self._server.identity_provider, "token", "")
            if token:
                os.environ.setdefault("SMSTUDIO_TOKEN", token)
        # what the server holds from now on needs no collecting: a full collection then walks what requests
        # made, not the whole server (measured: 100-250 ms pauses of every thread during a big search)
        gc.collect()
        gc.freeze()
        # and full collections ten times rarer: a 10,000-row page allocates a million objects, which ran one
        # (20-50 ms, every thread stopped) per few thousand rows; young collections still run as often
        gen0, gen1, _ = gc.get_threshold()
        gc.set_threshold(gen0, gen1, 100)
        # the request threads share the GIL with the event loop: a thread building a big page hands it back
        # every millisecond, not every 5 (each hop of a small request waited up to the interval; measured)
        sys.setswitchinterval(min(sys.getswitchinterval(), 0.001))
        self.log.info(
            "smstudio %s: store %s, runner %s, home %s",
            __version__,
            services.db.dialect,
            services.job_runner or "none",
            self.smstudio_home,
        )

    def _open_services(self, loop: Optional[asyncio.AbstractEventLoop]) -> Services:
        services = build_services(
            self,
            server_url=self._server_url,
            version=__version__,
            db_options={"busy_timeout": self.store_busy_timeout, "statement_timeout": self.statement_timeout or None},
        )
        services.events = EventHub(loop)
        try:
            services.start()  # adopting jobs reads the store: a damaged table shows here
        except BaseException:
            services.close()
            raise
        return services

    def _offline_services(self, url: str, problem: str, loop: Optional[asyncio.AbstractEventLoop]) -> Services:
        """The core room only (identity, storage), on a stand-in store that answers every use with `problem`."""
        services = Services(
            self, OfflineDatabase(url, problem), StorageService.from_settings(self), __version__, self._server_url
        )
        services.add(CORE)
        services.events = EventHub(loop)
        return services

    def initialize_handlers(self) -> None:
        self.handlers.extend(routes())

    async def stop_extension(self) -> None:
        await close_routes()
        offloader = getattr(self, "offloader", None)
        if offloader is not None:
            offloader.close()
        services = getattr(self, "services", None)
        if services is not None:
            services.close()
