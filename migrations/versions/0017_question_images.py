"""question images: re-encoded image bytes in the database, linked from questions and their frozen copies

Revision ID: 0017_question_images
Revises: 0016_fairplay
"""
from alembic import op
import sqlalchemy as sa


revision = "0017_question_images"
down_revision = "0016_fairplay"
branch_labels = None
depends_on = None

LINKED = ("questions", "attempt_items", "live_questions")


def upgrade():
    op.create_table(
        "question_images",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("digest", sa.String(64), nullable=False),
        sa.Column("mime", sa.String(16), nullable=False),
        sa.Column("width", sa.Integer(), nullable=False),
        sa.Column("height", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_question_images"),
        sa.UniqueConstraint("digest", name="uq_question_images_digest"),
    )
    for table in LINKED:
        with op.batch_alter_table(table) as batch_op:
            batch_op.add_column(sa.Column("image_id", sa.Integer(), nullable=True))
            batch_op.add_column(sa.Column("image_alt", sa.String(300), nullable=False, server_default=""))
            batch_op.create_foreign_key(f"fk_{table}_image_id_question_images", "question_images", ["image_id"], ["id"])
            batch_op.create_index(f"ix_{table}_image_id", ["image_id"], unique=False)


def downgrade():
    for table in LINKED:
        with op.batch_alter_table(table) as batch_op:
            batch_op.drop_index(f"ix_{table}_image_id")
            batch_op.drop_constraint(f"fk_{table}_image_id_question_images", type_="foreignkey")
            batch_op.drop_column("image_alt")
            batch_op.drop_column("image_id")
    op.drop_table("question_images")
