"""annotator: the Qt-free core of a Persian attribution annotation tool.

``import annotator`` never loads PySide6; the window lives in the separate ``ui`` package.
"""

import sys as _sys

__version__ = "0.1.0"


def _import_sqlite_utils_without_pandas() -> None:
    """sqlite-utils imports pandas, when it is installed (the dataset-export extra brings it),
    only to map pandas' Timestamp to a column type, which this project never stores; that
    import costs about half a second of every start-up. So sqlite-utils is imported first with
    pandas hidden, and pandas stays importable for the code that does need it."""
    if "sqlite_utils" in _sys.modules or "pandas" in _sys.modules:
        return
    _sys.modules["pandas"] = None  # type: ignore[assignment]  # makes `import pandas` fail
    try:
        import sqlite_utils  # noqa: F401
    finally:
        del _sys.modules["pandas"]


_import_sqlite_utils_without_pandas()
