"""live games: host-paced games, their frozen questions, players and answers

Revision ID: 0010_live_games
Revises: 0014_password_resets
"""
from alembic import op
import sqlalchemy as sa


revision = "0010_live_games"
down_revision = "0014_password_resets"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "live_games",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pin", sa.String(length=6), nullable=True),
        sa.Column("quiz_id", sa.Integer(), nullable=False),
        sa.Column("host_id", sa.Integer(), nullable=False),
        sa.Column("phase", sa.String(length=12), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("seconds", sa.Integer(), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("question_started_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("ended_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["host_id"], ["users.id"], name="fk_live_games_host_id_users"),
        sa.ForeignKeyConstraint(["quiz_id"], ["quizzes.id"], name="fk_live_games_quiz_id_quizzes"),
        sa.PrimaryKeyConstraint("id", name="pk_live_games"),
        sa.UniqueConstraint("pin", name="uq_live_games_pin"),
    )
    op.create_index("ix_live_games_host_id", "live_games", ["host_id"])
    op.create_index("ix_live_games_quiz_id", "live_games", ["quiz_id"])
    op.create_table(
        "live_players",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("game_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("nickname", sa.String(length=40), nullable=False),
        sa.Column("nickname_key", sa.String(length=40), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("streak", sa.Integer(), nullable=False),
        sa.Column("first_position", sa.Integer(), nullable=False),
        sa.Column("removed", sa.Boolean(), nullable=False),
        sa.Column("joined_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["game_id"], ["live_games.id"], name="fk_live_players_game_id_live_games",
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name="fk_live_players_user_id_users"),
        sa.PrimaryKeyConstraint("id", name="pk_live_players"),
        sa.UniqueConstraint("game_id", "nickname_key", name="uq_live_players_game_id_nickname_key"),
    )
    op.create_index("ix_live_players_game_id", "live_players", ["game_id"])
    op.create_index("ix_live_players_user_id", "live_players", ["user_id"])
    op.create_table(
        "live_questions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("game_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("prompt", sa.Text(), nullable=False),
        sa.Column("choices", sa.JSON(), nullable=False),
        sa.Column("answer", sa.JSON(), nullable=False),
        sa.Column("explanation", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["game_id"], ["live_games.id"], name="fk_live_questions_game_id_live_games",
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["question_id"], ["questions.id"], name="fk_live_questions_question_id_questions"),
        sa.PrimaryKeyConstraint("id", name="pk_live_questions"),
        sa.UniqueConstraint("game_id", "position", name="uq_live_questions_game_id_position"),
    )
    op.create_table(
        "live_answers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("game_id", sa.Integer(), nullable=False),
        sa.Column("player_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("given", sa.JSON(), nullable=False),
        sa.Column("option", sa.Integer(), nullable=True),
        sa.Column("fraction", sa.Float(), nullable=False),
        sa.Column("points", sa.Integer(), nullable=False),
        sa.Column("seconds", sa.Float(), nullable=False),
        sa.Column("answered_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["game_id"], ["live_games.id"], name="fk_live_answers_game_id_live_games",
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["player_id"], ["live_players.id"], name="fk_live_answers_player_id_live_players",
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_live_answers"),
        sa.UniqueConstraint("player_id", "position", name="uq_live_answers_player_id_position"),
    )
    op.create_index("ix_live_answers_game_id_position", "live_answers", ["game_id", "position"])


def downgrade():
    op.drop_table("live_answers")
    op.drop_table("live_questions")
    op.drop_table("live_players")
    op.drop_table("live_games")
