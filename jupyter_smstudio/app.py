"""The server extension: the deployment's settings (inherited from the registry's StudioSettings, so
they are configured as `c.SmStudio.<name>`), services built once, the rooms' routes, live events."""

from __future__ import annotations

import gc
import os
import sys

from jupyter_server.extension.application import ExtensionApp
from jupyter_server.serverapp import ServerApp

from ._version import __version__
from .core.events import EventHub
from .core.handlers import operation_handlers
from .core.offload import Offloader
from .studio import StudioSettings, build_services, operations


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
        services = build_services(
            self,
            server_url=self._server_url,
            version=__version__,
            db_options={"busy_timeout": self.store_busy_timeout, "statement_timeout": self.statement_timeout or None},
        )
        loop = getattr(getattr(self.serverapp, "io_loop", None), "asyncio_loop", None)
        services.events = EventHub(loop)
        services.start()
        self.services = services
        self.offloader = Offloader(self.request_threads, self.requests_per_user)
        self.settings.update(
            {
                "smstudio": services,
                "smstudio_offloader": self.offloader,
                "smstudio_default_owner": self.default_owner,
                "smstudio_max_body_bytes": self.max_body_bytes,
                "smstudio_max_upload_bytes": self.max_upload_bytes,
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
            services.job_runner,
            self.smstudio_home,
        )

    def initialize_handlers(self) -> None:
        self.handlers.extend(operation_handlers(operations()))

    async def stop_extension(self) -> None:
        offloader = getattr(self, "offloader", None)
        if offloader is not None:
            offloader.close()
        services = getattr(self, "services", None)
        if services is not None:
            services.close()
