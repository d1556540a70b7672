"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-28 03:08:07.338998
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("concept_key", sa.String(length=120), nullable=False),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("user", sa.String(length=80), nullable=True),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=True),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("changes", schema=None) as batch_op:
        batch_op.create_index("ix_changes_concept", ["concept_key"], unique=False)

    op.create_table(
        "concepts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=120), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("subject", sa.String(length=40), nullable=False),
        sa.Column("definition", sa.JSON(), nullable=False),
        sa.Column("note", sa.JSON(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("origin", sa.String(length=200), nullable=True),
        sa.CheckConstraint("key <> ''", name="ck_concept_key_not_empty"),
        sa.CheckConstraint(
            "kind IN ('organization', 'body', 'meeting', 'document', 'person', 'state', 'place', 'event', 'concept', 'title')",
            name="ck_kind_allowed",
        ),
        sa.CheckConstraint(
            "subject IN ('politics', 'international-relations', 'security', 'economy', 'finance', 'transport', 'law', 'culture', 'education', 'science-technology', 'health', 'environment', 'sport', 'geography', 'people')",
            name="ck_subject_allowed",
        ),
        sa.CheckConstraint("version >= 1", name="ck_concept_version_positive"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("key"),
    )
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=120), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("lang", sa.String(length=8), nullable=False),
        sa.Column("date", sa.String(length=10), nullable=True),
        sa.Column("origin", sa.Text(), nullable=True),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("original", sa.Text(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("meta", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("key"),
        sa.UniqueConstraint("sha256"),
    )
    op.create_table(
        "sources",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=120), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("publisher", sa.String(length=200), nullable=True),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("lang", sa.String(length=16), nullable=True),
        sa.Column("date", sa.String(length=10), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("key"),
    )
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("password_hash", sa.String(length=300), nullable=False),
        sa.Column("role", sa.String(length=10), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("role IN ('reader', 'editor', 'admin')", name="ck_role_allowed"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name"),
    )
    op.create_table(
        "candidates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("text", sa.String(length=500), nullable=False),
        sa.Column("original", sa.String(length=500), nullable=True),
        sa.Column("kind", sa.String(length=20), nullable=True),
        sa.Column("score", sa.Double(), nullable=False),
        sa.Column("frequency", sa.Integer(), nullable=False),
        sa.Column("pinyin", sa.String(length=1000), nullable=True),
        sa.Column("contexts", sa.JSON(), nullable=False),
        sa.Column("links", sa.JSON(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("concept_id", sa.Integer(), nullable=True),
        sa.Column("decided_by", sa.String(length=80), nullable=True),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "state IN ('pending', 'accepted', 'merged', 'rejected')", name="ck_state_allowed"
        ),
        sa.ForeignKeyConstraint(["concept_id"], ["concepts.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("text", name="uq_candidate_text"),
    )
    op.create_table(
        "relations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("target_id", sa.Integer(), nullable=False),
        sa.Column("type", sa.String(length=12), nullable=False),
        sa.CheckConstraint("type IN ('broader', 'related')", name="ck_type_allowed"),
        sa.CheckConstraint("source_id <> target_id", name="ck_relation_not_self"),
        sa.ForeignKeyConstraint(["source_id"], ["concepts.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["target_id"], ["concepts.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("source_id", "target_id", "type", name="uq_relation"),
    )
    op.create_table(
        "terms",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("concept_id", sa.Integer(), nullable=False),
        sa.Column("lang", sa.String(length=8), nullable=False),
        sa.Column("text", sa.String(length=500), nullable=False),
        sa.Column("type", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("pos", sa.String(length=12), nullable=True),
        sa.Column("gender", sa.String(length=12), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("homonym", sa.Boolean(), nullable=False),
        sa.Column("pinyin", sa.String(length=1000), nullable=True),
        sa.Column("pinyin_numbered", sa.String(length=1000), nullable=True),
        sa.Column("pinyin_plain", sa.String(length=1000), nullable=True),
        sa.Column("pinyin_initials", sa.String(length=200), nullable=True),
        sa.Column("cyrillic", sa.String(length=500), nullable=True),
        sa.CheckConstraint(
            "gender IS NULL OR (lang = 'ru' AND gender IN ('masculine', 'feminine', 'neuter', 'plural'))",
            name="ck_gender_russian_only",
        ),
        sa.CheckConstraint("lang IN ('zh-Hans', 'zh-Hant', 'ru', 'en')", name="ck_lang_allowed"),
        sa.CheckConstraint(
            "pos IS NULL OR pos IN ('noun', 'adjective', 'verb', 'properNoun', 'other')",
            name="ck_pos_allowed",
        ),
        sa.CheckConstraint(
            "status IN ('preferred', 'admitted', 'deprecated', 'proposed')",
            name="ck_status_allowed",
        ),
        sa.CheckConstraint("text <> ''", name="ck_term_text_not_empty"),
        sa.CheckConstraint(
            "type IN ('fullForm', 'shortForm', 'abbreviation', 'acronym', 'variant')",
            name="ck_type_allowed",
        ),
        sa.ForeignKeyConstraint(["concept_id"], ["concepts.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("concept_id", "lang", "text", name="uq_term_concept_lang_text"),
    )
    with op.batch_alter_table("terms", schema=None) as batch_op:
        batch_op.create_index("ix_terms_lang_text", ["lang", "text"], unique=False)

    op.create_table(
        "occurrences",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("term_id", sa.Integer(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("sentence", sa.Text(), nullable=False),
        sa.Column("sentence_start", sa.Integer(), nullable=False),
        sa.Column("sentence_end", sa.Integer(), nullable=False),
        sa.CheckConstraint('start >= 0 AND "end" > start', name="ck_occurrence_span"),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["term_id"], ["terms.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("document_id", "term_id", "start", name="uq_occurrence"),
    )
    with op.batch_alter_table("occurrences", schema=None) as batch_op:
        batch_op.create_index("ix_occurrences_term", ["term_id"], unique=False)

    op.create_table(
        "term_sources",
        sa.Column("term_id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["source_id"], ["sources.id"], ondelete="RESTRICT"),
        sa.ForeignKeyConstraint(["term_id"], ["terms.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("term_id", "source_id"),
    )


def downgrade() -> None:
    op.drop_table("term_sources")
    with op.batch_alter_table("occurrences", schema=None) as batch_op:
        batch_op.drop_index("ix_occurrences_term")

    op.drop_table("occurrences")
    with op.batch_alter_table("terms", schema=None) as batch_op:
        batch_op.drop_index("ix_terms_lang_text")

    op.drop_table("terms")
    op.drop_table("relations")
    op.drop_table("candidates")
    op.drop_table("users")
    op.drop_table("sources")
    op.drop_table("documents")
    op.drop_table("concepts")
    with op.batch_alter_table("changes", schema=None) as batch_op:
        batch_op.drop_index("ix_changes_concept")

    op.drop_table("changes")
