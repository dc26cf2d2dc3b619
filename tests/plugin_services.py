"""pytest plugin: real PostgreSQL, S3 (SeaweedFS) and Dask for the tests.

Register it from ``tests/conftest.py`` with::

    pytest_plugins = ["tests.plugin_services"]

Session-scoped services start lazily, the first time a test asks for them, and
stop at the end of the session:

* ``postgres_url``       -> ``postgresql+psycopg://postgres@127.0.0.1:<port>/smstudio_test``
* ``fresh_postgres_url`` -> URL of a new, empty database on that server (per test, dropped after)
* ``s3_config``          -> ``{"endpoint_url", "key", "secret", "bucket"}`` (bucket exists)
* ``fresh_s3_config``    -> same server, a new empty bucket per test (removed after)
* ``dask_address``       -> ``tcp://127.0.0.1:<port>`` of a scheduler with 2 worker processes
"""

from __future__ import annotations

import contextlib
import uuid

import pytest

from tests import services


@pytest.fixture(scope="session")
def postgres_url():
    """SQLAlchemy URL of the ``smstudio_test`` database on a throw-away PostgreSQL 15."""
    with services.postgres_server() as url:
        yield url


@pytest.fixture
def fresh_postgres_url(postgres_url):
    """A new empty database on the session's server for this test; dropped afterwards."""
    name = f"smstudio_t_{uuid.uuid4().hex[:16]}"
    url = services.create_database(postgres_url, name)
    try:
        yield url
    finally:
        services.drop_database(postgres_url, name)


@pytest.fixture(scope="session")
def s3_config():
    """S3 connection info for a SeaweedFS server with one bucket created."""
    with services.seaweedfs_server() as cfg:
        yield cfg


@pytest.fixture
def fresh_s3_config(s3_config):
    """``s3_config`` with a new empty bucket for this test; the bucket is removed after."""
    import s3fs

    bucket = f"smstudio-t-{uuid.uuid4().hex[:12]}"
    fs = s3fs.S3FileSystem(
        key=s3_config["key"],
        secret=s3_config["secret"],
        client_kwargs={"endpoint_url": s3_config["endpoint_url"], "region_name": "us-east-1"},
        skip_instance_cache=True,
        use_listings_cache=False,
    )
    fs.mkdir(bucket)
    try:
        yield dict(s3_config, bucket=bucket)
    finally:
        with contextlib.suppress(Exception):
            fs.rm(bucket, recursive=True)
        with contextlib.suppress(Exception):
            fs.rmdir(bucket)


@pytest.fixture(scope="session")
def dask_address():
    """Address of a real Dask scheduler process with 2 nanny-managed worker processes."""
    with services.dask_cluster(n_workers=2) as addr:
        yield addr
