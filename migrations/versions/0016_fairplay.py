"""Fair play: attempts allowed, ranked attempts, reveal policy, signed-in-only boards, timeline owners,
and a slug namespace for practice and daily quizzes that no import can claim.

Revision ID: 0016_fairplay
Revises: 0015_import_jobs
"""
from alembic import op
import sqlalchemy as sa


revision = "0016_fairplay"
down_revision = "0015_import_jobs"
branch_labels = None
depends_on = None

# An attempt's number: how many of the player's attempts at the quiz started before it, plus one.
NUMBER = """
UPDATE attempts SET number = (
  SELECT COUNT(*) FROM attempts AS earlier
  WHERE earlier.user_id = attempts.user_id AND earlier.quiz_id = attempts.quiz_id
    AND (earlier.started_at < attempts.started_at OR (earlier.started_at = attempts.started_at AND earlier.id <= attempts.id)))
"""


def upgrade():
    with op.batch_alter_table("quizzes") as batch_op:
        batch_op.add_column(sa.Column("attempts_allowed", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("ranked_attempt", sa.String(8), nullable=False, server_default="first"))
        batch_op.add_column(sa.Column("reveal", sa.String(12), nullable=False, server_default="at_end"))
        batch_op.add_column(sa.Column("reveal_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("board_signed_in_only", sa.Boolean(), nullable=False,
                                      server_default=sa.true()))
    # Teachers' quizzes keep how they played so far; practice and daily sessions teach by showing keys.
    op.execute("UPDATE quizzes SET ranked_attempt = 'best', reveal = 'after_each' WHERE owner_id IS NOT NULL")
    op.execute(sa.text("UPDATE quizzes SET board_signed_in_only = :no WHERE owner_id IS NOT NULL")
               .bindparams(no=False))
    op.execute(sa.text("UPDATE quizzes SET reveal = 'after_each', slug = '_' || slug "
                       "WHERE owner_id IS NULL AND published = :no AND (slug = 'practice' OR slug LIKE 'daily-____-__-__')")
               .bindparams(no=False))
    with op.batch_alter_table("attempts") as batch_op:
        batch_op.add_column(sa.Column("number", sa.Integer(), nullable=False, server_default="1"))
        batch_op.add_column(sa.Column("ranked", sa.Boolean(), nullable=False, server_default=sa.false()))
    op.execute(NUMBER)
    # Until now every finished attempt at a published quiz counted.
    op.execute(sa.text("UPDATE attempts SET ranked = :yes WHERE quiz_id IN (SELECT id FROM quizzes WHERE published = :yes)")
               .bindparams(yes=True))
    with op.batch_alter_table("attempts") as batch_op:
        batch_op.create_unique_constraint("uq_attempts_user_id_quiz_id_number", ["user_id", "quiz_id", "number"])
    with op.batch_alter_table("timelines") as batch_op:
        batch_op.add_column(sa.Column("owner_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key("fk_timelines_owner_id_users", "users", ["owner_id"], ["id"], ondelete="SET NULL")
        batch_op.create_index("ix_timelines_owner_id", ["owner_id"], unique=False)


def downgrade():
    with op.batch_alter_table("timelines") as batch_op:
        batch_op.drop_index("ix_timelines_owner_id")
        batch_op.drop_constraint("fk_timelines_owner_id_users", type_="foreignkey")
        batch_op.drop_column("owner_id")
    with op.batch_alter_table("attempts") as batch_op:
        batch_op.drop_constraint("uq_attempts_user_id_quiz_id_number", type_="unique")
        batch_op.drop_column("ranked")
        batch_op.drop_column("number")
    op.execute("UPDATE quizzes SET slug = substr(slug, 2) WHERE slug LIKE '\\_%' ESCAPE '\\'")
    with op.batch_alter_table("quizzes") as batch_op:
        for column in ("board_signed_in_only", "reveal_at", "reveal", "ranked_attempt", "attempts_allowed"):
            batch_op.drop_column(column)
