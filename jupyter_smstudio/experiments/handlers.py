"""Experiments REST routes: parse, authorize, call the service, write."""
from __future__ import annotations

from jupyter_server.auth.decorator import authorized
from tornado import web

from ..core.handlers import API, SmStudioHandler
from .models import (Association, ExperimentCreate, ExperimentUpdate, MetricBatch, MetricCount, SearchRequest,
                     TrialComponentCreate, TrialComponentUpdate, TrialCreate)

NAME = r"(?P<name>[^/]+)"


class ExperimentsRoom(SmStudioHandler):
    @property
    def experiments(self):
        return self.services.experiments

    def cascade(self) -> bool:
        raw = (self.get_query_argument("cascade", "false") or "false").lower()
        if raw not in ("true", "false", "1", "0"):
            from ..core.errors import BadRequest

            raise BadRequest("'cascade' must be true or false", field="cascade")
        return raw in ("true", "1")


class ExperimentsHandler(ExperimentsRoom):
    @web.authenticated
    @authorized
    def get(self) -> None:
        self.write_model(self.experiments.list_experiments(
            self.viewer, folder=self.query_str("folder"), name_contains=self.query_str("name_contains"),
            limit=self.query_int("limit", 100), offset=self.query_int("offset", 0)))

    @web.authenticated
    @authorized
    def post(self) -> None:
        self.write_model(self.experiments.create_experiment(self.viewer, self.body(ExperimentCreate)), status=201)


class ExperimentHandler(ExperimentsRoom):
    @web.authenticated
    @authorized
    def get(self, name: str) -> None:
        self.write_model(self.experiments.get_experiment(self.viewer, name))

    @web.authenticated
    @authorized
    def patch(self, name: str) -> None:
        self.write_model(self.experiments.update_experiment(self.viewer, name, self.body(ExperimentUpdate)))

    @web.authenticated
    @authorized
    def delete(self, name: str) -> None:
        self.write_model(self.experiments.delete_experiment(self.viewer, name, self.cascade()))


class TrialsHandler(ExperimentsRoom):
    @web.authenticated
    @authorized
    def get(self) -> None:
        self.write_model(self.experiments.list_trials(
            self.viewer, experiment_name=self.query_str("experiment_name"), limit=self.query_int("limit", 100),
            offset=self.query_int("offset", 0)))

    @web.authenticated
    @authorized
    def post(self) -> None:
        self.write_model(self.experiments.create_trial(self.viewer, self.body(TrialCreate)), status=201)


class TrialHandler(ExperimentsRoom):
    @web.authenticated
    @authorized
    def get(self, name: str) -> None:
        self.write_model(self.experiments.get_trial(self.viewer, name))

    @web.authenticated
    @authorized
    def delete(self, name: str) -> None:
        self.write_model(self.experiments.delete_trial(self.viewer, name, self.cascade()))


class ComponentsHandler(ExperimentsRoom):
    @web.authenticated
    @authorized
    def post(self) -> None:
        self.write_model(self.experiments.create_component(self.viewer, self.body(TrialComponentCreate)), status=201)


class ComponentHandler(ExperimentsRoom):
    @web.authenticated
    @authorized
    def get(self, name: str) -> None:
        self.write_model(self.experiments.get_component(self.viewer, name))

    @web.authenticated
    @authorized
    def patch(self, name: str) -> None:
        self.write_model(self.experiments.update_component(self.viewer, name, self.body(TrialComponentUpdate)))

    @web.authenticated
    @authorized
    def delete(self, name: str) -> None:
        self.write_model(self.experiments.delete_component(self.viewer, name))


class AssociationsHandler(ExperimentsRoom):
    @web.authenticated
    @authorized
    def post(self, name: str) -> None:
        self.write_model(self.experiments.associate(self.viewer, name, self.body(Association).trial_name))


class AssociationHandler(ExperimentsRoom):
    @web.authenticated
    @authorized
    def delete(self, name: str, trial: str) -> None:
        self.write_model(self.experiments.disassociate(self.viewer, name, trial))


class MetricsHandler(ExperimentsRoom):
    @web.authenticated
    @authorized
    def post(self, name: str) -> None:
        count = self.experiments.log_metrics(self.viewer, name, self.body(MetricBatch))
        self.write_model(MetricCount(count=count), status=201)


class SeriesHandler(ExperimentsRoom):
    @web.authenticated
    @authorized
    def get(self, name: str, metric: str) -> None:
        self.write_model(self.experiments.series(self.viewer, name, metric,
                                                 max_points=self.query_int("max_points", 2000)))


class LineageHandler(ExperimentsRoom):
    @web.authenticated
    @authorized
    def get(self, name: str) -> None:
        self.write_model(self.experiments.lineage(self.viewer, name))


class SearchHandler(ExperimentsRoom):
    @web.authenticated
    @authorized
    def post(self) -> None:
        self.write_model(self.experiments.search(self.viewer, self.body(SearchRequest)))


class ColumnsHandler(ExperimentsRoom):
    @web.authenticated
    @authorized
    def get(self) -> None:
        self.write_model(self.experiments.columns(self.viewer, self.query_str("experiment_name")))


def experiment_handlers() -> list[tuple[str, type]]:
    tc = f"/{API}/trial-components/{NAME}"
    return [
        (rf"/{API}/experiments", ExperimentsHandler),
        (rf"/{API}/experiments/{NAME}", ExperimentHandler),
        (rf"/{API}/trials", TrialsHandler),
        (rf"/{API}/trials/{NAME}", TrialHandler),
        (rf"/{API}/trial-components", ComponentsHandler),
        (rf"{tc}", ComponentHandler),
        (rf"{tc}/associations", AssociationsHandler),
        (rf"{tc}/associations/(?P<trial>[^/]+)", AssociationHandler),
        (rf"{tc}/metrics", MetricsHandler),
        (rf"{tc}/metrics/(?P<metric>[^/]+)", SeriesHandler),
        (rf"{tc}/lineage", LineageHandler),
        (rf"/{API}/search", SearchHandler),
        (rf"/{API}/search/columns", ColumnsHandler),
    ]
