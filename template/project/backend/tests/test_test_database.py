"""The tests' own database: each test finds the schema and no row, whatever the
tests before it wrote or created; a database asked at a revision is at it."""

from sqlalchemy import func, inspect, select, text

from app.core.roles import Role
from app.db.base import Base
from app.models.identity import Membership, Organization
from tests.helpers import (
    add_member,
    current_revision,
    make_organization,
    reset_database,
    script_directory,
)


async def test_a_test_finds_neither_the_rows_nor_the_tables_of_another(engine, session):
    # A membership refers to its organization: emptied first where foreign keys are checked.
    await add_member(session, await make_organization(session, "Left behind"), Role.VIEWER)
    async with engine.begin() as connection:
        await connection.execute(text("CREATE TABLE scratch_left_behind (id INTEGER)"))
    await session.close()

    await reset_database(engine, Base.metadata)

    async with engine.connect() as connection:
        organizations = await connection.scalar(select(func.count()).select_from(Organization))
        memberships = await connection.scalar(select(func.count()).select_from(Membership))
        names = await connection.run_sync(lambda sync: set(inspect(sync).get_table_names()))
    assert organizations == memberships == 0
    assert "scratch_left_behind" not in names
    assert set(Base.metadata.tables) <= names


def test_a_database_asked_at_a_revision_is_at_it(database_at):
    history = list(script_directory().walk_revisions())
    first, head = history[-1].revision, history[0].revision

    assert current_revision(database_at(None)) is None
    assert current_revision(database_at(first)) == first
    assert current_revision(database_at("head")) == head
