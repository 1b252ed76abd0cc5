"""Storage: the only package that speaks SQL. One SQLite file per project.

sqlite-utils is imported here first, with pandas hidden: it imports pandas, when installed (the
dataset-export extra brings it), only to map pandas' Timestamp to a column type, which this
project never stores, and that costs about half a second of every start-up. pandas stays
importable for the code that does need it. Only this package imports sqlite-utils at run time.
"""

import sys as _sys


def _import_sqlite_utils_without_pandas() -> None:
    if "sqlite_utils" in _sys.modules or "pandas" in _sys.modules:
        return
    _sys.modules["pandas"] = None  # type: ignore[assignment]  # makes `import pandas` fail
    try:
        import sqlite_utils  # noqa: F401
    finally:
        del _sys.modules["pandas"]


_import_sqlite_utils_without_pandas()

from annotator.store.db import SCHEMA_VERSION, open_database  # noqa: E402

__all__ = ["SCHEMA_VERSION", "open_database"]
