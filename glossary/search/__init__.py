"""Search: a term index beside the database, in step with it through the change log, and
beside it a full-text index of the termbase's prose (definitions and notes, in Whoosh).

The one way in for the rest of the application is `glossary.services.search.search`; the
engine (engine.py), its layout (index_layout.py), the keys (keys.py, pinyin.py, fuzzy.py), the
queries (plan.py, query.py, highlight.py), the full text (fulltext.py, its analysis in
prose.py) and the sync (sync.py) stay behind this package. The words and their normal forms
come from glossary.analysis, which annotate shares.

Settings: INDEX_DIR (where the index lives), SEARCH_LOCK_TIMEOUT (seconds a sync or rebuild
waits for another writer, default 60), SEARCH_SYNC_TIMEOUT (seconds the sync after a write
waits, default 10; if it gives up, the next sync applies the write), SEARCH_REBUILD_AFTER
(pending changes above which a sync rebuilds instead, default 5,000), SEARCH_INLINE_CHANGES
(pending changes above which a web request leaves the sync to a background thread, 200).
"""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Open the app's index (lazily) and keep it in step with every committed write."""
    from glossary.search.engine import Index
    from glossary.search.sync import install_hooks

    app.config.setdefault("SEARCH_LOCK_TIMEOUT", 60)
    app.config.setdefault("SEARCH_SYNC_TIMEOUT", 10)
    app.config.setdefault("SEARCH_REBUILD_AFTER", 5000)
    app.config.setdefault("SEARCH_INLINE_CHANGES", 200)
    app.extensions["glossary.search"] = Index(app.config["INDEX_DIR"])
    install_hooks(app)
