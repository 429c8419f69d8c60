"""daily challenge: one attempt per player and day, enforced by the database

Revision ID: 0012_daily_unique
Revises: 0011_place_games
"""
from datetime import date

from alembic import op
import sqlalchemy as sa


revision = "0012_daily_unique"
down_revision = "0011_place_games"
branch_labels = None
depends_on = None

DAILY_PREFIX = "daily-"


def backfill_daily_days() -> None:
    """Date each player's first attempt at each past daily challenge; later duplicates stay undated."""
    bind = op.get_bind()
    rows = bind.execute(sa.text(
        "SELECT a.id, a.user_id, q.slug FROM attempts a JOIN quizzes q ON q.id = a.quiz_id "
        "WHERE q.slug LIKE 'daily-%' ORDER BY a.id")).all()
    seen = set()
    for attempt_id, user_id, slug in rows:
        try:
            day = date.fromisoformat(slug.removeprefix(DAILY_PREFIX))
        except ValueError:
            continue
        if (user_id, day) not in seen:
            seen.add((user_id, day))
            bind.execute(sa.text("UPDATE attempts SET daily_on = :day WHERE id = :id"), {"day": day, "id": attempt_id})


def upgrade():
    with op.batch_alter_table("attempts") as batch:
        batch.add_column(sa.Column("daily_on", sa.Date(), nullable=True))
    backfill_daily_days()
    with op.batch_alter_table("attempts") as batch:
        batch.create_unique_constraint("uq_attempts_user_id_daily_on", ["user_id", "daily_on"])


def downgrade():
    with op.batch_alter_table("attempts") as batch:
        batch.drop_constraint("uq_attempts_user_id_daily_on", type_="unique")
        batch.drop_column("daily_on")
