"""leaderboard rank counts on PostgreSQL: a statement trigger with no rows to count returns at once

Revision ID: 0022_board_counts_skip_empty
Revises: 0021_board_counts_per_statement

An INSERT ... ON CONFLICT DO UPDATE fires both the INSERT and the UPDATE statement triggers, one of
them with an empty transition table (a finish's upserts: four of the eight runs); they ran their
aggregate, upsert and tidy queries for nothing.
"""
import importlib.util
from pathlib import Path

from alembic import op


revision = "0022_board_counts_skip_empty"
down_revision = "0021_board_counts_per_statement"
branch_labels = None
depends_on = None

START = "BEGIN\n  IF TG_OP = 'INSERT' THEN"
SKIP = """BEGIN
  IF TG_OP = 'DELETE' THEN
    IF NOT EXISTS (SELECT FROM old_rows) THEN
      RETURN NULL;
    END IF;
  ELSIF NOT EXISTS (SELECT FROM new_rows) THEN  -- a separate statement: old_rows exists only for some events
    RETURN NULL;
  END IF;
  IF TG_OP = 'INSERT' THEN"""


def functions(skip: bool) -> list[str]:
    """0021's trigger functions (not their triggers), replaced in place, with or without the early return."""
    path = Path(__file__).with_name("0021_board_counts_per_statement.py")
    spec = importlib.util.spec_from_file_location("prior", path)
    prior = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(prior)
    made = []
    for table, quiz in prior.SOURCES:
        text = prior.function(table, quiz)
        text = text[:text.index("CREATE TRIGGER")].replace("CREATE FUNCTION", "CREATE OR REPLACE FUNCTION")
        assert START in text
        made.append(text.replace(START, SKIP) if skip else text)
    return made


def upgrade():
    if op.get_bind().dialect.name == "postgresql":
        for text in functions(skip=True):
            op.execute(text)


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        for text in functions(skip=False):
            op.execute(text)
