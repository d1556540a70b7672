"""indexes on the foreign keys that concept loading follows

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28 05:15:00
"""

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_terms_concept", "terms", ["concept_id"])
    op.create_index("ix_relations_target", "relations", ["target_id"])


def downgrade() -> None:
    op.drop_index("ix_relations_target", table_name="relations")
    op.drop_index("ix_terms_concept", table_name="terms")
