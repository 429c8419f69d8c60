"""live games' attempts have no number: they are not among the attempts a quiz allows the player

Revision ID: 0023_live_attempts_unnumbered
Revises: 0022_board_counts_skip_empty

Until now a game's attempt took number 1, so ending a game failed (UNIQUE(user, quiz, number)) once a
player already had an attempt at the quiz, and a game played first used up the player's first attempt.
The attempts games stored so far are found by what finish.store_attempt copied into them (the player's
join time, the game's end); the other attempts of those players at those quizzes are numbered again.
"""
from alembic import op
import sqlalchemy as sa


revision = "0023_live_attempts_unnumbered"
down_revision = "0022_board_counts_skip_empty"
branch_labels = None
depends_on = None

FROM_A_GAME = """
UPDATE attempts SET number = NULL WHERE EXISTS (
  SELECT 1 FROM live_players JOIN live_games ON live_games.id = live_players.game_id
  WHERE live_players.user_id = attempts.user_id AND live_games.quiz_id = attempts.quiz_id
    AND live_players.joined_at = attempts.started_at AND live_games.ended_at = attempts.finished_at)
"""
# Negative first, so no number is taken twice while the group is numbered again (UNIQUE is checked per row).
SET_ASIDE = """
UPDATE attempts SET number = -number
WHERE number IS NOT NULL AND EXISTS (
  SELECT 1 FROM attempts AS game WHERE game.number IS NULL
    AND game.user_id = attempts.user_id AND game.quiz_id = attempts.quiz_id)
"""
# As 0016 numbered them: how many of the player's numbered attempts at the quiz started before, plus one.
RENUMBER = """
UPDATE attempts SET number = (
  SELECT COUNT(*) FROM attempts AS earlier
  WHERE earlier.user_id = attempts.user_id AND earlier.quiz_id = attempts.quiz_id AND earlier.number IS NOT NULL
    AND (earlier.started_at < attempts.started_at OR (earlier.started_at = attempts.started_at AND earlier.id <= attempts.id)))
WHERE number < 0
"""


def upgrade():
    with op.batch_alter_table("attempts") as batch_op:
        batch_op.alter_column("number", existing_type=sa.Integer(), nullable=True, existing_server_default="1")
    op.execute(FROM_A_GAME)
    op.execute(SET_ASIDE)
    op.execute(RENUMBER)


def downgrade():
    # Each game's attempt takes a number of its own below every other (never 1: it was never ranked).
    op.execute("UPDATE attempts SET number = -id WHERE number IS NULL")
    with op.batch_alter_table("attempts") as batch_op:
        batch_op.alter_column("number", existing_type=sa.Integer(), nullable=False, existing_server_default="1")
