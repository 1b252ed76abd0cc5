"""Storage: the only package that speaks SQL. One SQLite file per project."""

from annotator.store.db import SCHEMA_VERSION, open_database

__all__ = ["SCHEMA_VERSION", "open_database"]
