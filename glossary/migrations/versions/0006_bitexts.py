"""bilingual material: bitexts and their aligned sentence pairs

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-08 00:50:00

A TMX or a Chinese document with its translation, imported as sentence pairs that the
suggesters look Chinese terms up in (glossary.services.bitexts).
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "bitexts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=120), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("origin", sa.Text(), nullable=True),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("langs", sa.JSON(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("meta", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("zh_document_id", sa.Integer(), nullable=True),
        sa.Column("target_document_id", sa.Integer(), nullable=True),
        sa.CheckConstraint("kind IN ('tmx', 'parallel')", name="ck_bitext_kind_allowed"),
        sa.ForeignKeyConstraint(["zh_document_id"], ["documents.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["target_document_id"], ["documents.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("key"),
        sa.UniqueConstraint("sha256"),
    )
    op.create_table(
        "bitext_pairs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("bitext_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("lang", sa.String(length=8), nullable=False),
        sa.Column("zh", sa.Text(), nullable=False),
        sa.Column("zh_folded", sa.Text(), nullable=True),
        sa.Column("target", sa.Text(), nullable=False),
        sa.CheckConstraint("lang IN ('ru', 'en')", name="ck_bitext_pair_lang_allowed"),
        sa.ForeignKeyConstraint(["bitext_id"], ["bitexts.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_bitext_pairs_bitext_lang", "bitext_pairs",
                    ["bitext_id", "lang", "position"])


def downgrade() -> None:
    op.drop_index("ix_bitext_pairs_bitext_lang", table_name="bitext_pairs")
    op.drop_table("bitext_pairs")
    op.drop_table("bitexts")
