"""CHECK constraints: a user's role, a question's origin, and a non-empty question kind

Kinds get no list of values: the generator adds kinds over time and an unknown kind plays
as single choice, so a list here would turn every new generator kind into a failed import.

Revision ID: 0005_checks
Revises: 0013_timeline_language
"""
from alembic import op

revision = "0005_checks"
down_revision = "0013_timeline_language"
branch_labels = None
depends_on = None

ROLES = "role IN ('guest', 'student', 'teacher', 'admin')"
ORIGINS = "origin IN ('generated', 'custom', 'imported')"
KIND = "kind <> ''"


def upgrade():
    # Batch mode: SQLite adds a CHECK by copying the table (migrations/env.py keeps foreign keys safe).
    with op.batch_alter_table("users") as batch_op:
        batch_op.create_check_constraint(op.f("ck_users_role"), ROLES)
    with op.batch_alter_table("questions") as batch_op:
        batch_op.create_check_constraint(op.f("ck_questions_origin"), ORIGINS)
        batch_op.create_check_constraint(op.f("ck_questions_kind"), KIND)
    with op.batch_alter_table("attempt_items") as batch_op:
        batch_op.create_check_constraint(op.f("ck_attempt_items_kind"), KIND)


def downgrade():
    with op.batch_alter_table("attempt_items") as batch_op:
        batch_op.drop_constraint(op.f("ck_attempt_items_kind"), type_="check")
    with op.batch_alter_table("questions") as batch_op:
        batch_op.drop_constraint(op.f("ck_questions_kind"), type_="check")
        batch_op.drop_constraint(op.f("ck_questions_origin"), type_="check")
    with op.batch_alter_table("users") as batch_op:
        batch_op.drop_constraint(op.f("ck_users_role"), type_="check")
