"""classroom: students' reports on questions; soft-deleted quizzes

Revision ID: 0009_classroom
Revises: 0005_checks
"""
from alembic import op
import sqlalchemy as sa


revision = "0009_classroom"
down_revision = "0005_checks"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "question_reports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(length=16), nullable=False),
        sa.Column("comment", sa.String(length=500), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("resolved_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["question_id"], ["questions.id"], name="fk_question_reports_question_id_questions",
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name="fk_question_reports_user_id_users", ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_question_reports"),
        sa.UniqueConstraint("question_id", "user_id", name="uq_question_reports_question_id_user_id"),
    )
    op.create_index("ix_question_reports_question_id", "question_reports", ["question_id"], unique=False)
    op.create_index("ix_question_reports_user_id", "question_reports", ["user_id"], unique=False)
    with op.batch_alter_table("quizzes") as batch:
        batch.add_column(sa.Column("deleted_at", sa.DateTime(), nullable=True))


def downgrade():
    with op.batch_alter_table("quizzes") as batch:
        batch.drop_column("deleted_at")
    op.drop_index("ix_question_reports_user_id", table_name="question_reports")
    op.drop_index("ix_question_reports_question_id", table_name="question_reports")
    op.drop_table("question_reports")
