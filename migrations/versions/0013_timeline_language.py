"""Timelines keep their language and description; events store day numbers so BC dates, decades
and centuries fit (a SQL DATE cannot hold year 0 or BC years).

Revision ID: 0013_timeline_language
Revises: 0012_daily_unique
"""
from datetime import date

import sqlalchemy as sa
from alembic import op

revision = "0013_timeline_language"
down_revision = "0012_daily_unique"
branch_labels = None
depends_on = None

timelines = sa.table(
    "timelines", sa.column("id", sa.Integer), sa.column("source_text", sa.Text),
    sa.column("language", sa.String), sa.column("description", sa.Text),
)
events = sa.table(
    "events", sa.column("id", sa.Integer), sa.column("start_on", sa.Date), sa.column("end_on", sa.Date),
    sa.column("start_day", sa.Integer), sa.column("end_day", sa.Integer),
)


def upgrade():
    with op.batch_alter_table("timelines") as batch:
        batch.add_column(sa.Column("language", sa.String(length=16), nullable=False, server_default="zh-Hans"))
        batch.add_column(sa.Column("description", sa.Text(), nullable=False, server_default=""))
    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("start_day", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("end_day", sa.Integer(), nullable=True))
        batch.alter_column("precision", type_=sa.String(length=12), existing_type=sa.String(length=8))
        batch.alter_column("date_label", type_=sa.String(length=60), existing_type=sa.String(length=40))
    conn = op.get_bind()
    for row in conn.execute(sa.select(timelines.c.id, timelines.c.source_text)).all():
        conn.execute(timelines.update().where(timelines.c.id == row.id).values(**_about(row.source_text)))
    # Existing events are all AD dates: their day number is date.toordinal().
    for row in conn.execute(sa.select(events.c.id, events.c.start_on, events.c.end_on)).all():
        conn.execute(events.update().where(events.c.id == row.id).values(
            start_day=_day(row.start_on), end_day=_day(row.end_on)))
    with op.batch_alter_table("events") as batch:
        batch.alter_column("start_day", existing_type=sa.Integer(), nullable=False)
        batch.alter_column("end_day", existing_type=sa.Integer(), nullable=False)
        batch.drop_column("start_on")
        batch.drop_column("end_on")


def downgrade():
    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("start_on", sa.Date(), nullable=True))
        batch.add_column(sa.Column("end_on", sa.Date(), nullable=True))
    conn = op.get_bind()
    # A BC event has no SQL DATE: it gets 0001-01-01, the earliest one there is.
    for row in conn.execute(sa.select(events.c.id, events.c.start_day, events.c.end_day)).all():
        conn.execute(events.update().where(events.c.id == row.id).values(
            start_on=date.fromordinal(max(1, row.start_day)), end_on=date.fromordinal(max(1, row.end_day))))
    with op.batch_alter_table("events") as batch:
        batch.alter_column("start_on", existing_type=sa.Date(), nullable=False)
        batch.alter_column("end_on", existing_type=sa.Date(), nullable=False)
        batch.drop_column("start_day")
        batch.drop_column("end_day")
        batch.alter_column("precision", type_=sa.String(length=8), existing_type=sa.String(length=12))
        batch.alter_column("date_label", type_=sa.String(length=40), existing_type=sa.String(length=60))
    with op.batch_alter_table("timelines") as batch:
        batch.drop_column("description")
        batch.drop_column("language")


def _day(value):
    """Day number of a stored date (SQLite may hand back an ISO string)."""
    if isinstance(value, str):
        value = date.fromisoformat(value[:10])
    return value.toordinal()


def _about(text):
    """Language and description of a stored timeline's text (Traditional ones were accepted before)."""
    from quiz.generator import TimelineError, read_timeline

    try:
        parsed = read_timeline(text or "")
    except TimelineError:
        return {"language": "zh-Hans", "description": ""}
    about = "\n".join(part for part in (parsed.title, parsed.description) if part)
    return {"language": parsed.language, "description": about}
