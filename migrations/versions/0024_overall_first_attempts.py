"""the overall board adds up only quizzes that rank the first attempt; a quiz's owner is never ranked on it

Revision ID: 0024_overall_first_attempts
Revises: 0023_live_attempts_unnumbered

Until now the totals summed every standing, also those of teachers' quizzes that rank the best attempt
(every teacher's quiz since 0016): replaying one with the keys read from its feedback until full marks
raised a player's overall total. And a teacher's attempts at their own quiz, whose keys they wrote, were
ranked. attempts.overall (set at the start from now on) marks the ranked attempts that add up on the
overall board; here it is set for the ranked attempts at quizzes that rank the first attempt now. The
owners' attempts become practice and leave their standings; the totals of every player who had a
standing on a best-attempt quiz or on their own quiz are summed again from the standings that count.
The rank counts follow by trigger (0019-0022), in the same transaction.

A quiz whose rule a teacher changed after it was played is taken as it is now. The downgrade drops the
column only: the owners' standings and the replayed points are not put back.
"""
from alembic import op
import sqlalchemy as sa


revision = "0024_overall_first_attempts"
down_revision = "0023_live_attempts_unnumbered"
branch_labels = None
depends_on = None

OWN = "EXISTS (SELECT 1 FROM quizzes WHERE quizzes.id = {table}.quiz_id AND quizzes.owner_id = {table}.user_id)"
OWNERS_PRACTISE = f"UPDATE attempts SET ranked = :no WHERE ranked = :yes AND {OWN.format(table='attempts')}"
OVERALL = ("UPDATE attempts SET overall = :yes WHERE ranked = :yes "
           "AND quiz_id IN (SELECT id FROM quizzes WHERE ranked_attempt = 'first')")
# Before the owners' standings go: those are how their players are found.
DROP_TOTALS = """
DELETE FROM board_totals WHERE user_id IN (
  SELECT standings.user_id FROM standings JOIN quizzes ON quizzes.id = standings.quiz_id
  WHERE quizzes.ranked_attempt <> 'first' OR quizzes.owner_id = standings.user_id)
"""
DROP_OWN_STANDINGS = f"DELETE FROM standings WHERE {OWN.format(table='standings')}"
# Every (player, period) with a counting standing and no total (those just dropped) gets its sum, as the
# finish keeps it: quizzes, points, questions, seconds, the latest finish; hidden and guest as the player's.
SUM_TOTALS = """
INSERT INTO board_totals (user_id, period, quizzes, score, total, accuracy, seconds, finished_at, hidden, guest)
SELECT standings.user_id, standings.period, COUNT(*), SUM(standings.score), SUM(standings.total),
       CASE WHEN SUM(standings.total) > 0 THEN SUM(standings.score) / SUM(standings.total) ELSE 0.0 END,
       SUM(standings.seconds), MAX(standings.finished_at),
       MAX(CASE WHEN standings.hidden THEN 1 ELSE 0 END) = 1, MAX(CASE WHEN standings.guest THEN 1 ELSE 0 END) = 1
FROM standings JOIN quizzes ON quizzes.id = standings.quiz_id
WHERE quizzes.ranked_attempt = 'first' AND NOT EXISTS (
  SELECT 1 FROM board_totals AS kept WHERE kept.user_id = standings.user_id AND kept.period = standings.period)
GROUP BY standings.user_id, standings.period
"""


def upgrade():
    with op.batch_alter_table("attempts") as batch_op:
        batch_op.add_column(sa.Column("overall", sa.Boolean(), nullable=False, server_default=sa.false()))
    flags = {"yes": True, "no": False}
    op.execute(sa.text(OWNERS_PRACTISE).bindparams(**flags))
    op.execute(sa.text(OVERALL).bindparams(yes=True))
    op.execute(DROP_TOTALS)
    op.execute(DROP_OWN_STANDINGS)
    op.execute(SUM_TOTALS)


def downgrade():
    with op.batch_alter_table("attempts") as batch_op:
        batch_op.drop_column("overall")
