"""One document as the detector sees it: text, tokens with their lexicon keys, sentences,
quotation-mark regions, and small questions about positions (which sentence, which paragraph)."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from annotator.model import Fragment, Tokenization
from annotator.preannotate.cues import token_keys
from annotator.preannotate.regions import Regions, headline_end, paragraph_bounds, quote_regions
from annotator.text import trim_span

COMMAS = frozenset({"،", ","})
_TRAILING = ".۔"


@dataclass
class DocView:
    text: str
    tokens: tuple[Fragment, ...]
    sentences: tuple[Fragment, ...]
    keys: list[str] = field(default_factory=list)
    regions: Regions = field(default_factory=lambda: Regions([]))
    body_start: int = 0

    @classmethod
    def of(cls, text: str, tokenization: Tokenization) -> DocView:
        view = cls(text, tuple(tokenization.tokens), tuple(tokenization.sentences))
        view.keys = token_keys(text, view.tokens)
        view.regions = Regions(quote_regions(text))
        view.body_start = headline_end(text)
        view._token_starts = [s for s, _ in view.tokens]
        view._sentence_starts = [s for s, _ in view.sentences]
        return view

    def __len__(self) -> int:
        return len(self.tokens)

    def key_at(self, i: int) -> str:
        return self.keys[i] if 0 <= i < len(self.keys) else ""

    def token_at(self, offset: int) -> int:
        """The index of the first token that starts at or after ``offset``."""
        return bisect_right(self._token_starts, offset - 1)

    def sentence_bounds(self, offset: int) -> Fragment:
        """The sentence holding ``offset`` (the paragraph when no sentence does)."""
        i = bisect_right(self._sentence_starts, offset) - 1
        if i >= 0 and self.sentences[i][0] <= offset < self.sentences[i][1]:
            return self.sentences[i]
        return paragraph_bounds(self.text, offset)

    def sentence_tokens(self, offset: int) -> tuple[int, int]:
        """Token indices ``[first, end)`` of the sentence holding ``offset``."""
        start, end = self.sentence_bounds(offset)
        return self.token_at(start), self.token_at(end)

    def paragraph(self, offset: int) -> Fragment:
        return paragraph_bounds(self.text, offset)

    def trim(self, start: int, end: int, *, drop_period: bool = True) -> Fragment | None:
        """``[start, end)`` without surrounding space and, by default, a final period."""
        start, end = trim_span(self.text, start, end)
        if drop_period:
            while end > start and self.text[end - 1] in _TRAILING:
                start, end = trim_span(self.text, start, end - 1)
        return (start, end) if start < end else None

    def clause_end(self, start: int, limit: int | None = None) -> int:
        """End of the sentence from ``start``, carried past quotation marks that close later."""
        end = self.sentence_bounds(start)[1]
        changed = True
        while changed:
            changed = False
            for region in self.regions.inside(start, len(self.text) + 1):
                if region.open < end < region.close + 1:
                    end = max(end, self.sentence_bounds(region.close)[1])
                    changed = True
        return min(end, limit) if limit is not None else end
