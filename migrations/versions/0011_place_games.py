"""study: games of the card-placement game

Revision ID: 0011_place_games
Revises: 0002_standings, 0003_teaching, 0004_learning
"""
from alembic import op
import sqlalchemy as sa


revision = "0011_place_games"
down_revision = ("0002_standings", "0003_teaching", "0004_learning")
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "place_games",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("timeline_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("deck", sa.JSON(), nullable=False),
        sa.Column("line", sa.JSON(), nullable=False),
        sa.Column("drawn", sa.Integer(), nullable=False),
        sa.Column("lives", sa.Integer(), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("last", sa.JSON(), nullable=True),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name="fk_place_games_user_id_users", ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["timeline_id"], ["timelines.id"], name="fk_place_games_timeline_id_timelines",
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_place_games"),
        sa.UniqueConstraint("user_id", "timeline_id", "day", "number", name="uq_place_games_user_day_number"),
    )
    op.create_index("ix_place_games_board", "place_games", ["timeline_id", "day", "number", "score"], unique=False)


def downgrade():
    op.drop_index("ix_place_games_board", table_name="place_games")
    op.drop_table("place_games")
