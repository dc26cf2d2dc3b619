"""One contract every metadata store passes: SQLite (embedded) and a real PostgreSQL."""

from __future__ import annotations

import sqlite3
import threading
from datetime import timedelta

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text

from jupyter_smstudio.core.db import Database, StaleSchema, head_revision, upgrade
from jupyter_smstudio.core.errors import Conflict, NotFound
from jupyter_smstudio.core.orm import Base, utcnow
from jupyter_smstudio.jobs.store import JobStore
from jupyter_smstudio.studio import import_orm

import_orm()  # every room's tables on the metadata the schema check compares


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    return request.getfixturevalue("fresh_postgres_url")


def job_fields(name, owner="alice", **extra):
    now = utcnow()
    return dict(
        job_name=name,
        job_kind="script",
        owner=owner,
        status="InProgress",
        creation_time=now,
        start_time=now,
        runner="local",
        config={"script": "x.py", "nested": {"ü": [1, 2]}},
        tags={},
        log_url=f"file:///tmp/{name}.log",
        output_url="file:///tmp/out",
        work_dir="/tmp",
        max_runtime_seconds=60,
        stop_grace_seconds=1.0,
        token_hash="0" * 64,
        **extra,
    )


def test_new_database_is_created_at_head(db_url):
    db = Database(db_url)
    with db.engine.connect() as conn:
        assert MigrationContext.configure(conn).get_current_revision() == head_revision()
        # the migrations and the ORM describe the same schema
        assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []
    assert "smstudio_jobs" in inspect(db.engine).get_table_names()
    Database(db_url)  # opening again is a no-op
    db.close()


def test_job_roundtrip_and_conflicts(db_url):
    store = JobStore(Database(db_url))
    job = store.create(**job_fields("j1"))
    assert job.creation_time.tzinfo is not None
    got = store.get("alice", "j1")
    assert got.config.model_dump(exclude={"tracking"}) == {"script": "x.py", "nested": {"ü": [1, 2]}}
    assert abs(got.creation_time - job.creation_time) < timedelta(milliseconds=1)
    with pytest.raises(Conflict):
        store.create(**job_fields("j1"))
    # names are unique per owner: another user's job of that name is no conflict, and no other job
    assert store.create(**job_fields("j1", owner="bob")).owner == "bob"
    assert store.get("alice", "j1").owner == "alice" and sorted(store.owners("j1")) == ["alice", "bob"]
    with pytest.raises(NotFound):
        store.get("alice", "nope")


def test_state_machine_guard(db_url):
    store = JobStore(Database(db_url))
    store.create(**job_fields("j2"))
    assert store.transition("alice", "j2", ("InProgress",), status="Completed", end_time=utcnow()).status == "Completed"
    assert store.transition("alice", "j2", ("InProgress",), status="Failed") is None
    assert store.get("alice", "j2").status == "Completed"


def test_list_filters_owner_and_pages(db_url):
    store = JobStore(Database(db_url))
    for i in range(5):
        store.create(**job_fields(f"a-{i}", owner="alice"))
    store.create(**job_fields("b-0", owner="bob"))
    store.update("alice", "a-1", status="Failed")
    jobs, total = store.list("alice", limit=2)
    assert total == 5 and [j.job_name for j in jobs] == ["a-4", "a-3"]
    jobs, total = store.list("alice", status="Failed")
    assert total == 1 and jobs[0].job_name == "a-1"
    _, total = store.list(None)
    assert total == 6
    jobs, _ = store.list(None, name_contains="b-")
    assert [j.job_name for j in jobs] == ["b-0"]
    jobs, _ = store.list(None, name_contains="%")  # LIKE wildcards are literal
    assert jobs == []
    assert {s.job_name for s in store.active_states()} == {f"a-{i}" for i in (0, 2, 3, 4)} | {"b-0"}


def test_concurrent_writers_lose_nothing(db_url):
    db = Database(db_url)
    store = JobStore(db)
    errors = []

    def writer(k):
        try:
            for i in range(25):
                store.create(**job_fields(f"w{k}-{i}"))
                store.update("alice", f"w{k}-{i}", secondary_status="Running")
        except Exception as err:  # pragma: no cover - reported below
            errors.append(err)

    threads = [threading.Thread(target=writer, args=(k,)) for k in range(6)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    assert errors == []
    assert store.list(None, limit=1)[1] == 150


def _stale(db_url):
    """A database left at the first revision by an older release."""
    db = Database(db_url, migrate=False)
    from alembic import command

    from jupyter_smstudio.core.db import alembic_config

    cfg = alembic_config(db_url)
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001_jobs")
    db.close()


def test_stale_sqlite_is_backed_up_and_upgraded(tmp_path):
    url = f"sqlite:///{tmp_path / 'old.db'}"
    _stale(url)
    with sqlite3.connect(tmp_path / "old.db") as conn:
        conn.execute(
            "INSERT INTO smstudio_jobs (job_name, job_kind, owner, status, creation_time, runner, config, "
            "tags, log_url, output_url, work_dir, max_runtime_seconds, stop_grace_seconds, token_hash) "
            "VALUES ('old-job','script','alice','Completed','2026-01-01 00:00:00','local','{}','{}',"
            "'file:///x','file:///y','/tmp',60,1,'0')"
        )
    db = Database(url)
    backups = list(tmp_path.glob("old.db.0001_jobs.*.bak"))
    assert len(backups) == 1
    assert JobStore(db).get("alice", "old-job").status == "Completed"
    with db.engine.connect() as conn:
        assert MigrationContext.configure(conn).get_current_revision() == head_revision()


def test_stale_postgres_is_refused_with_the_command(fresh_postgres_url):
    _stale(fresh_postgres_url)
    with pytest.raises(StaleSchema) as err:
        Database(fresh_postgres_url)
    assert "python -m jupyter_smstudio db upgrade" in err.value.message
    upgrade(fresh_postgres_url)
    Database(fresh_postgres_url).close()


def test_database_from_a_newer_release_is_refused(tmp_path):
    url = f"sqlite:///{tmp_path / 'new.db'}"
    db = Database(url)
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    db.close()
    with pytest.raises(StaleSchema, match="newer release"):
        Database(url)


def test_upgrade_command_line(tmp_path, capsys):
    from jupyter_smstudio.__main__ import main

    url = f"sqlite:///{tmp_path / 'cli.db'}"
    _stale(url)
    assert main(["db", "upgrade", url]) == 0
    assert main(["db", "current", url]) == 0
    assert head_revision() in capsys.readouterr().out


TUNING_REQUEST = {
    "objective": {"metric_name": "acc"},
    "training_job": {"entry_point": "t.py"},
    "parameter_ranges": {"integer_parameter_ranges": [{"name": "d", "min_value": 1, "max_value": 3}]},
}


def test_tuning_lease_one_driver_at_a_time(db_url):
    """A tuning job is driven by one process at a time: the lease is held, renewed, taken over when stale,
    won by exactly one of many racing drivers, and never taken on an ended job."""
    import time as clock
    from concurrent.futures import ThreadPoolExecutor

    from jupyter_smstudio.tuning.store import TuningStore

    store = TuningStore(Database(db_url))
    store.create("held", "alice", TUNING_REQUEST)
    assert store.claim("alice", "held", "a", 15)
    assert not store.claim("alice", "held", "b", 15)  # a holds it
    assert store.claim("alice", "held", "a", 15)  # a renews
    clock.sleep(0.3)
    assert store.claim("alice", "held", "b", 0.2)  # a's heartbeat is older than the lease: a is gone, b takes over
    assert not store.claim("alice", "held", "a", 15)

    store.create("raced", "alice", TUNING_REQUEST)
    with ThreadPoolExecutor(8) as pool:
        won = list(pool.map(lambda i: store.claim("alice", "raced", f"driver-{i}", 15), range(8)))
    assert sum(won) == 1, won

    store.set_status("alice", "raced", "Completed", ended=True)
    assert not store.claim("alice", "raced", f"driver-{won.index(True)}", 15)
    assert store.get("alice", "raced").status == "Completed"
    assert store.keys_in(("InProgress", "Stopping")) == [("alice", "held")]
    # names are unique per owner: bob's "held" is his own tuning job, with a lease of its own
    store.create("held", "bob", TUNING_REQUEST)
    assert store.claim("bob", "held", "c", 15) and not store.claim("alice", "held", "c", 15)
    store.db.close()


def test_a_statement_past_its_timeout_is_cancelled_with_a_503(db_url):
    """A request's statement runs at most `statement_timeout` seconds (PostgreSQL's own timeout, a progress
    handler on SQLite); the store answers 503 with Retry-After, and the next statement runs normally."""
    import time as clock

    from jupyter_smstudio.core.db import StoreUnavailable

    db = Database(db_url, statement_timeout=0.3)
    slow = (
        "SELECT pg_sleep(3)"
        if db.dialect == "postgresql"
        else "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000000) "
        "SELECT count(*) FROM n"
    )
    start = clock.monotonic()
    with pytest.raises(StoreUnavailable) as err:
        with db.connection() as conn:
            conn.execute(text(slow))
    assert clock.monotonic() - start < 2.5
    assert err.value.status == 503 and err.value.retry_after == 1 and "statement timeout" in err.value.message
    with db.connection() as conn:
        assert conn.execute(text("SELECT 1")).scalar() == 1
    db.close()


def test_names_per_owner_upgrade_keeps_every_row(db_url):
    """0008 copies tables on SQLite (batch mode): an experiment's trials, links and components, which cascade
    from it, must survive the copy; afterwards two users may hold one name, one user may not hold it twice."""
    from alembic import command
    from sqlalchemy import text
    from sqlalchemy.exc import IntegrityError

    from jupyter_smstudio.core.db import alembic_config, upgrade

    db = Database(db_url, migrate=False)
    cfg = alembic_config(db_url)
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0007_job_metrics_file")
    now = "2026-01-01 00:00:00"
    with db.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO smstudio_experiments (id, name, display_name, folder, tags, owner, shared, "
                "creation_time, last_modified_time) VALUES (1, 'same', 'same', '', '{}', 'alice', false, :t, :t)"
            ),
            {"t": now},
        )
        conn.execute(
            text(
                "INSERT INTO smstudio_trials (id, name, experiment_id, display_name, tags, owner, creation_time, "
                "last_modified_time) VALUES (1, 'same', 1, 'same', '{}', 'alice', :t, :t)"
            ),
            {"t": now},
        )
        conn.execute(
            text(
                "INSERT INTO smstudio_trial_components (id, name, display_name, owner, status, creation_time, "
                "last_modified_time, tags) VALUES (1, 'same', 'same', 'alice', 'Completed', :t, :t, '{}')"
            ),
            {"t": now},
        )
        conn.execute(text("INSERT INTO smstudio_trial_component_links (trial_id, component_id) VALUES (1, 1)"))
    upgrade(db_url, db.engine)
    with db.engine.connect() as conn:
        for table in ("experiments", "trials", "trial_components", "trial_component_links"):
            assert conn.execute(text(f"SELECT count(*) FROM smstudio_{table}")).scalar() == 1, table
    with db.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO smstudio_experiments (id, name, display_name, folder, tags, owner, shared, "
                "creation_time, last_modified_time) VALUES (2, 'same', 'same', '', '{}', 'bob', false, :t, :t)"
            ),
            {"t": now},
        )
    with pytest.raises(IntegrityError), db.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO smstudio_experiments (id, name, display_name, folder, tags, owner, shared, "
                "creation_time, last_modified_time) VALUES (3, 'same', 'same', '', '{}', 'bob', false, :t, :t)"
            ),
            {"t": now},
        )
    db.close()
