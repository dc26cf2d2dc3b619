"""A store that cannot be used: a real server started on a damaged SQLite file keeps its routes, logs what
happened and what to do, answers the routes that need the store with a JSON 503 that says so, and serves
what needs no store (whoami, the user's storage). Damage found while running is a 503 too; a value the
store cannot hold is the request's 400, not a 500."""

from __future__ import annotations

import pytest
import requests
from sqlalchemy import text

from jupyter_smstudio.core.db import Database, StoreDamaged, open_failure
from jupyter_smstudio.core.errors import BadRequest
from tests.live_server import jupyter_server


def _damage(db_file, how):
    db_file.parent.mkdir(parents=True, exist_ok=True)
    if how == "garbage":  # overwritten (a bad copy, another program's file)
        db_file.write_bytes(b"this is not an SQLite database\n" * 2000)
        return None
    Database(f"sqlite:///{db_file}").close()  # a whole store, then cut in half (a full disk, a bad restore)
    whole = db_file.read_bytes()
    db_file.write_bytes(whole[: len(whole) // 2])
    backup = db_file.with_name(f"{db_file.name}.abc123.1700000000.bak")
    backup.write_bytes(whole)  # what an upgrade leaves: the message names it
    return backup


@pytest.mark.parametrize("how", ["garbage", "truncated"])
def test_a_server_on_a_damaged_store_says_so(tmp_path, how):
    db_file = tmp_path / "srv" / "smstudio-home" / "smstudio.db"
    backup = _damage(db_file, how)
    damaged = db_file.read_bytes()
    with jupyter_server(tmp_path / "srv") as srv:
        auth = {"Authorization": f"token {srv['token']}"}
        api = f"{srv['url']}smstudio/api"

        log = srv["log"].read_text()
        (line,) = [ln for ln in log.splitlines() if "smstudio: the metadata store" in ln]
        assert str(db_file) in line and "cannot be opened" in line and "restart the server" in line, line
        assert f"mv {db_file} {db_file}.damaged" in line, line
        if backup is not None:
            assert str(backup) in line, line

        for method, route, body in (
            ("GET", "jobs", None),
            ("GET", "experiments", None),
            ("POST", "experiments", {"experiment_name": "e"}),
            ("GET", "tuning-jobs", None),
            ("GET", "jobs/some-job/logs", None),
        ):
            resp = requests.request(method, f"{api}/{route}", json=body, headers=auth, timeout=10)
            assert resp.status_code == 503, (route, resp.text)
            assert resp.headers["Content-Type"].startswith("application/json")
            answer = resp.json()
            assert answer["reason"] == "store-unavailable" and str(db_file) in answer["message"], answer
            assert "Retry-After" not in resp.headers  # retrying does not help: someone must act

        whoami = requests.get(f"{api}/whoami", headers=auth, timeout=10)
        assert whoami.status_code == 200, whoami.text
        put = requests.put(f"{api}/storage/object", params={"url": "notes.txt"}, data=b"hi", headers=auth, timeout=10)
        assert put.status_code == 201, put.text
        listing = requests.get(f"{api}/storage", params={"url": "."}, headers=auth, timeout=10)
        assert listing.status_code == 200 and "notes.txt" in [e["name"] for e in listing.json()["entries"]]
        missing = requests.get(f"{api}/no/such/route", headers=auth, timeout=10)
        assert missing.status_code == 404 and missing.json()["reason"] == "ResourceNotFound"
    assert db_file.read_bytes() == damaged  # nothing was written over the damaged file: it may still be rescued


def test_damage_found_while_running_is_a_503(tmp_path):
    db_file = tmp_path / "store.db"
    db = Database(f"sqlite:///{db_file}")
    try:
        db.engine.dispose()  # the next connection reads the file anew
        db_file.write_bytes(b"\0garbage" * 4096)
        with pytest.raises(StoreDamaged) as caught, db.session() as session:
            session.execute(text("SELECT count(*) FROM smstudio_jobs"))
        assert caught.value.status == 503 and caught.value.reason == "store-unavailable"
        assert "damaged" in caught.value.message
    finally:
        db.close()


def test_a_value_the_store_cannot_hold_is_the_requests_fault(fresh_postgres_url):
    """PostgreSQL refuses a value longer than its column (validation should have caught it): a 400."""
    db = Database(fresh_postgres_url)
    try:
        with pytest.raises(BadRequest, match="does not fit"), db.connection() as conn:
            conn.execute(text("CREATE TEMPORARY TABLE narrow (x VARCHAR(3))"))
            conn.execute(text("INSERT INTO narrow VALUES ('abcdef')"))
    finally:
        db.close()


def test_the_message_hides_a_password_and_says_what_to_do():
    err = ConnectionRefusedError("connection refused")
    message = open_failure("postgresql+psycopg://smstudio:s3cret@db.example:5432/studio", err)
    assert "s3cret" not in message and "db.example" in message and "restart the server" in message
