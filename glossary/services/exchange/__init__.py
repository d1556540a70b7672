"""Termbase exchange with CAT tools: filtered, streamed exports and all-or-nothing imports.

`export` streams concepts in batches into any registered format, so memory stays flat however
large the termbase. `import_file` reads a whole file first (a bad file changes nothing), then
writes every concept through `services.editing` (validation, versions, change log) inside
one savepoint: a dry run rolls it back, a real run leaves it to the caller's transaction.
The CLI, the web views and the API call these functions (docs/EXCHANGE.md).
"""

from glossary.services.exchange.exporting import BATCH, Export, export, iter_records
from glossary.services.exchange.filters import ExchangeError, Filters
from glossary.services.exchange.importing import (
    CONFLICT_POLICIES,
    MAX_IMPORT_BYTES,
    ImportRefused,
    import_file,
    read_file,
)
from glossary.services.exchange.presets import PRESETS, Preset, export_for, get_preset

__all__ = ["BATCH", "CONFLICT_POLICIES", "MAX_IMPORT_BYTES", "PRESETS", "ExchangeError",
           "Export", "Filters", "ImportRefused", "Preset", "export", "export_for", "get_preset",
           "import_file", "iter_records", "read_file"]
