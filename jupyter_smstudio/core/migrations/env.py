"""Alembic environment: runs on the connection the caller hands over (see core/db.py)."""

from alembic import context
from sqlalchemy import create_engine
from sqlalchemy.exc import ArgumentError

from jupyter_smstudio.core.orm import Base
from jupyter_smstudio.studio import import_orm

import_orm()  # every room's tables on the one metadata
config = context.config
target_metadata = Base.metadata


def run() -> None:
    conn = config.attributes.get("connection")
    if conn is not None:
        context.configure(
            connection=conn, target_metadata=target_metadata, render_as_batch=conn.dialect.name == "sqlite"
        )
        with context.begin_transaction():
            context.run_migrations()
        return
    url = config.get_main_option("sqlalchemy.url")
    if url is None:  # core/db.py always sets it; the same error create_engine(None) raised, said plainly
        raise ArgumentError("no connection handed over and no sqlalchemy.url set")
    engine = create_engine(url)
    with engine.begin() as c:
        context.configure(connection=c, target_metadata=target_metadata, render_as_batch=c.dialect.name == "sqlite")
        with context.begin_transaction():
            context.run_migrations()


run()
