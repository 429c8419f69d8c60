"""import jobs: uploaded timelines and CSV files, imported in the background with progress

Revision ID: 0015_import_jobs
Revises: 0010_live_games
"""
from alembic import op
import sqlalchemy as sa


revision = "0015_import_jobs"
down_revision = "0010_live_games"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "import_jobs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("locale", sa.String(length=16), nullable=False),
        sa.Column("slug", sa.String(length=80), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("step", sa.String(length=16), nullable=False),
        sa.Column("done", sa.Integer(), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("worker", sa.String(length=120), nullable=False),
        sa.Column("result", sa.JSON(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("errors", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("kind IN ('timeline', 'questions')", name="ck_import_jobs_kind"),
        sa.CheckConstraint("state IN ('draft', 'queued', 'running', 'done', 'failed')", name="ck_import_jobs_state"),
        sa.ForeignKeyConstraint(["owner_id"], ["users.id"], name="fk_import_jobs_owner_id_users", ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_import_jobs"),
    )
    op.create_index("ix_import_jobs_owner_id", "import_jobs", ["owner_id"], unique=False)
    op.create_index("ix_import_jobs_state", "import_jobs", ["state"], unique=False)


def downgrade():
    op.drop_index("ix_import_jobs_state", table_name="import_jobs")
    op.drop_index("ix_import_jobs_owner_id", table_name="import_jobs")
    op.drop_table("import_jobs")
