"""Where what was said begins and ends, for each way a cue can introduce it.

* «X گفت: ...» runs to the end of the paragraph, or is the «» that follows the colon
  (several paragraphs when each reopens with «) — DIRECT.
* «X گفت که ...» runs to the end of the sentence — INDIRECT, or MIXED with a «»-quoted fragment.
* «X گفت، «...»» is DIRECT; «X اعلام کرد، ...» and «X می‌گوید ...» (no که) are INDIRECT.
* ««...»، این را X گفت.» takes the «» before the cue — DIRECT.
* «با بیان اینکه ...، گفت» ends at the last comma before the main verb; «با اشاره به ...» at the
  first comma (a reported summary).
"""

from __future__ import annotations

from dataclasses import dataclass

from annotator.preannotate import lexicon as lx
from annotator.preannotate.regions import Region
from annotator.preannotate.view import COMMAS, DocView

KE = lx.key("که")
COLON = ":"
NO_BARE_AFTER = frozenset(lx.key(w) for w in ["و", "ولی", "اما", "تا", "را", "هم", "نیز", "که"])
BARE_PRESENT = frozenset({"present"})
MIN_MIXED_WORDS = 3
_OPENING_MARKS = '«"“'


@dataclass(frozen=True, slots=True)
class Content:
    """What a cue introduces: offsets, quote type, a confidence factor, and whether it is open-ended."""

    start: int
    end: int
    quote_type: str
    factor: float
    open_ended: bool = False  # a colon quote that runs to the paragraph end
    summary: bool = False


def _words(view: DocView, start: int, end: int) -> int:
    return len(view.text[start:end].split())


def _typed(view: DocView, start: int, end: int, factor: float) -> Content | None:
    """INDIRECT, or MIXED when a «»-quoted fragment of a few words sits inside."""
    if end <= start:
        return None
    span = view.trim(start, end)
    if span is None:
        return None
    whole = view.regions.starting_at(span[0])
    if whole is not None and whole.close >= span[1] - 1:
        return Content(whole.open + 1, whole.close, "MIXED", factor) if _trim_region(view, whole) else None
    mixed = any(_words(view, *r.content) >= MIN_MIXED_WORDS for r in view.regions.inside(*span))
    return Content(*span, "MIXED" if mixed else "INDIRECT", factor)


def _trim_region(view: DocView, region: Region) -> tuple[int, int] | None:
    return view.trim(*region.content)


def _region_content(view: DocView, region: Region, factor: float) -> Content | None:
    span = _trim_region(view, region)
    return Content(*span, "DIRECT", factor) if span else None


def _ends_after(view: DocView, at: int, stop: int) -> bool:
    """Whether nothing but punctuation, or a new sentence, follows ``at`` before ``stop``."""
    rest = view.text[at:stop].lstrip(" \u200c")
    return not any(ch.isalnum() for ch in rest) or rest[0] in ".؛;!؟?"


def _closes_sentence(view: DocView, region: Region) -> bool:
    """«...می‌شود.» — the quoted words end with a full stop, so what follows is a new sentence."""
    inner = view.text[region.open + 1:region.close].rstrip()
    return bool(inner) and inner[-1] in ".!؟?"


def colon(view: DocView, colon_token: int, factor: float) -> Content | None:
    """After «:»: the «» that follows, else the rest of the paragraph."""
    if colon_token + 1 >= len(view):
        return None
    start = view.tokens[colon_token + 1][0]
    _, para_end = view.paragraph(view.tokens[colon_token][0])
    if start >= para_end:
        return None
    region = view.regions.starting_at(start)
    if region is not None and (region.multi or _closes_sentence(view, region)
                               or _ends_after(view, region.close + 1, para_end)):
        return _region_content(view, region, factor)
    if view.text[start] in _OPENING_MARKS and region is None:  # a mark that never closes here
        start += 1
    span = view.trim(start, para_end)
    return Content(*span, "DIRECT", factor, open_ended=True) if span else None


def after_comma(view: DocView, comma_token: int, limit: int, factor: float, *,
                text_factor: float = 0.7) -> Content | None:
    """«گفت، «...»» is DIRECT; «اعلام کرد، ...» is INDIRECT (at ``text_factor`` of the confidence)."""
    if comma_token + 1 >= len(view):
        return None
    start = view.tokens[comma_token + 1][0]
    region = view.regions.starting_at(start)
    if region is not None and _ends_after(view, region.close + 1, view.clause_end(start)):
        return _region_content(view, region, factor * 0.95)
    return _typed(view, start, view.clause_end(start, limit), factor * text_factor)


def that_clause(view: DocView, first_token: int, limit: int, factor: float) -> Content | None:
    """The که-clause (or a bare complement) from token ``first_token`` to the end of the sentence."""
    if first_token >= len(view):
        return None
    start = view.tokens[first_token][0]
    return _typed(view, start, view.clause_end(start, limit), factor)


def region_after(view: DocView, token: int, factor: float) -> Content | None:
    """«نوشت «...»»: a «» right after the cue."""
    if token >= len(view):
        return None
    region = view.regions.starting_at(view.tokens[token][0])
    return _region_content(view, region, factor) if region is not None else None


def before(view: DocView, cue_start: int, factor: float) -> tuple[Content, int] | None:
    """«...»، این را X گفت.»: the «» closing before the cue, and the offset the speaker search starts at."""
    para_start, _ = view.paragraph(cue_start)
    region = view.regions.closing_before(cue_start, para_start)
    if region is None or _words(view, region.close + 1, cue_start) > 10:
        return None
    after = view.text[region.close + 1:cue_start].lstrip(" .")
    if not after or after[0] not in "،,":
        return None
    content = _region_content(view, region, factor)
    return (content, region.close + 1) if content else None


def bare(view: DocView, token: int, sentence_end: int, form: lx.CueForm, limit: int) -> Content | None:
    """A complement with no که: «X می‌گوید نرخ تورم ...» (present forms trusted more)."""
    if sentence_end - token < 3 or view.key_at(token) in NO_BARE_AFTER or not view.key_at(token)[:1].isalnum():
        return None
    factor = 0.6 if form.tense in BARE_PRESENT else 0.5
    return that_clause(view, token, limit, factor)


def clause_before_verb(view: DocView, cue_end: int, verb_start: int | None, sentence_end: int) -> Content | None:
    """«با بیان اینکه ...، گفت»: up to the last comma before the main verb (or the verb itself)."""
    stop = verb_start if verb_start is not None else sentence_end
    first, last = view.token_at(cue_end), view.token_at(stop)
    commas = [i for i in range(first, last) if view.keys[i] in COMMAS and not _in_region(view, i)]
    if commas:
        end = view.tokens[commas[-1]][0]
    elif verb_start is not None:
        end = verb_start
    else:
        return None
    span = view.trim(cue_end, end)
    return _typed(view, *span, 0.9) if span else None


def summary(view: DocView, cue_end: int, verb_start: int | None, sentence_end: int) -> Content | None:
    """«با اشاره به ...»: the noun phrase up to the first comma (a reported summary)."""
    stop = verb_start if verb_start is not None else sentence_end
    first, last = view.token_at(cue_end), view.token_at(stop)
    end = next((view.tokens[i][0] for i in range(first, last)
                if view.keys[i] in COMMAS and not _in_region(view, i)), stop)
    if view.token_at(end) - first > 25:
        return None
    span = view.trim(cue_end, end)
    if span is None:
        return None
    return Content(*span, "INDIRECT", 0.55, summary=True)


def _in_region(view: DocView, token: int) -> bool:
    start, end = view.tokens[token]
    return view.regions.enclosing(start, end) is not None


def colon_follows(view: DocView, token: int) -> bool:
    return view.key_at(token) == COLON


def ke_follows(view: DocView, token: int) -> bool:
    return view.key_at(token) == KE
