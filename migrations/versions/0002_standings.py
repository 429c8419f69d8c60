"""leaderboard standings and per-player totals

Revision ID: 0002_standings
Revises: 0001
"""
from alembic import op
import sqlalchemy as sa


revision = "0002_standings"
down_revision = "0001"
branch_labels = None
depends_on = None


def ranked_columns() -> list[sa.Column]:
    """The columns both boards rank by (score, time, accuracy, finish time, privacy)."""
    return [sa.Column("score", sa.Float(), nullable=False), sa.Column("total", sa.Integer(), nullable=False),
            sa.Column("accuracy", sa.Float(), nullable=False), sa.Column("seconds", sa.Integer(), nullable=False),
            sa.Column("finished_at", sa.DateTime(), nullable=False), sa.Column("hidden", sa.Boolean(), nullable=False)]


def upgrade():
    op.create_table(
        "standings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("quiz_id", sa.Integer(), nullable=False),
        sa.Column("period", sa.String(length=12), nullable=False),
        sa.Column("attempt_id", sa.Integer(), nullable=False),
        *ranked_columns(),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name="fk_standings_user_id_users", ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["quiz_id"], ["quizzes.id"], name="fk_standings_quiz_id_quizzes", ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["attempt_id"], ["attempts.id"], name="fk_standings_attempt_id_attempts",
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_standings"),
        sa.UniqueConstraint("user_id", "quiz_id", "period", name="uq_standings_user_id_quiz_id_period"),
    )
    op.create_index("ix_standings_attempt_id", "standings", ["attempt_id"])
    op.create_index("ix_standings_board", "standings", ["quiz_id", "period", sa.text("score DESC"), "seconds",
                                                        "finished_at", "user_id", "hidden"])
    op.create_index("ix_standings_accuracy", "standings", ["quiz_id", "period", sa.text("accuracy DESC"),
                                                           "finished_at", "user_id", "hidden"])
    op.create_table(
        "board_totals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("period", sa.String(length=12), nullable=False),
        sa.Column("quizzes", sa.Integer(), nullable=False),
        *ranked_columns(),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name="fk_board_totals_user_id_users", ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_board_totals"),
        sa.UniqueConstraint("user_id", "period", name="uq_board_totals_user_id_period"),
    )
    op.create_index("ix_board_totals_board", "board_totals", ["period", sa.text("score DESC"), "seconds",
                                                              "finished_at", "user_id", "hidden"])
    op.create_index("ix_board_totals_accuracy", "board_totals", ["period", sa.text("accuracy DESC"),
                                                                 "finished_at", "user_id", "hidden"])


def downgrade():
    op.drop_table("board_totals")
    op.drop_table("standings")
