"""The article's character fills: each character in the colour of its innermost span."""

from __future__ import annotations

from PySide6.QtGui import QColor, QSyntaxHighlighter, QTextCharFormat, QTextDocument

from annotator.tagset import Tagset
from ui.widgets.label_palette import TEXT_ON_FILL
from ui.widgets.span_index import SpanIndex


class SpanHighlighter(QSyntaxHighlighter):
    """Fills span characters with their label colour; the innermost span wins."""

    def __init__(self, document: QTextDocument):
        super().__init__(document)
        self.index: SpanIndex | None = None
        self.formats: dict[str, QTextCharFormat] = {}
        self.layer = None  # optional ui.widgets.suggestions.SuggestionLayer: other fills for some spans

    def set_colors(self, tagset: Tagset) -> None:
        self.formats = {}
        for label in tagset.span_labels:
            fmt = QTextCharFormat()
            fmt.setBackground(QColor(label.color))
            fmt.setForeground(QColor(TEXT_ON_FILL))
            self.formats[label.name] = fmt

    def highlightBlock(self, text: str) -> None:
        if self.index is None:
            return
        for segment in self.index.segments(self.currentBlock().blockNumber()):  # lane order: inner last
            fmt = self.layer.char_format(segment) if self.layer is not None else None  # e.g. a suggestion
            if fmt is None:
                fmt = self.formats.get(segment.label)
            if fmt is not None:
                self.setFormat(segment.start, segment.end - segment.start, fmt)
