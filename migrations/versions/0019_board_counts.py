"""leaderboard rank counts: players per board and ranking value, kept exact by triggers; a guest flag on
standings and totals (kept by a trigger on users.role) so signed-in-only boards read one index

Revision ID: 0019_board_counts
Revises: 0018_live_device
"""
from alembic import op
import sqlalchemy as sa


revision = "0019_board_counts"
down_revision = "0018_live_device"
branch_labels = None
depends_on = None

# The counting rule, in one place for both databases. A visible (not hidden) row of `standings`
# (quiz = its quiz_id) or `board_totals` (quiz = 0) counts once in each of these rows of board_counts:
# (ranking, value, seconds) = ('score', score, 0), ('score_time', score, seconds), ('accuracy', accuracy, 0).
LEVELS = (("score", "score", "0"), ("score_time", "score", "seconds"), ("accuracy", "accuracy", "0"))
SOURCES = (("standings", "quiz_id"), ("board_totals", "0"))
KEY = "quiz_id, period, ranking, guest, value, seconds"
BOARD_INDEXES = {
    "ix_standings_board": ("standings", ["quiz_id", "period", "score DESC", "seconds", "finished_at", "user_id"]),
    "ix_standings_accuracy": ("standings", ["quiz_id", "period", "accuracy DESC", "finished_at", "user_id"]),
    "ix_board_totals_board": ("board_totals", ["period", "score DESC", "seconds", "finished_at", "user_id"]),
    "ix_board_totals_accuracy": ("board_totals", ["period", "accuracy DESC", "finished_at", "user_id"]),
}


def create_board_indexes(flags: list[str]) -> None:
    """The boards' covering indexes, ending with the visibility flags their reads filter on."""
    for name, (table, columns) in BOARD_INDEXES.items():
        op.create_index(name, table, [sa.text(c) if " " in c else c for c in columns] + flags)


def upgrade():
    for table, _quiz in SOURCES:
        with op.batch_alter_table(table) as batch_op:
            batch_op.add_column(sa.Column("guest", sa.Boolean(), nullable=False, server_default=sa.false()))
        op.execute(sa.text(f"UPDATE {table} SET guest = :yes WHERE user_id IN "
                           "(SELECT id FROM users WHERE role = 'guest')").bindparams(yes=True))
    for name, (table, _columns) in BOARD_INDEXES.items():
        op.drop_index(name, table_name=table)
    create_board_indexes(["hidden", "guest"])
    op.create_table(
        "board_counts",
        sa.Column("quiz_id", sa.Integer(), nullable=False),
        sa.Column("period", sa.String(length=12), nullable=False),
        sa.Column("ranking", sa.String(length=10), nullable=False),
        sa.Column("guest", sa.Boolean(), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("seconds", sa.Integer(), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(*KEY.split(", "), name="pk_board_counts"),
        sqlite_with_rowid=False,
    )
    for table, quiz in SOURCES:
        for ranking, value, seconds in LEVELS:
            groups = ", ".join(c for c in (quiz, "period", "guest", value, seconds) if c != "0")  # 0: a constant
            op.execute(sa.text(
                f"INSERT INTO board_counts ({KEY}, n) SELECT {quiz}, period, '{ranking}', guest, {value}, {seconds}, "
                f"COUNT(*) FROM {table} WHERE hidden = :no GROUP BY {groups}"
            ).bindparams(no=False))
    if op.get_bind().dialect.name == "postgresql":
        op.execute(PG_FUNCTIONS)
        for table, quiz in SOURCES:
            op.execute(pg_trigger(table, quiz))
        op.execute(PG_USERS_TRIGGER)
    else:
        for table, quiz in SOURCES:
            for statement in sqlite_triggers(table, quiz):
                op.execute(statement)
        op.execute(SQLITE_USERS_TRIGGER)


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER users_guest ON users")
        op.execute("DROP FUNCTION users_guest()")
        for table, _quiz in SOURCES:
            op.execute(f"DROP TRIGGER {table}_count ON {table}")
            op.execute(f"DROP FUNCTION {table}_count()")
        op.execute("DROP FUNCTION board_count_move(varchar, boolean, integer, varchar, boolean, float8, integer, "
                   "boolean, integer, varchar, boolean, float8, integer)")
        op.execute("DROP FUNCTION board_count_step(integer, varchar, varchar, boolean, float8, integer, integer)")
    else:
        op.execute("DROP TRIGGER users_guest")
        for table, _quiz in SOURCES:
            for event in ("insert", "delete", "update"):
                op.execute(f"DROP TRIGGER {table}_count_{event}")
    op.drop_table("board_counts")
    for name, (table, _columns) in BOARD_INDEXES.items():
        op.drop_index(name, table_name=table)
    create_board_indexes(["hidden"])
    for table, _quiz in SOURCES:
        with op.batch_alter_table(table) as batch_op:
            batch_op.drop_column("guest")


# --- PostgreSQL: one row-level trigger per table, through two small functions ---------------------------

PG_FUNCTIONS = f"""
CREATE FUNCTION board_count_step(q integer, p varchar, r varchar, g boolean, v float8, s integer, d integer)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE remaining integer;
BEGIN
  IF d > 0 THEN
    INSERT INTO board_counts AS c ({KEY}, n) VALUES (q, p, r, g, v, s, 1)
    ON CONFLICT ({KEY}) DO UPDATE SET n = c.n + 1;
  ELSE
    UPDATE board_counts SET n = n - 1
    WHERE quiz_id = q AND period = p AND ranking = r AND guest = g AND value = v AND seconds = s
    RETURNING n INTO remaining;
    IF remaining = 0 THEN
      DELETE FROM board_counts
      WHERE quiz_id = q AND period = p AND ranking = r AND guest = g AND value = v AND seconds = s AND n = 0;
    END IF;
  END IF;
END $$;

-- Move one row's count from its old key to its new one (either may be absent: "on" is false).
-- The two count rows are locked in key order, so two players moving in opposite directions at
-- once (one total's accuracy up, another's down) wait for each other instead of deadlocking.
CREATE FUNCTION board_count_move(r varchar, old_on boolean, oq integer, op varchar, og boolean, ov float8,
                                 os integer, new_on boolean, nq integer, np varchar, ng boolean, nv float8,
                                 ns integer)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF old_on AND new_on AND (oq, op, og, ov, os) = (nq, np, ng, nv, ns) THEN
    RETURN;
  END IF;
  IF new_on AND (NOT old_on OR (nq, np, ng, nv, ns) < (oq, op, og, ov, os)) THEN
    PERFORM board_count_step(nq, np, r, ng, nv, ns, 1);
    new_on := false;
  END IF;
  IF old_on THEN
    PERFORM board_count_step(oq, op, r, og, ov, os, -1);
  END IF;
  IF new_on THEN
    PERFORM board_count_step(nq, np, r, ng, nv, ns, 1);
  END IF;
END $$;
"""


def pg_trigger(table: str, quiz: str) -> str:
    """The trigger that keeps board_counts in step with one table's rows."""
    def side(row: str) -> str:
        q = f"{row}.{quiz}" if quiz != "0" else "0"
        return f"{q}, {row}.period, {row}.guest"

    moves = "\n".join(
        f"  PERFORM board_count_move('{ranking}', old_on, {side('o')}, o.{value}, "
        f"{'o.' + seconds if seconds != '0' else '0'}, new_on, {side('n')}, n.{value}, "
        f"{'n.' + seconds if seconds != '0' else '0'});"
        for ranking, value, seconds in LEVELS)
    return f"""
CREATE FUNCTION {table}_count() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE o {table}%ROWTYPE; n {table}%ROWTYPE; old_on boolean := false; new_on boolean := false;
BEGIN
  IF TG_OP <> 'INSERT' THEN o := OLD; old_on := NOT OLD.hidden; END IF;
  IF TG_OP <> 'DELETE' THEN n := NEW; new_on := NOT NEW.hidden; END IF;
{moves}
  RETURN NULL;
END $$;
CREATE TRIGGER {table}_count AFTER INSERT OR UPDATE OR DELETE ON {table}
FOR EACH ROW EXECUTE FUNCTION {table}_count();
"""


PG_USERS_TRIGGER = """
CREATE FUNCTION users_guest() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE standings SET guest = (NEW.role = 'guest') WHERE user_id = NEW.id;
  UPDATE board_totals SET guest = (NEW.role = 'guest') WHERE user_id = NEW.id;
  RETURN NULL;
END $$;
CREATE TRIGGER users_guest AFTER UPDATE OF role ON users FOR EACH ROW
WHEN ((OLD.role = 'guest') IS DISTINCT FROM (NEW.role = 'guest')) EXECUTE FUNCTION users_guest();
"""


# --- SQLite: three triggers per table; decrementing deletes the count row that reaches zero ----------

def sqlite_count(row: str, quiz: str, step: int) -> list[str]:
    """Statements adding `step` (1 or -1) to the count rows of OLD or NEW, when that row is visible."""
    q = f"{row}.{quiz}" if quiz != "0" else "0"
    statements = []
    for ranking, value, seconds in LEVELS:
        s = f"{row}.{seconds}" if seconds != "0" else "0"
        key = (f"quiz_id = {q} AND period = {row}.period AND ranking = '{ranking}' AND guest = {row}.guest "
               f"AND value = {row}.{value} AND seconds = {s}")
        if step > 0:
            statements.append(
                f"INSERT INTO board_counts ({KEY}, n) SELECT {q}, {row}.period, '{ranking}', {row}.guest, "
                f"{row}.{value}, {s}, 1 WHERE NOT {row}.hidden ON CONFLICT ({KEY}) DO UPDATE SET n = n + 1;")
        else:
            statements.append(f"DELETE FROM board_counts WHERE NOT {row}.hidden AND {key} AND n = 1;")
            statements.append(f"UPDATE board_counts SET n = n - 1 WHERE NOT {row}.hidden AND {key};")
    return statements


def sqlite_triggers(table: str, quiz: str) -> list[str]:
    """Insert, delete and update triggers of one table (updates only when a counted column changed)."""
    columns = ["period", "hidden", "guest", "score", "seconds", "accuracy"] + ([quiz] if quiz != "0" else [])
    changed = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in columns)
    body = {"insert": sqlite_count("NEW", quiz, 1), "delete": sqlite_count("OLD", quiz, -1),
            "update": sqlite_count("OLD", quiz, -1) + sqlite_count("NEW", quiz, 1)}
    return [f"CREATE TRIGGER {table}_count_{event} AFTER {event.upper()}"
            f"{' OF ' + ', '.join(columns) if event == 'update' else ''} ON {table} FOR EACH ROW"
            f"{' WHEN ' + changed if event == 'update' else ''}\nBEGIN\n" + "\n".join(statements) + "\nEND"
            for event, statements in body.items()]


SQLITE_USERS_TRIGGER = """
CREATE TRIGGER users_guest AFTER UPDATE OF role ON users FOR EACH ROW
WHEN (OLD.role = 'guest') IS NOT (NEW.role = 'guest')
BEGIN
  UPDATE standings SET guest = (NEW.role = 'guest') WHERE user_id = NEW.id;
  UPDATE board_totals SET guest = (NEW.role = 'guest') WHERE user_id = NEW.id;
END
"""
