"""Alembic environment: the portal's tables and its configured database."""

from alembic import context
from sqlmodel import SQLModel

import portal.models  # noqa: F401 - registers the tables on SQLModel.metadata
from portal.core.db import engine

target_metadata = SQLModel.metadata


def run_migrations_offline() -> None:
    context.configure(url=str(engine().url), target_metadata=target_metadata, literal_binds=True,
                      render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connectable = context.config.attributes.get("connection")
    if connectable is not None:
        _run(connectable)
        return
    with engine().connect() as connection:
        _run(connection)


def _run(connection) -> None:
    # render_as_batch: SQLite can only ALTER tables by copying them; batch mode does that.
    context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
