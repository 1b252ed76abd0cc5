"""Fonts: Vazirmatn (SIL Open Font License 1.1, see OFL.txt) is bundled and loaded at start-up;
Noto Naskh Arabic, Noto Sans Arabic and DejaVu Sans follow it when glyphs are missing or it
cannot be loaded. Qt draws no text at all without a usable font."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase

FOLDER = Path(__file__).resolve().parent
BUNDLED = "Vazirmatn"
FALLBACKS = ["Noto Naskh Arabic", "Noto Sans Arabic", "DejaVu Sans"]
_loaded: list[str] = []


def load_fonts() -> list[str]:
    """Register the bundled fonts with Qt (once); returns the families that loaded."""
    if not _loaded:
        for path in sorted(FOLDER.glob("*.ttf")):
            font_id = QFontDatabase.addApplicationFont(str(path))
            if font_id >= 0:
                _loaded.extend(f for f in QFontDatabase.applicationFontFamilies(font_id) if f not in _loaded)
    return list(_loaded)


def text_font(family: str = "", size: float = 14.0) -> QFont:
    """The article font: ``family`` if given, then Vazirmatn, then the fallbacks."""
    load_fonts()
    families = [f for f in [family, BUNDLED, *FALLBACKS] if f]
    font = QFont()
    font.setFamilies(list(dict.fromkeys(families)))
    font.setPointSizeF(size)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return font


def interface_font(size: float = 10.0) -> QFont:
    """The font for menus and panels: the same families, a smaller size."""
    return text_font("", size)
