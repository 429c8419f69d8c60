"""era quizzes ask about the events that start in their era (rule "by_start"), as new imports make them

Revision ID: 0025_era_rules_by_start
Revises: 0024_overall_first_attempts

Eras are cut by the events' start years, but the era quizzes stored so far wanted each event to end
within the era too, so an event running past its era's end (a range, a century) was in no era quiz, and
an era of such events listed a quiz that refused every Start. A standard era quiz is the one rule of
exactly these three keys on a quiz nobody owns (services.catalog.default_quizzes). The bundled
timeline's events each lie within a year, so its quizzes ask what they asked before.
"""
from alembic import op
import sqlalchemy as sa


revision = "0025_era_rules_by_start"
down_revision = "0024_overall_first_attempts"
branch_labels = None
depends_on = None

ERA_KEYS = {"per_event", "year_from", "year_to"}
quizzes = sa.table("quizzes", sa.column("id", sa.Integer), sa.column("owner_id", sa.Integer),
                   sa.column("rule", sa.JSON))


def set_by_start(present: bool) -> None:
    """Add (or take back) "by_start" on every standard era quiz's rule."""
    connection = op.get_bind()
    was = ERA_KEYS if present else ERA_KEYS | {"by_start"}
    for quiz_id, rule in connection.execute(sa.select(quizzes.c.id, quizzes.c.rule)
                                            .where(quizzes.c.owner_id.is_(None))).all():
        if isinstance(rule, dict) and set(rule) == was:
            changed = {**rule, "by_start": True} if present else {k: v for k, v in rule.items() if k != "by_start"}
            connection.execute(sa.update(quizzes).where(quizzes.c.id == quiz_id).values(rule=changed))


def upgrade():
    set_by_start(True)


def downgrade():
    set_by_start(False)
