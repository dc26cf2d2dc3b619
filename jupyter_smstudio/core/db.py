"""Engine, session scope and schema management (one alembic chain inside the package).

A new database is created at start-up; an out-of-date SQLite file is backed up and
upgraded; any other out-of-date database is refused with the command that upgrades it.
"""

from __future__ import annotations

import json
import logging
import shutil
import time
from contextlib import contextmanager
from glob import escape as glob_escape
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterator, Optional, TypeVar

from sqlalchemy import create_engine, event, inspect
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import DatabaseError, DataError, IntegrityError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from .errors import BadRequest, Conflict, SmStudioError, StaleSchema

if TYPE_CHECKING:
    from alembic.config import Config

T = TypeVar("T")
log = logging.getLogger(__name__)
MIGRATIONS = Path(__file__).parent / "migrations"


class StoreUnavailable(SmStudioError):
    status = 503
    reason = "StoreUnavailable"
    retry_after = 1


class StoreDamaged(SmStudioError):
    """The store cannot be used until someone acts: its file is not a database or is damaged, it could not
    be opened at start-up (an unreachable server, a schema of a newer release). The message says what to do;
    retrying does not help, so no Retry-After."""

    status = 503
    reason = "store-unavailable"


# what SQLite answers for a file that is not (or no longer) a whole database
_DAMAGED = ("file is not a database", "malformed", "disk image")


def make_engine(url: str, busy_timeout: float = 30.0, statement_timeout: Optional[float] = None) -> Engine:
    """`busy_timeout`: seconds to wait for another writer's lock on SQLite; `statement_timeout`: seconds
    one statement may run before the store cancels it (both answer 503 through `_translated`)."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        pool: dict[str, Any] = {}
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
            pool = {"pool_size": 8, "max_overflow": 16}  # the request threads and the monitor threads
        engine = create_engine(
            url,
            connect_args={"check_same_thread": False, "timeout": busy_timeout},
            json_serializer=_json_text,
            **pool,
        )

        def pragmas(dbapi_conn: Any, record: Any) -> None:
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute(f"PRAGMA busy_timeout={int(busy_timeout * 1000)}")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.close()
            if statement_timeout:
                _install_deadline(dbapi_conn, record)

        event.listen(engine, "connect", pragmas)
        if statement_timeout:
            event.listen(engine, "before_cursor_execute", lambda conn, *_: _start_deadline(conn, statement_timeout))
        return engine
    connect_args = {"options": f"-c statement_timeout={int(statement_timeout * 1000)}"} if statement_timeout else {}
    return create_engine(url, pool_pre_ping=True, pool_size=8, max_overflow=16, connect_args=connect_args)


def _json_text(value: Any) -> str:
    """JSON as SQLite keeps it: UTF-8, not `\\u` escapes. json_extract matches a path's label against the stored
    text as written, so a tag key `Größe` stored as `Gr\\u00f6\\u00dfe` was never found by a search."""
    return json.dumps(value, ensure_ascii=False)


# SQLite has no statement timeout of its own: a progress handler (called every few thousand VM steps)
# interrupts a statement that runs past the deadline its connection was given when it started.
def _install_deadline(dbapi_conn: Any, record: Any) -> None:
    deadline: list[float] = [0.0]
    record.info["smstudio_deadline"] = deadline
    dbapi_conn.set_progress_handler(lambda: 1 if deadline[0] and time.monotonic() > deadline[0] else 0, 10_000)


def _start_deadline(conn: Connection, seconds: float) -> None:
    deadline = conn.info.get("smstudio_deadline")
    if deadline is not None:
        deadline[0] = time.monotonic() + seconds


# alembic is imported where a schema is checked or changed, not with this module: a job process that
# only writes metrics opens the store without it (measured: 0.15 s of every job's start-up)
def alembic_config(url: str) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def head_revision() -> Optional[str]:  # None only for an empty chain
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()


def current_revision(engine: Engine) -> Optional[str]:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(url: str, engine: Optional[Engine] = None) -> None:
    """Bring a database to the head revision (what `python -m jupyter_smstudio db upgrade` runs)."""
    from alembic import command

    engine = engine or make_engine(url)
    cfg = alembic_config(url)
    sqlite = engine.dialect.name == "sqlite"
    with engine.connect() as conn:
        if sqlite:
            # SQLite changes a constraint by copying the table and dropping the old one (alembic's batch mode);
            # with foreign keys on, that drop deletes the rows of every table whose key cascades from it (an
            # experiment's trials). SQLite's own recipe: keys off (outside a transaction), then checked.
            conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
            conn.commit()
        try:
            with conn.begin():
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "head")
                if sqlite and conn.exec_driver_sql("PRAGMA foreign_key_check").first() is not None:
                    raise RuntimeError("the upgraded SQLite store breaks a foreign key; it was not changed")
        finally:
            if sqlite:
                conn.exec_driver_sql("PRAGMA foreign_keys=ON")
                conn.commit()


def prepare_schema(url: str, engine: Engine) -> None:
    """Create a new database, upgrade a stale SQLite file (after a backup), refuse the rest."""
    head = head_revision()
    current = current_revision(engine)
    if current == head:
        return
    has_tables = bool(inspect(engine).get_table_names())
    if current is None and not has_tables:
        log.info("smstudio: creating a new database at %s", make_url(url).render_as_string())
        upgrade(url, engine)
        return
    from alembic.script import ScriptDirectory

    known = {rev.revision for rev in ScriptDirectory.from_config(alembic_config(url)).walk_revisions()}
    if current is not None and current not in known:
        raise StaleSchema(
            f"the database is at revision {current}, which this release of jupyter-smstudio does "
            "not know (it was made by a newer release); upgrade jupyter-smstudio"
        )
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        backup = f"{parsed.database}.{current or 'unversioned'}.{int(time.time())}.bak"
        engine.dispose()
        shutil.copy2(parsed.database, backup)
        log.warning(
            "smstudio: database schema %s is older than %s; backed up to %s and upgrading", current, head, backup
        )
        upgrade(url, engine)
        return
    raise StaleSchema(
        f"the database schema is at revision {current}, this release needs {head}; "
        f"upgrade it with: python -m jupyter_smstudio db upgrade '{parsed.render_as_string()}'"
    )


@contextmanager
def _translated() -> Iterator[None]:
    """Store errors as the API's errors: a conflict (409), an unavailable store (503), the rest (500)."""
    try:
        yield
    except IntegrityError as err:
        raise Conflict(f"the record conflicts with an existing one: {err.orig}") from err
    except OperationalError as err:
        text = str(err.orig)
        if "interrupted" in text or "statement timeout" in text:
            raise StoreUnavailable(
                "the query ran longer than the store's statement timeout; narrow it "
                "(fewer filters, a smaller page) or try again"
            ) from err
        if "locked" in text:
            raise StoreUnavailable("the metadata store is busy (another process is writing); try again") from err
        if any(text_part in text for text_part in _DAMAGED):
            raise StoreDamaged(f"the metadata store is damaged ({text}); the server log says what to do") from err
        raise StoreUnavailable(f"the metadata store is unavailable: {err.orig}") from err
    except DataError as err:  # a value the store cannot hold that validation let through: the request's fault
        raise BadRequest(f"a value does not fit the metadata store: {str(err.orig).splitlines()[0]}") from err
    except DatabaseError as err:
        text = str(err.orig)
        if any(text_part in text for text_part in _DAMAGED):
            raise StoreDamaged(f"the metadata store is damaged ({text}); the server log says what to do") from err
        raise SmStudioError(f"metadata store error: {type(err).__name__}") from err
    except SQLAlchemyError as err:
        raise SmStudioError(f"metadata store error: {type(err).__name__}") from err


class Database:
    """Owns the engine; `session()` and `connection()` are the places that commit, roll back and convert errors."""

    def __init__(
        self, url: str, migrate: bool = True, busy_timeout: float = 30.0, statement_timeout: Optional[float] = None
    ):
        self.url = url
        if migrate:  # on an engine of its own: creating or upgrading a schema may take longer than a request
            schema_engine = make_engine(url)
            try:
                prepare_schema(url, schema_engine)
            finally:
                schema_engine.dispose()
        self.engine = make_engine(url, busy_timeout, statement_timeout)
        self.dialect = self.engine.dialect.name
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        with _translated():
            s = self._sessions()
            try:
                yield s
                s.commit()
            except BaseException:
                s.rollback()
                raise
            finally:
                s.close()

    @contextmanager
    def connection(self) -> Iterator[Connection]:
        """A Core connection in one transaction, for the hot write paths (metric batches, run
        updates): Core statements cost a fraction of ORM units of work (measured in bench/)."""
        with _translated(), self.engine.begin() as conn:
            yield conn

    def close(self) -> None:
        self.engine.dispose()


class OfflineDatabase(Database):
    """Stands in for a store that could not be opened at start-up: the server keeps its routes and answers
    each one that needs the store with `StoreDamaged` (what happened and what to do), instead of leaving
    the extension unloaded (HTML 404s everywhere); what needs no store (whoami, storage) keeps working."""

    def __init__(self, url: str, problem: str):  # not super().__init__(): that opens the store again
        self.url = url
        self.problem = problem
        self.dialect = "unavailable"

    # raised where `with db.session():` starts (contextmanager calls the function there)
    @contextmanager
    def session(self) -> Iterator[Session]:
        raise StoreDamaged(self.problem)

    @contextmanager
    def connection(self) -> Iterator[Connection]:
        raise StoreDamaged(self.problem)

    def close(self) -> None:
        pass


def open_failure(url: str, err: BaseException) -> str:
    """What the log and every answer say when the store cannot be opened: which store, why, what to do."""
    cause = str(getattr(err, "orig", None) or err).splitlines()[0]
    parsed = make_url(url)
    if isinstance(err, StaleSchema):
        return f"the metadata store {parsed.render_as_string()} cannot be used: {err.message}"
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        path = Path(str(parsed.database))
        backups = sorted(str(b) for b in path.parent.glob(f"{glob_escape(path.name)}.*.bak"))
        restore = (
            f"restore the newest backup made by an upgrade ({backups[-1]}) over it, or "
            if backups
            else "restore it from your own backup, or "
        )
        return (
            f"the metadata store {path} cannot be opened ({cause}): {restore}move it aside "
            f"(mv {path} {path}.damaged, and its -wal and -shm files if any) to start with an empty store, "
            "then restart the server"
        )
    return (
        f"the metadata store {parsed.render_as_string()} cannot be opened ({cause}): check that it is "
        "running and reachable with these credentials, then restart the server"
    )


def retrying(write: Callable[[], T], attempts: int = 5) -> T:
    """Two writers may create the same row at once (a metric's summary): the loser writes again."""
    for attempt in range(attempts):
        try:
            return write()
        except Conflict:
            if attempt == attempts - 1:
                raise
    raise AssertionError("unreachable")
