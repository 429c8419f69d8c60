"""learning: spaced-repetition cards per user and question

Revision ID: 0004_learning
Revises: 0001
"""
from alembic import op
import sqlalchemy as sa


revision = "0004_learning"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "review_cards",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.Integer(), nullable=False),
        sa.Column("state", sa.Integer(), nullable=False),
        sa.Column("step", sa.Integer(), nullable=True),
        sa.Column("stability", sa.Float(), nullable=True),
        sa.Column("difficulty", sa.Float(), nullable=True),
        sa.Column("due", sa.DateTime(), nullable=False),
        sa.Column("last_review", sa.DateTime(), nullable=True),
        sa.Column("reps", sa.Integer(), nullable=False),
        sa.Column("lapses", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name="fk_review_cards_user_id_users", ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["question_id"], ["questions.id"], name="fk_review_cards_question_id_questions",
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_review_cards"),
        sa.UniqueConstraint("user_id", "question_id", name="uq_review_cards_user_id_question_id"),
    )
    op.create_index("ix_review_cards_user_id_due", "review_cards", ["user_id", "due"], unique=False)
    op.create_index("ix_review_cards_question_id", "review_cards", ["question_id"], unique=False)


def downgrade():
    op.drop_index("ix_review_cards_question_id", table_name="review_cards")
    op.drop_index("ix_review_cards_user_id_due", table_name="review_cards")
    op.drop_table("review_cards")
