"""Alembic environment of the district server; the connection comes from app.server.migrate."""

from alembic import context
from sqlalchemy import create_engine

from app.server.migrate import VERSION_TABLE
from app.server.tables import ServerModel

config = context.config
target_metadata = ServerModel.metadata


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        version_table=VERSION_TABLE,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = create_engine(config.get_main_option("sqlalchemy.url"))
    with engine.begin() as conn:
        _run(conn)


run_migrations_online()
