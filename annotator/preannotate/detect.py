"""The rule-based pre-annotator: text and tokens in, :class:`Suggestions` out. Pure: no I/O.

Sentence by sentence, each cue is read with what it introduces (see :mod:`.content`) and the
subject before it (see :mod:`.speakers`). Noun-phrase cues («با بیان اینکه ...»، «با اشاره به ...»)
wait for the main verb of their sentence and share its speaker. «به گزارش X،» makes X the medium
(VIA_MEDIUM) of the sentence's quotes, never their speaker. Deadlines come from :mod:`.timexes`;
commitments from explicit promise verbs («قول داد»، «وعده داد»، «متعهد شد») and, inside quotes,
from a committing verb beside a deadline (:mod:`.quoted_commitments`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from annotator.model import Tokenization
from annotator.preannotate import content as C
from annotator.preannotate import lexicon as lx
from annotator.preannotate.builder import Builder
from annotator.preannotate.cues import CueMatch, find_cues, find_directives, find_promises
from annotator.preannotate.model import Suggestions
from annotator.preannotate.quoted_commitments import add_quoted_commitments
from annotator.preannotate.timexes import find_deadlines
from annotator.preannotate.view import COMMAS, DocView

__all__ = ["detect"]

NP_INTROS = (lx.INTRO_CLAUSE, lx.INTRO_SUMMARY)
_OPENERS = frozenset({C.KE, lx.key("اینکه"), lx.key("آنکه")})  # «که/اینکه» open a clause with its own subject
_QUOTING = "به نقل از"  # without a comma, «X به نقل از Y گزارش داد» makes Y the speaker
_ORPHAN_SUMMARIES = frozenset({"با اشاره", "ضمن اشاره"})  # kept even with no speech verb after them
_STRONG_NEXT = frozenset({C.COLON, C.KE})
_TA, _TO_SOMEONE = lx.key("تا"), lx.key("از")


@dataclass(frozen=True, slots=True)
class _Promise:
    """A promise verb (or a directive: «خواست تا ...»), sorted in among the cues."""

    first: int
    last: int
    strength: str
    score: float
    start: int
    directive: bool = False


def detect(text: str, tokenization: Tokenization, *, published: dt.date | None = None) -> Suggestions:
    """Suggest cues, quotes, speakers, deadlines and commitments for one document.

    :param text: the document's canonical text
    :param tokenization: its stored sentences and tokens
    :param published: the publication date, the anchor of relative time expressions
    """
    view = DocView.of(text, tokenization)
    builder = Builder(view)
    builder.add_deadlines(find_deadlines(text, anchor=published, start=view.body_start))
    items = _items(view)
    for sentence in _by_sentence(view, items):
        _Sentence(builder, sentence).run()
    add_quoted_commitments(builder)
    builder.add_nesting()
    return builder.result()


def _items(view: DocView) -> list[CueMatch | _Promise]:
    cues: list[CueMatch | _Promise] = [c for c in find_cues(view.keys, view.tokens) if _usable(view, c.start, c.end)]
    for directive, found in ((False, find_promises(view.keys)), (True, find_directives(view.keys))):
        for first, last, (strength, score) in found:
            start = view.tokens[first][0]
            if _usable(view, start, view.tokens[last][1]):
                cues.append(_Promise(first, last, strength, score, start, directive))
    return sorted(cues, key=lambda c: c.start)


def _usable(view: DocView, start: int, end: int) -> bool:
    """Not in the headline, and not inside quotation marks (someone else's words)."""
    return start >= view.body_start and view.regions.enclosing(start, end) is None


def _by_sentence(view: DocView, items: list) -> Iterator[list]:
    group: list = []
    bounds = None
    for item in items:
        here = view.sentence_bounds(item.start)
        if group and here != bounds:
            yield group
            group = []
        bounds = here
        group.append(item)
    if group:
        yield group


class _Sentence:
    """The cues of one sentence, read left to right."""

    def __init__(self, builder: Builder, items: list):
        self.b, self.view, self.items = builder, builder.view, items
        self.first, self.end = self.view.sentence_tokens(items[0].start)
        self.pending: list[CueMatch] = []
        self.floor = self.first  # where the subject may start: after «به گزارش X،»
        self.before = len(builder.entities.speakers)  # speakers known when the sentence began
        self.quotes: list[C.Content] = []  # contents found in this sentence
        self.medium: int | None = None
        self.source: tuple[int, int] | None = None  # «به نقل از X» without a comma: X speaks

    def run(self) -> None:
        for n, item in enumerate(self.items):
            strong = self.view.key_at(item.last + 1) in _STRONG_NEXT
            if self.b.covered(item.start, self.view.key_at(item.last + 1)) or not self._outside_quotes(item, strong):
                continue
            if isinstance(item, _Promise):
                self._promise(item)
            elif item.form.intro == lx.INTRO_AGENCY:
                self._agency(item, n)
            elif item.form.intro == lx.INTRO_ACCORDING:
                self._according(item, n)
            elif item.form.intro in NP_INTROS:
                self.pending.append(item)
            else:
                self._verb(item, n)
        for cue in self.pending:  # no main verb: «با بیان اینکه ...» and «با اشاره به ...» still report speech
            if cue.form.intro == lx.INTRO_CLAUSE or cue.form.lemma in _ORPHAN_SUMMARIES:
                speaker = self._speaker(self.floor, cue.first)
                self._np_cue(cue, None, speaker, orphan=True)
                self.b.spoke(speaker)

    def _outside_quotes(self, item, strong: bool) -> bool:
        """A cue inside an earlier quote of this sentence counts only if it opens its own («... گفت که»)."""
        for content in self.quotes:
            if content.start <= item.start < content.end:
                if not strong:
                    return False
                self.floor = max(self.floor, self.view.token_at(content.start))
        return True

    # -- cues ------------------------------------------------------------------------------
    def _next_first(self, n: int) -> int:
        """The first token of the next cue in this sentence, or the sentence's end."""
        return self.items[n + 1].first if n + 1 < len(self.items) else self.end

    def _limit(self, n: int) -> int:
        """Where a quote must stop: before the next cue of this sentence that opens its own."""
        for item in self.items[n + 1:]:
            if isinstance(item, CueMatch) and item.form.intro == lx.INTRO_VERB \
                    and self.view.key_at(item.last + 1) in _STRONG_NEXT:
                return self._cut_before(item.first)
        return self.view.sentence_bounds(self.items[0].start)[1]

    def _cut_before(self, token: int) -> int:
        i = token - 1
        while i > self.first and (self.view.keys[i] in COMMAS or self.view.keys[i] == lx.key("و")):
            i -= 1
        return self.view.tokens[i][1] if i >= self.first else self.view.tokens[token][0]

    def _verb(self, cue: CueMatch, n: int) -> None:
        relative = self._relative(cue)
        found = self._content(cue, n)
        if found is None:
            return
        content, speaker_from = found
        self.quotes.append(content)
        if relative is not None:
            speaker = self.b.mention_at(*relative)
        elif self.source is not None:
            speaker = self.b.mention_at(*self.source)
        else:
            stop = self.pending[0].first if self.pending else cue.first
            speaker = self._speaker(self.view.token_at(speaker_from) if speaker_from else self.floor, stop)
        quote = self.b.attribution(cue, content, speaker, self.medium)
        if relative is None:
            for np_cue in self.pending:
                self._np_cue(np_cue, cue.start, speaker)
            self.pending = []
        self.b.spoke(speaker)
        self.b.open_quote(content, quote)

    def _content(self, cue: CueMatch, n: int) -> tuple[C.Content, int | None] | None:
        view, nxt = self.view, cue.last + 1
        factor = cue.form.score
        limit = self._limit(n)
        if C.colon_follows(view, nxt):
            found = C.colon(view, nxt, factor)
        elif view.key_at(nxt) in COMMAS:
            found = C.after_comma(view, nxt, limit, factor)
        elif C.ke_follows(view, nxt):
            found = C.that_clause(view, nxt + 1, limit, factor * 0.95)
        elif view.regions.starting_at(view.tokens[nxt][0] if nxt < len(view) else -1):
            found = C.region_after(view, nxt, factor * 0.9)
        elif nxt >= self.end or view.key_at(nxt) in {".", "!", "؟"}:
            before = C.before(view, cue.start, factor * 0.85)
            return before
        else:
            found = C.bare(view, nxt, self.end, cue.form, limit)
            if found is not None:
                found = C.Content(found.start, found.end, found.quote_type, factor * found.factor)
        return (found, None) if found is not None else None

    def _relative(self, cue: CueMatch) -> tuple[int, int] | None:
        """The subject inside a «که» clause: «که وی پاسخ داد» (the phrase after «که»), or
        «رئیس قوه قضاییه که گفته بود «...»» (the phrase before «که», when the cue follows it closely)."""
        keys = self.view.keys
        floor = max(self.floor, self.pending[-1].last + 1) if self.pending else self.floor  # not «اینکه» of a cue
        for i in range(cue.first - 1, floor - 1, -1):
            if keys[i] in COMMAS or keys[i] == C.COLON:
                return None
            if keys[i] not in _OPENERS:
                continue
            np = self.b.np_window(i + 1, cue.first)
            if np is not None and cue.first - np[1] <= 3 and np[0] == i + 1:
                return np
            return self.b.np_before(i, self.floor) if cue.first - i <= 3 else None
        return None

    def _np_cue(self, cue: CueMatch, verb_start: int | None, speaker, *, orphan: bool = False) -> None:
        sentence_end = self.view.sentence_bounds(cue.start)[1]
        if cue.form.intro == lx.INTRO_CLAUSE:
            found = C.clause_before_verb(self.view, cue.end, verb_start, sentence_end)
        else:
            found = C.summary(self.view, cue.end, verb_start, sentence_end)
        if found is not None and orphan:
            found = C.Content(found.start, found.end, found.quote_type, found.factor * 0.75, summary=found.summary)
        if found is not None:
            self.b.attribution(cue, found, speaker, self.medium)

    def _agency(self, cue: CueMatch, n: int) -> None:
        """«به گزارش X،»: X is the medium. «به نقل از X» with no comma: X is the source."""
        name = self.b.name_after(cue.last + 1, self._next_first(n))
        if name is None:
            return
        first, last, comma = name
        if comma is not None:
            self.medium = self.b.medium(cue, first, last)
            self.floor = max(self.floor, comma + 1)
        elif cue.form.lemma != _QUOTING:
            self.medium = self.b.medium(cue, first, last)
        elif any(isinstance(i, CueMatch) and i.form.intro == lx.INTRO_VERB
                                                for i in self.items[n + 1:]):
            self.source = (first, last)
            subject = self.b.np_window(self.floor, cue.first)
            if subject is not None:
                self.medium = self.b.medium(cue, *subject)
            else:
                self.b.cue_only(cue)

    def _according(self, cue: CueMatch, n: int) -> None:
        """«به گفته X، ...»; also «...، به گفته X.»"""
        name = self.b.name_after(cue.last + 1, self._next_first(n))
        if name is None:
            return
        first, last, comma = name
        view = self.view
        if comma is not None:
            content = C.after_comma(view, comma, view.sentence_bounds(cue.start)[1], cue.form.score,
                                    text_factor=1.0)
            self.floor = max(self.floor, comma + 1)
        elif cue.first > self.first and view.keys[cue.first - 1] in COMMAS:
            span = view.trim(view.tokens[self.first][0], view.tokens[cue.first - 1][0])
            content = C.Content(*span, "INDIRECT", cue.form.score * 0.8) if span else None
        else:
            content = None
        if content is not None:
            speaker = self.b.mention_at(first, last)
            self.b.attribution(cue, content, speaker, self.medium)
            self.quotes.append(content)
            self.b.spoke(speaker)

    def _promise(self, item: _Promise) -> None:
        nxt = item.last + 1
        opened = self.view.key_at(nxt) in (C.KE, _TA)
        if item.directive and (not opened or _TO_SOMEONE in self.view.keys[self.floor:item.first]):
            return  # «خواست» without «تا/که», or «از X خواست»: asking others
        found = C.that_clause(self.view, nxt + 1 if opened else nxt, None, item.score)
        if found is None or found.end - found.start < 8:
            return
        if item.directive and not self.b.has_deadline(found.start, found.end):
            return
        speaker = self._speaker(self.floor, item.first)
        self.b.commitment(found, speaker, item.strength, item.score)
        self.b.spoke(speaker)

    def _speaker(self, start: int, stop: int):
        """The subject before ``stop``; the main clause's resolves against earlier sentences only."""
        return self.b.subject(start, stop, before=self.before if start <= self.floor else None)
