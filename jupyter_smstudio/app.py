"""The server extension: configuration traits, services built once, handlers, events."""
from __future__ import annotations

import os

from jupyter_server.extension.application import ExtensionApp
from traitlets import Dict, Int, List, Set, Type, Unicode, Bool, default

from ._version import __version__
from .core.config import DEFAULT_STORAGE_ROOT, Settings, build_services, default_home, default_owner
from .core.events import EventPublisher
from .core.handlers import API, UnknownRouteHandler, core_handlers
from .experiments.handlers import experiment_handlers
from .jobs.handlers import job_handlers
from .jobs.runners.base import JobRunner
from .jobs.runners.dask import DaskRunner
from .jobs.runners.local import LocalProcessRunner
from .training.handlers import training_handlers
from .tuning.handlers import tuning_handlers


class SmStudio(ExtensionApp):
    name = "jupyter_smstudio"
    load_other_extensions = True

    smstudio_home = Unicode(
        help="Folder for SmStudio's state (database, default storage). Default: $SMSTUDIO_HOME or ~/.smstudio"
    ).tag(config=True)

    @default("smstudio_home")
    def _default_home(self) -> str:
        return default_home()

    db_url = Unicode("", help="SQLAlchemy URL of the metadata store; default: SQLite in smstudio_home. "
                              "Example: postgresql+psycopg://user:pw@host/db").tag(config=True)
    storage_root = Unicode(DEFAULT_STORAGE_ROOT, help="Root URL for job outputs and the default bucket; "
                           "file:// or s3://. Expands {user}, {smstudio_home}, {root_dir}").tag(config=True)
    home_volume = Unicode("{root_dir}", help="Each user's home volume (file:// URLs are confined to it); "
                          "expands {user}, {smstudio_home}, {root_dir}").tag(config=True)
    shared_roots = List(Unicode(), help="Extra local folders every user may read and write").tag(config=True)
    s3_options = Dict(help="s3fs options for s3:// URLs: key, secret, endpoint_url, ...").tag(config=True)
    job_runner_class = Type(default_value=None, klass=JobRunner, allow_none=True,
                            help="Job runner class; default: local processes, or Dask when "
                                 "dask_scheduler_address is set").tag(config=True)
    dask_scheduler_address = Unicode("", help="tcp://host:port of a Dask scheduler; jobs run on its "
                                     "workers").tag(config=True)
    admin_users = Set(Unicode(), help="Users who see and manage everyone's records").tag(config=True)
    default_owner = Unicode(help="Owner of records when the identity provider does not name users "
                            "(a plain token server): $JUPYTERHUB_USER or the OS user").tag(config=True)

    @default("default_owner")
    def _default_owner(self) -> str:
        return default_owner()

    max_body_bytes = Int(1024 * 1024, help="Largest JSON request body").tag(config=True)
    max_upload_bytes = Int(512 * 1024 * 1024, help="Largest storage upload through the API").tag(config=True)
    export_environment = Bool(True, help="Export SMSTUDIO_URL/SMSTUDIO_TOKEN so kernels and terminals "
                              "find this server").tag(config=True)

    def _runner(self) -> tuple[type, dict]:
        if self.job_runner_class is not None:
            return self.job_runner_class, {"scheduler_address": self.dask_scheduler_address}
        if self.dask_scheduler_address:
            return DaskRunner, {"scheduler_address": self.dask_scheduler_address}
        return LocalProcessRunner, {}

    def _server_url(self) -> str:
        return self.serverapp.connection_url

    def initialize_settings(self) -> None:
        runner_class, runner_options = self._runner()
        settings = Settings(
            home=self.smstudio_home, db_url=self.db_url, storage_root=self.storage_root,
            home_volume=self.home_volume, root_dir=self.serverapp.root_dir, shared_roots=list(self.shared_roots),
            s3_options=dict(self.s3_options), runner_class=runner_class, runner_options=runner_options,
            admin_users=set(self.admin_users),
        )
        services = build_services(settings, server_url=self._server_url, version=__version__)
        loop = getattr(getattr(self.serverapp, "io_loop", None), "asyncio_loop", None)
        services.events = EventPublisher(self.serverapp.event_logger, loop)
        services.jobs.reconcile()
        services.tuning.resume()
        self.services = services
        self.settings.update({
            "smstudio": services,
            "smstudio_default_owner": self.default_owner,
            "smstudio_max_body_bytes": self.max_body_bytes,
            "smstudio_max_upload_bytes": self.max_upload_bytes,
        })
        if self.export_environment:
            os.environ.setdefault("SMSTUDIO_URL", self._server_url())
            token = getattr(self.serverapp.identity_provider, "token", "")
            if token:
                os.environ.setdefault("SMSTUDIO_TOKEN", token)
        self.log.info("smstudio %s: store %s, runner %s, home %s", __version__, services.db.dialect,
                      services.job_runner, self.smstudio_home)

    def initialize_handlers(self) -> None:
        routes = core_handlers() + job_handlers() + experiment_handlers() + training_handlers() + tuning_handlers()
        self.handlers.extend(routes)
        self.handlers.append((rf"/{API}/(.*)", UnknownRouteHandler))

    async def stop_extension(self) -> None:
        services = getattr(self, "services", None)
        if services is not None:
            services.close()
