"""Collects the suggestions of one document as the detector reads it: spans (deduplicated),
links, document entities and the speakers so far (for «وی» and dropped subjects)."""

from __future__ import annotations

from dataclasses import dataclass

from annotator.model import Fragment
from annotator.preannotate import lexicon as lx
from annotator.preannotate import speakers as sp
from annotator.preannotate import vocabulary as V
from annotator.preannotate.appositions import appositions
from annotator.preannotate.content import COLON, Content
from annotator.preannotate.cues import CueMatch
from annotator.preannotate.model import SuggestedLink, SuggestedSpan, Suggestions
from annotator.preannotate.timexes import FoundTimex, timex_attrs
from annotator.preannotate.view import COMMAS, DocView

NAME_WINDOW = 10  # how far a name after «به گفته»/«به گزارش» may run before its comma
_VERBISH = frozenset(lx.key(w) for w in ["شد", "شده", "است", "بود", "کرد", "کرده", "کند", "شود", "دارد", "داشت", "داد", "دهد", "گرفت", "باشد", "نیست", "هست", "بودند", "شدند", "کردند", "دارند", "کنند", "شوند", "گرفته", "گردید", "می\u200cشود", "می\u200cکند"])
_NAME_END = frozenset({*COMMAS, "؛", ";", COLON})
_CLAUSE_BREAKS = frozenset({*COMMAS, COLON, lx.key("ولی"), lx.key("اما")})
_SEMICOLONS = frozenset({"؛", ";"})
_ONE_PER_HEAD = frozenset({"ATTRIBUTED_TO", "HAS_CUE", "HAS_DEADLINE"})  # max_per_head 1 in the tagset
_SENTENCE_ENDS = ".!؟?»"
_NO_MARKS = str.maketrans("", "", "«»\"“”")


def _open_paren(keys: list[str], start: int, stop: int) -> int:
    """The last «(» in ``[start, stop)`` that is still open at ``stop``, or -1."""
    depth, found = 0, -1
    for i in range(stop - 1, start - 1, -1):
        if keys[i] == ")":
            depth += 1
        elif keys[i] == "(":
            if depth == 0:
                return i
            depth -= 1
    return found


def _unquoted(surface: str) -> str:
    return " ".join(surface.translate(_NO_MARKS).split())


def _balance(keys: list[str], first: int, last: int) -> tuple[int, int]:
    """Widen ``first..last`` by one mark so that a «» inside it pairs up («خبرگزاری «اینترفکس»»)."""
    inner = keys[first:last + 1]
    if inner.count("«") > inner.count("»") and last + 1 < len(keys) and keys[last + 1] == "»":
        last += 1
    if inner.count("»") > inner.count("«") and first > 0 and keys[first - 1] == "«":
        first -= 1
    return first, last


@dataclass(frozen=True, slots=True)
class Speaker:
    """Who said it: a mention span (None when the subject is dropped) and the entity it refers to."""

    mention: int | None
    entity: int | None
    score: float


class Builder:
    def __init__(self, view: DocView):
        self.view = view
        self.spans: list[SuggestedSpan] = []
        self.links: list[SuggestedLink] = []
        self.entities = sp.DocumentEntities()
        self._by_place: dict[tuple[str, tuple[Fragment, ...]], int] = {}
        self._open: list[tuple[int, int, int]] = []  # open-ended colon quotes: start, end, span index
        self._timexes: list[tuple[int, int, int]] = []

    # -- spans -----------------------------------------------------------------------------
    def add(self, label: str, fragments: tuple[Fragment, ...], attrs: dict, score: float,
            entity: int | None = None) -> int:
        place = (label, fragments)
        if place in self._by_place:
            return self._by_place[place]
        key = len(self.spans) + 1
        self.spans.append(SuggestedSpan(key, label, fragments, attrs, round(min(score, 0.99), 2), entity))
        self._by_place[place] = key
        return key

    def link(self, type_: str, head: int, *, tail: int | None = None, entity: int | None = None,
             score: float = 0.5) -> None:
        if tail is None and entity is None:
            return
        single = type_ in _ONE_PER_HEAD
        if any(x.type == type_ and x.head == head and (single or (x.tail, x.entity) == (tail, entity))
               for x in self.links):
            return
        self.links.append(SuggestedLink(type_, head, tail, entity, round(min(score, 0.99), 2)))

    def cue_only(self, cue: CueMatch, score: float | None = None) -> int:
        attrs = {"medium": cue.form.medium, "cue_kind": cue.form.kind}
        return self.add("CUE", cue.fragments, attrs, score if score is not None else cue.form.score)

    # -- speakers --------------------------------------------------------------------------
    def np_window(self, start: int, stop: int) -> tuple[int, int] | None:
        """The subject in tokens ``[start, stop)``: from the start, or after a comma, colon or «که»."""
        keys = self.view.keys
        start = max([start] + [i + 1 for i in range(start, stop) if keys[i] in _SEMICOLONS])
        start = max(start, _open_paren(keys, start, stop) + 1)
        candidates = [start] + [i + 1 for i in range(start, stop) if keys[i] in _CLAUSE_BREAKS]
        for first in candidates:
            if first >= stop:
                break
            np = sp.noun_phrase(keys, first, stop)
            if np is not None and keys[np[1]] not in _VERBISH and not keys[np[1]].startswith("می"):
                return self._apposition(np, stop)
        return None

    def _apposition(self, np: tuple[int, int], stop: int) -> tuple[int, int]:
        """«هانس یواخیم واتسکه، رئیس باشگاه دورتموند»: a title after a comma joins the name."""
        keys = self.view.keys
        comma = np[1] + 1
        if comma + 1 < stop and keys[comma] in COMMAS and V.head_kind(keys[comma + 1]) is not None \
                and V.head_kind(keys[np[0]]) is None:
            title = sp.noun_phrase(keys, comma + 1, stop)
            if title is not None and title[0] == comma + 1:
                return np[0], title[1]
        return np

    def np_before(self, token: int, floor: int) -> tuple[int, int] | None:
        """The noun phrase that ends just before ``token`` («رئیس قوه قضاییه که ...»)."""
        keys = self.view.keys
        i = token - 1
        while i > floor and i > token - sp.MAX_NP and keys[i - 1] not in V.STOPS and not V.is_punct(keys[i - 1]):
            i -= 1
        while i < token - 1 and keys[i] in V.SPEECH_NOUNS:
            i += 1
        return (i, token - 1) if i <= token - 1 else None

    def name_after(self, token: int, stop: int) -> tuple[int, int, int | None] | None:
        """The name after «به گفته»/«به گزارش» and the comma that ends it (None: no comma, a noun phrase)."""
        keys = self.view.keys
        for i in range(token, min(stop, token + NAME_WINDOW)):
            if keys[i] in _NAME_END:
                first, last = token, i - 1
                while first <= last and V.is_punct(keys[first]):
                    first += 1
                while last >= first and V.is_punct(keys[last]):
                    last -= 1
                return (*_balance(keys, first, last), i) if first <= last else None
        np = sp.noun_phrase(keys, token, stop)
        return (np[0], np[1], None) if np else None

    def mention_at(self, first: int, last: int, score: float = 0.8, *, before: int | None = None) -> Speaker:
        keys, view = self.view.keys, self.view
        known = self.entities.known_prefix(keys[first:last + 1])
        if known and first + known - 1 < last:
            last = first + known - 1
        surfaces = {i: view.text[slice(*view.tokens[i])] for i in range(first, last + 1)}
        mention = sp.classify(keys, surfaces, first, last)
        if mention is None:
            return Speaker(None, None, 0.0)
        entity = self.entities.resolve(mention, before=before)
        span = (view.tokens[first][0], view.tokens[last][1])
        key = self.add("ACTOR_MENTION", (span,), {"mention_type": mention.mention_type},
                       score if mention.mention_type != "PRON" else score * 0.95, entity)
        return Speaker(key, entity, score)

    def subject(self, start: int, stop: int, *, before: int | None = None) -> Speaker:
        """The subject in ``[start, stop)``, or the last speaker when it is dropped («افزود:»)."""
        np = self.np_window(start, stop)
        if np is not None:
            return self.mention_at(*np, score=0.85 if np[0] == start else 0.7, before=before)
        return Speaker(None, self.entities.last_speaker(before=before), 0.6)

    def medium(self, cue: CueMatch, first: int, last: int) -> int:
        """«به گزارش X»: the cue and the agency mention; returns the mention's key."""
        self.cue_only(cue)
        keys = self.view.keys
        start = next((i for i in range(first, last + 1) if keys[i] == lx.key("خبرگزاری")), first)
        words = tuple(keys[start:last + 1])
        actor_type, subtype = V.medium_type(words)
        surface = self.view.text[self.view.tokens[start][0]:self.view.tokens[last][1]]
        words = tuple(w for w in words if not V.is_punct(w))
        mention = sp.Mention(start, last, "NAME", words, surface_name=_unquoted(surface), actor_type=actor_type,
                             subtype=subtype)
        entity = self.entities.resolve(mention)
        span = (self.view.tokens[start][0], self.view.tokens[last][1])
        return self.add("ACTOR_MENTION", (span,), {"mention_type": "NAME"}, 0.75, entity)

    def spoke(self, speaker: Speaker) -> None:
        self.entities.spoke(speaker.entity)

    # -- quotes ----------------------------------------------------------------------------
    def attribution(self, cue: CueMatch, content: Content, speaker: Speaker, medium: int | None) -> int:
        """A cue with its quote, speaker and medium links; returns the quote's key."""
        cue_key = self.cue_only(cue, cue.form.score if content.factor >= 0.5 else cue.form.score * 0.8)
        attrs: dict = {"quote_type": content.quote_type}
        if content.summary:
            attrs["reported_summary"] = True
        quote = self.add("QUOTE", ((content.start, content.end),), attrs, content.factor)
        self.link("HAS_CUE", quote, tail=cue_key, score=cue.form.score)
        if speaker.mention is not None:
            self.link("ATTRIBUTED_TO", quote, tail=speaker.mention, score=speaker.score)
        else:
            self.link("ATTRIBUTED_TO", quote, entity=speaker.entity, score=speaker.score)
        if medium is not None:
            self.link("VIA_MEDIUM", quote, tail=medium, score=0.7)
        return quote

    def open_quote(self, content: Content, quote: int) -> None:
        if content.open_ended:
            self._open.append((content.start, content.end, quote))

    def covered(self, offset: int, next_key: str) -> bool:
        """Whether a cue at ``offset`` lies in an open-ended quote; a new «...: » ends that quote."""
        for n, (start, end, key) in enumerate(self._open):
            if not start <= offset < end:
                continue
            if next_key != COLON:
                return True
            boundary = max((self.view.text.rfind(ch, start, offset) for ch in _SENTENCE_ENDS), default=-1)
            cut = self.view.trim(start, boundary + 1) if boundary > start else None
            if cut is None:
                return True
            self._truncate(key, cut)
            self._open[n] = (cut[0], cut[1], key)
        return False

    def _remap(self, drop: int, keep: int) -> None:
        self.entities.merge(drop, keep)
        self.spans = [s if s.entity != drop else SuggestedSpan(s.key, s.label, s.fragments, s.attrs, s.score, keep)
                      for s in self.spans]
        self.links = [x if x.entity != drop else SuggestedLink(x.type, x.head, x.tail, keep, x.score)
                      for x in self.links]

    def _truncate(self, key: int, span: Fragment) -> None:
        index = key - 1
        old = self.spans[index]
        self.spans[index] = SuggestedSpan(old.key, old.label, (span,), old.attrs, old.score, old.entity)

    # -- deadlines and commitments ---------------------------------------------------------
    def add_deadlines(self, found: list[FoundTimex]) -> None:
        for timex in found:
            key = self.add("TIME_EXPR", ((timex.start, timex.end),), timex_attrs(timex),
                           0.75 if timex.has_value else 0.6)
            self._timexes.append((timex.start, timex.end, key))

    def timexes(self) -> list[tuple[int, int, int]]:
        """The time expressions found: ``(start, end, span key)``."""
        return list(self._timexes)

    def has_deadline(self, start: int, end: int) -> bool:
        """Whether a time expression lies within ``[start, end)``."""
        return self._deadline_within(start, end) is not None

    def _deadline_within(self, start: int, end: int) -> object | None:
        return next((k for s, e, k in self._timexes if start <= s and e <= end), None)

    def commitment(self, content: Content, speaker: Speaker, strength: str, score: float) -> None:
        deadline = self._deadline_within(content.start, content.end)
        attrs = {"commit_kind": "ACTION", "strength": strength, "polarity": "POS",
                 "specificity": "SPECIFIC" if deadline else "VAGUE"}
        key = self.add("COMMITMENT", ((content.start, content.end),), attrs, score)
        if speaker.mention is not None:
            self.link("COMMITTED_BY", key, tail=speaker.mention, score=speaker.score)
        else:
            self.link("COMMITTED_BY", key, entity=speaker.entity, score=speaker.score)
        if deadline is not None:
            self.link("HAS_DEADLINE", key, tail=deadline, score=0.7)

    def add_nesting(self) -> None:
        quotes = [s for s in self.spans if s.label == "QUOTE"]
        for inner in quotes:
            outer = [q for q in quotes if q.key != inner.key and q.start <= inner.start and inner.end <= q.end
                     and (q.start, q.end) != (inner.start, inner.end)]
            if outer:
                self.link("NESTED_IN", inner.key, tail=min(outer, key=lambda q: q.end - q.start).key, score=0.6)

    def result(self) -> Suggestions:
        for drop, keep in appositions(self.view, self.entities):
            self._remap(drop, keep)
        used = {s.entity for s in self.spans if s.entity is not None}
        used |= {link.entity for link in self.links if link.entity is not None}
        actors = tuple(e.actor() for e in self.entities.entities if e.key in used)
        return Suggestions(tuple(self.spans), tuple(self.links), actors)
