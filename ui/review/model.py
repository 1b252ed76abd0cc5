"""The list of units in the review window: kind, label, each annotator's version, what gold holds.

Rows are the document's units (:class:`annotator.adjudication.Disagreement`), agreed ones only
when asked for. Each version is shown by what makes it differ: its text for edges and "only
some", its label, the attribute values, or the speaker it resolves to.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from annotator.adjudication import (
    ACCEPTED,
    AGREE,
    ATTRIBUTE,
    EDITED,
    GOLD_ONLY,
    LABEL,
    LINK,
    OPEN,
    REJECTED,
    SPEAKER,
    Disagreement,
    Version,
)
from annotator.tagset import Tagset
from ui import lead_strings  # noqa: F401 - registers the strings used here
from ui.i18n import digits, display, tr

_Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
KIND, LABEL_COLUMN = 0, 1
UNIT_ROLE = Qt.ItemDataRole.UserRole + 1
STATUS_COLORS = {ACCEPTED: "#E4F3E1", EDITED: "#E3ECF8", REJECTED: "#EEEEEE"}
KIND_COLORS = {AGREE: "#2F6B2F", GOLD_ONLY: "#7A5A00"}
MAX_TEXT = 70


def isolate(text: str) -> str:
    """``text`` as a bidi island (FSI ... PDI): a Persian name inside an English line, or the
    reverse, keeps its own direction and leaves the punctuation around it in place."""
    return f"\u2068{text}\u2069"


def short(text: str) -> str:
    return text if len(text) <= MAX_TEXT else text[:MAX_TEXT - 1] + "…"


class Describer:
    """Turns versions into short text (needs the document text, the tagset and actor names)."""

    def __init__(self, text: str, tagset: Tagset, actor_name: Callable[[int], str]):
        self.text, self.tagset, self.actor_name = text, tagset, actor_name
        self.units: Sequence[Disagreement] = ()

    def label(self, name: str) -> str:
        found = self.tagset.find_label(name)
        return display(found.display) if found else name

    def version(self, unit: Disagreement, version: Version) -> str:
        kind = unit.kind
        if kind == ATTRIBUTE:
            return "، ".join(self._attribute(version, name) for name in unit.attributes)
        if kind == SPEAKER:
            return tr("review.speaker", who=isolate(self._targets(version, speaker=True) or "—"))
        if kind == LINK:
            return self._targets(version, speaker=False) or "—"
        text = short(version.span.text_in(self.text))
        return f"{self.label(version.span.label)}: {isolate(text)}" if kind == LABEL else text

    def _attribute(self, version: Version, name: str) -> str:
        if name == "actor":
            actor = version.span.actor_id
            return self.actor_name(actor) if actor is not None else "—"
        value = version.span.attrs.get(name)
        spec = self.tagset.find_label(version.span.label)
        attribute = spec.attribute(name) if spec else None
        shown = display(attribute.display) if attribute else name
        if attribute is not None and attribute.type == "enum" and value is not None:
            found = next((v for v in attribute.values if v.name == value), None)
            value = display(found.display) if found else value
        return f"{shown}: {isolate('—' if value is None else str(value))}"

    def _targets(self, version: Version, *, speaker: bool) -> str:
        shown = []
        for relation_type, (kind, value) in sorted(version.links, key=str):
            if (relation_type == "ATTRIBUTED_TO") != speaker:
                continue
            if kind == "actor":
                target = self.actor_name(value)
            elif kind == "unit" and 0 <= value < len(self.units):
                target = short(self.text[self.units[value].start:self.units[value].end])
            else:
                target = "?"
            shown.append(target if speaker else f"{relation_type} → {target}")
        return "، ".join(shown)

    def gold(self, unit: Disagreement) -> str:
        status = unit.status
        if status == ACCEPTED:
            return tr("review.state.accepted", names=isolate("، ".join(unit.accepted_from)))
        if status == REJECTED:
            return tr("review.state.rejected") + (f": {unit.reason}" if unit.reason else "")
        if status == EDITED and unit.gold is not None:
            return f"{tr('review.state.edited')}: {short(unit.gold.span.text_in(self.text))}"
        return tr(f"review.state.{status}")


class UnitTableModel(QAbstractTableModel):
    """Rows: units; columns: kind, label, one per annotator, gold."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.names: tuple[str, ...] = ()
        self.units: list[Disagreement] = []
        self.describer: Describer | None = None

    def set_units(self, names: Sequence[str], units: Sequence[Disagreement], describer: Describer) -> None:
        self.beginResetModel()
        self.names, self.units, self.describer = tuple(names), list(units), describer
        self.endResetModel()

    def unit_at(self, row: int) -> Disagreement | None:
        return self.units[row] if 0 <= row < len(self.units) else None

    def row_of(self, index: int) -> int | None:
        """The row showing unit ``index`` (its position in the document's units), if listed."""
        return next((row for row, unit in enumerate(self.units) if unit.index == index), None)

    def rowCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.units)

    def columnCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else 3 + len(self.names)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        unit = self.unit_at(index.row()) if index.isValid() else None
        if unit is None or self.describer is None:
            return None
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(unit, column)
        if role == Qt.ItemDataRole.BackgroundRole and unit.status in STATUS_COLORS:
            return QColor(STATUS_COLORS[unit.status])
        if role == Qt.ItemDataRole.ForegroundRole:
            if unit.status == REJECTED:
                return QColor("#6B6B6B")
            if column == KIND:
                return QColor(KIND_COLORS.get(unit.kind, "#9A3412" if unit.status == OPEN else "#333333"))
        if role == UNIT_ROLE:
            return unit.index
        return None

    def _text(self, unit: Disagreement, column: int) -> str:
        assert self.describer is not None
        if column == KIND:
            kinds = unit.differences or (unit.kind,)
            return "، ".join(tr(f"review.kind.{k}") for k in kinds)
        if column == LABEL_COLUMN:
            return self.describer.label(unit.label)
        if column == 2 + len(self.names):
            return self.describer.gold(unit)
        version = unit.versions.get(self.names[column - 2])
        return self.describer.version(unit, version) if version is not None else tr("review.missing")

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return digits(section + 1)
        if section == KIND:
            return tr("review.col_kind")
        if section == LABEL_COLUMN:
            return tr("review.col_label")
        if section == 2 + len(self.names):
            return tr("review.col_status")
        return f"{isolate(self.names[section - 2])} ({digits(section - 1)})"
