"""leaderboard rank counts on PostgreSQL: one trigger run per statement, not per row

Revision ID: 0021_board_counts_per_statement
Revises: 0020_board_counts_lock_order

Row triggers upserted a count row once per changed standing: inside one transaction a count row
changed N times leaves N row versions that every later upsert of it walks (nothing can prune them
before commit), so a bulk load or a large cascade was quadratic. A statement trigger reads the
statement's transition tables, sums the changes per count row, and applies each sum once, in key
order (so two transactions lock their count rows in the same order and never deadlock). SQLite keeps
its row triggers: it updates in place and runs one writer at a time.
"""
from alembic import op


revision = "0021_board_counts_per_statement"
down_revision = "0020_board_counts_lock_order"
branch_labels = None
depends_on = None

KEY = "quiz_id, period, ranking, guest, value, seconds"
SOURCES = (("standings", "quiz_id"), ("board_totals", "0"))
LEVELS = (("score", "score", "0"), ("score_time", "score", "seconds"), ("accuracy", "accuracy", "0"))


def counted(rows: str, quiz: str, sign: str) -> str:
    """The count rows (key and +1/-1) of every visible row of a transition table."""
    return "\n    UNION ALL ".join(
        f"SELECT {quiz}, period, '{ranking}', guest, {value}, {seconds}, {sign}1 FROM {rows} WHERE NOT hidden"
        for ranking, value, seconds in LEVELS)


def function(table: str, quiz: str) -> str:
    """The statement trigger function of one table."""
    def apply(parts: str) -> str:
        return f"""
    INSERT INTO board_counts AS c ({KEY}, n)
    SELECT {KEY}, SUM(d) FROM ({parts}) AS moved ({KEY}, d)
    GROUP BY {KEY} HAVING SUM(d) <> 0 ORDER BY {KEY}
    ON CONFLICT ({KEY}) DO UPDATE SET n = c.n + EXCLUDED.n;"""

    moved = f"{counted('old_rows', quiz, '-')} UNION ALL {counted('new_rows', quiz, '+')}"
    tidy = f"""
    DELETE FROM board_counts AS c USING ({counted('old_rows', quiz, '-')}) AS gone ({KEY}, d)
    WHERE c.n = 0 AND (c.quiz_id, c.period, c.ranking, c.guest, c.value, c.seconds)
                    = (gone.quiz_id, gone.period, gone.ranking, gone.guest, gone.value, gone.seconds);"""
    return f"""
CREATE FUNCTION {table}_counts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN{apply(counted('new_rows', quiz, '+'))}
  ELSIF TG_OP = 'UPDATE' THEN{apply(moved)}{tidy}
  ELSE{apply(counted('old_rows', quiz, '-'))}{tidy}
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER {table}_counts_insert AFTER INSERT ON {table}
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION {table}_counts();
CREATE TRIGGER {table}_counts_update AFTER UPDATE ON {table}
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION {table}_counts();
CREATE TRIGGER {table}_counts_delete AFTER DELETE ON {table}
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION {table}_counts();
"""


def upgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    for table, quiz in SOURCES:
        op.execute(f"DROP TRIGGER {table}_count ON {table}")
        op.execute(f"DROP FUNCTION {table}_count()")
        op.execute(function(table, quiz))
    # One UPDATE per table again (0020's loop ordered rows by hand): the statement trigger orders the counts.
    op.execute(revision_module("0020_board_counts_lock_order").UNORDERED)


def downgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    row_triggers, ordered = revision_module("0019_board_counts"), revision_module("0020_board_counts_lock_order")
    for table, quiz in SOURCES:
        for event in ("insert", "update", "delete"):
            op.execute(f"DROP TRIGGER {table}_counts_{event} ON {table}")
        op.execute(f"DROP FUNCTION {table}_counts()")
        op.execute(row_triggers.pg_trigger(table, quiz))
    op.execute(ordered.ORDERED)


def revision_module(name: str):
    """An earlier revision's module, for the SQL it wrote (revisions are files, not an importable package)."""
    import importlib.util
    from pathlib import Path

    spec = importlib.util.spec_from_file_location(name, Path(__file__).with_name(f"{name}.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
