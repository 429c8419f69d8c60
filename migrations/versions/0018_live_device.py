"""live games: a player's device mark, so a removed player cannot rejoin the game under a new nickname

Revision ID: 0018_live_device
Revises: 0017_question_images
"""
from alembic import op
import sqlalchemy as sa


revision = "0018_live_device"
down_revision = "0017_question_images"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("live_players") as batch_op:
        batch_op.add_column(sa.Column("device", sa.String(length=32), nullable=True))
        batch_op.create_index("ix_live_players_game_id_device", ["game_id", "device"])


def downgrade():
    with op.batch_alter_table("live_players") as batch_op:
        batch_op.drop_index("ix_live_players_game_id_device")
        batch_op.drop_column("device")
