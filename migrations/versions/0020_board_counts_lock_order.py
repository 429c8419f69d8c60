"""leaderboard rank counts: a guest's sign-up moves their standings in the order finishes write them

Revision ID: 0020_board_counts_lock_order
Revises: 0019_board_counts
"""
from alembic import op


revision = "0020_board_counts_lock_order"
down_revision = "0019_board_counts"
branch_labels = None
depends_on = None

# PostgreSQL only (SQLite runs one writer at a time). Each moved row locks count rows until commit; a
# finish writes a quiz's week, month and all-time rows, then the totals in the same period order
# (period DESC), so a sign-up moving the player's rows in that same order waits for a racing finish
# (or makes it wait) instead of the two locking rows in opposite orders and deadlocking.
ORDERED = """
CREATE OR REPLACE FUNCTION users_guest() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE row_id integer;
BEGIN
  FOR row_id IN SELECT id FROM standings WHERE user_id = NEW.id ORDER BY quiz_id, period DESC LOOP
    UPDATE standings SET guest = (NEW.role = 'guest') WHERE id = row_id;
  END LOOP;
  FOR row_id IN SELECT id FROM board_totals WHERE user_id = NEW.id ORDER BY period DESC LOOP
    UPDATE board_totals SET guest = (NEW.role = 'guest') WHERE id = row_id;
  END LOOP;
  RETURN NULL;
END $$;
"""

UNORDERED = """
CREATE OR REPLACE FUNCTION users_guest() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE standings SET guest = (NEW.role = 'guest') WHERE user_id = NEW.id;
  UPDATE board_totals SET guest = (NEW.role = 'guest') WHERE user_id = NEW.id;
  RETURN NULL;
END $$;
"""


def upgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute(ORDERED)


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute(UNORDERED)
