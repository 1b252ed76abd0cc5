"""What the window remembers between runs (QSettings): who annotates, recent projects,
layout, font, zoom, language, word snapping and the last document of each project."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

MAX_RECENT = 8


class Settings:
    """Typed access to a ``QSettings``; tests pass their own (an INI file in a temp folder)."""

    def __init__(self, store: QSettings | None = None):
        self.store = store if store is not None else QSettings("annotator", "annotator")

    def _get(self, key: str, default: object, kind: type) -> object:
        value = self.store.value(key, default)
        try:
            return kind(value) if value is not None else default
        except (TypeError, ValueError):
            return default

    @property
    def annotator_name(self) -> str:
        return str(self._get("annotator/name", "", str)).strip()

    @annotator_name.setter
    def annotator_name(self, name: str) -> None:
        self.store.setValue("annotator/name", name.strip())

    @property
    def language(self) -> str:
        return str(self._get("ui/language", "fa", str))

    @language.setter
    def language(self, value: str) -> None:
        self.store.setValue("ui/language", value)

    @property
    def font_family(self) -> str:
        return str(self._get("view/font_family", "", str))

    @font_family.setter
    def font_family(self, value: str) -> None:
        self.store.setValue("view/font_family", value)

    @property
    def font_size(self) -> float:
        return float(self._get("view/font_size", 14.0, float))

    @font_size.setter
    def font_size(self, value: float) -> None:
        self.store.setValue("view/font_size", float(value))

    @property
    def snap(self) -> bool:
        return str(self._get("edit/snap", "true", str)).lower() in ("true", "1")

    @snap.setter
    def snap(self, value: bool) -> None:
        self.store.setValue("edit/snap", "true" if value else "false")

    def window_state(self) -> tuple[QByteArray | None, QByteArray | None]:
        return self.store.value("window/geometry"), self.store.value("window/state")

    def save_window_state(self, geometry: QByteArray, state: QByteArray) -> None:
        self.store.setValue("window/geometry", geometry)
        self.store.setValue("window/state", state)

    @property
    def recent_projects(self) -> list[str]:
        value = self.store.value("projects/recent", [])
        items = [value] if isinstance(value, str) else list(value or [])
        return [str(p) for p in items if p]

    def add_recent(self, path: Path) -> None:
        path_text = str(Path(path).resolve())
        items = [path_text] + [p for p in self.recent_projects if p != path_text]
        self.store.setValue("projects/recent", items[:MAX_RECENT])

    def last_document(self, project: Path) -> int | None:
        value = self.store.value(f"projects/last_document/{_key(project)}")
        try:
            return int(value) if value is not None else None
        except (TypeError, ValueError):
            return None

    def set_last_document(self, project: Path, document_id: int) -> None:
        self.store.setValue(f"projects/last_document/{_key(project)}", int(document_id))

    def sync(self) -> None:
        self.store.sync()


def _key(path: Path) -> str:
    """A QSettings key for a path (no slashes, which QSettings reads as groups)."""
    return str(Path(path).resolve()).replace("/", "|").replace("\\", "|")
