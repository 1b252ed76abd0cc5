"""Settings shared by the window's lists of rows (documents, spans, review units)."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView


def rows_to_pick_one(table: QAbstractItemView) -> None:
    """A read-only list where one whole row at a time is chosen, each on one line."""
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setWordWrap(False)
