"""Smoke tests for the real services in tests/services.py (no mocks)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests import services

# Registers the fixtures even without tests/conftest.py (a no-op when conftest already loads it).
pytest_plugins = ["tests.plugin_services"]
pytestmark = pytest.mark.services


# ----------------------------------------------------------------------------- PostgreSQL


def test_postgres_roundtrip(postgres_url):
    import sqlalchemy as sa

    assert postgres_url.startswith("postgresql+psycopg://postgres@127.0.0.1:")
    assert postgres_url.endswith("/smstudio_test")
    engine = sa.create_engine(postgres_url)
    try:
        with engine.begin() as conn:
            conn.execute(sa.text("CREATE TABLE smoke (id serial PRIMARY KEY, name text NOT NULL)"))
            conn.execute(sa.text("INSERT INTO smoke (name) VALUES (:a), (:b)"), {"a": "alpha", "b": "beta"})
        with engine.connect() as conn:
            rows = conn.execute(sa.text("SELECT name FROM smoke ORDER BY id")).scalars().all()
            assert rows == ["alpha", "beta"]
            assert conn.execute(sa.text("SELECT current_database()")).scalar() == "smstudio_test"
            version = conn.execute(sa.text("SHOW server_version")).scalar()
            assert version.startswith("15")
        with engine.begin() as conn:
            conn.execute(sa.text("DROP TABLE smoke"))
    finally:
        engine.dispose()


@pytest.fixture
def late_closer():
    """Connections closed only after the fixtures set up later (fresh_postgres_url) are torn down."""
    conns = []
    yield conns
    for c in conns:
        c.close()


def test_fresh_postgres_db_is_empty_and_separate(late_closer, fresh_postgres_url, postgres_url):
    import psycopg
    import sqlalchemy as sa
    from sqlalchemy.engine import make_url

    assert fresh_postgres_url != postgres_url
    engine = sa.create_engine(fresh_postgres_url)
    try:
        assert sa.inspect(engine).get_table_names() == []
        with engine.begin() as conn:
            conn.execute(sa.text("CREATE TABLE t (x int)"))
            conn.execute(sa.text("INSERT INTO t VALUES (1)"))
    finally:
        engine.dispose()
    # Left open on purpose: the fixture must drop the database despite this connection.
    u = make_url(fresh_postgres_url)
    raw = psycopg.connect(host=u.host, port=u.port, user=u.username, dbname=u.database)
    late_closer.append(raw)
    assert raw.execute("SELECT count(*) FROM t").fetchone()[0] == 1


# ----------------------------------------------------------------------------- S3 (SeaweedFS)


def _fs(cfg, secret=None, **kw):
    import s3fs

    return s3fs.S3FileSystem(
        key=cfg["key"],
        secret=secret if secret is not None else cfg["secret"],
        client_kwargs={"endpoint_url": cfg["endpoint_url"], "region_name": "us-east-1"},
        skip_instance_cache=True,
        use_listings_cache=False,
        **kw,
    )


def test_s3_put_get_list(s3_config, tmp_path):
    fs = _fs(s3_config)
    bucket = s3_config["bucket"]
    src = tmp_path / "hello.txt"
    src.write_text("hello smstudio\n")
    fs.put(str(src), f"{bucket}/smoke/hello.txt")
    fs.pipe(f"{bucket}/smoke/sub/data.bin", b"\x00\x01\x02")
    assert fs.cat(f"{bucket}/smoke/hello.txt") == b"hello smstudio\n"
    dst = tmp_path / "back.txt"
    fs.get(f"{bucket}/smoke/hello.txt", str(dst))
    assert dst.read_text() == "hello smstudio\n"
    assert sorted(fs.find(f"{bucket}/smoke")) == [
        f"{bucket}/smoke/hello.txt",
        f"{bucket}/smoke/sub/data.bin",
    ]
    assert f"{bucket}/smoke/sub" in fs.ls(f"{bucket}/smoke", detail=False)
    fs.rm(f"{bucket}/smoke", recursive=True)
    assert not fs.exists(f"{bucket}/smoke/hello.txt")


def test_s3_multipart_upload_12mb(s3_config):
    fs = _fs(s3_config)
    path = f"{s3_config['bucket']}/smoke/big.bin"
    payload = os.urandom(12 * 1024 * 1024)
    # 5 MiB blocks: s3fs sends three parts through CreateMultipartUpload/UploadPart/Complete.
    with fs.open(path, "wb", block_size=5 * 1024 * 1024) as f:
        for i in range(0, len(payload), 1024 * 1024):
            f.write(payload[i : i + 1024 * 1024])
    info = fs.info(path)
    assert info["size"] == len(payload)
    assert info["ETag"].strip('"').endswith("-3"), info["ETag"]  # multipart ETag: <md5>-<parts>
    assert fs.cat(path) == payload
    fs.rm(path)


def test_s3_wrong_secret_is_refused(s3_config):
    good = _fs(s3_config)
    good.pipe(f"{s3_config['bucket']}/smoke/secret.txt", b"x")
    bad = _fs(s3_config, secret="not-the-secret")
    with pytest.raises(PermissionError):
        bad.ls(s3_config["bucket"])
    with pytest.raises(PermissionError):
        bad.cat(f"{s3_config['bucket']}/smoke/secret.txt")
    with pytest.raises(PermissionError):
        bad.pipe(f"{s3_config['bucket']}/smoke/evil.txt", b"y")
    anon = _fs(s3_config, secret="", anon=True)
    with pytest.raises(PermissionError):
        anon.cat(f"{s3_config['bucket']}/smoke/secret.txt")
    assert not good.exists(f"{s3_config['bucket']}/smoke/evil.txt")
    good.rm(f"{s3_config['bucket']}/smoke/secret.txt")


def test_fresh_s3_bucket_is_empty(fresh_s3_config, s3_config):
    assert fresh_s3_config["bucket"] != s3_config["bucket"]
    fs = _fs(fresh_s3_config)
    assert fs.ls(fresh_s3_config["bucket"]) == []
    fs.pipe(f"{fresh_s3_config['bucket']}/a.txt", b"a")


# ----------------------------------------------------------------------------- Dask


def test_dask_two_worker_processes(dask_address):
    from distributed import Client

    assert dask_address.startswith("tcp://127.0.0.1:")
    with Client(dask_address, set_as_default=False, timeout=30) as client:
        pids = client.run(os.getpid)
        assert len(pids) == 2
        assert len(set(pids.values())) == 2
        assert os.getpid() not in pids.values()
        results = {}
        for worker in pids:
            fut = client.submit(lambda x: (os.getpid(), x * x), 7, workers=[worker], pure=False)
            results[worker] = fut.result(timeout=30)
        for worker, (pid, value) in results.items():
            assert value == 49
            assert pid == pids[worker]
        total = client.submit(sum, client.map(lambda x: x + 1, range(10)), pure=False).result(timeout=30)
        assert total == 55


def test_dask_worker_imports_project_package(dask_address):
    from distributed import Client

    def where():
        import jupyter_smstudio

        return str(Path(jupyter_smstudio.__file__).resolve().parent)

    with Client(dask_address, set_as_default=False, timeout=30) as client:
        locations = client.run(where)
    assert len(locations) == 2
    assert set(locations.values()) == {str(services.REPO_ROOT / "jupyter_smstudio")}
