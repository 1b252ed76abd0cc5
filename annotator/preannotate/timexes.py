"""Deadline time expressions («ظرف ۲۰ روز»، «تا پایان سال»، «تا یک ماه آینده»): candidate
windows found by a regex, then read by :func:`annotator.timex.normalize_timex`.

Only expressions with a deadline modifier (ظرف، طی، تا، حداکثر، قبل از، از ...) are suggested.
Each window ends at a time word; the longest one the normaliser reads wins. Without a
publication date, a relative expression keeps its type and modifier but no value.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from annotator.timex import Timex, TimexError, normalize_timex

# «تا» right before «ظرف/طی/در مدت» is a conjunction, not «by» («خواست تا ظرف ۲۰ روز ...»):
# the expression starts at the duration's own modifier.
_MODIFIER = re.compile(
    r"(?<![\w\u200c])(?:حداکثر\s+)?(?:ظرف(?:\s+مدت)?|طی|در\s+مدت|در\s+طول"
    r"|تا(?:\s+قبل\s+از)?(?!\s+(?:حداکثر\s+)?(?:ظرف|طی|در\s+مدت|در\s+طول)(?![\w\u200c]))"
    r"|قبل\s+از|پیش\s+از|از|در)(?![\w\u200c])"
)
_TIME_WORDS = (
    "روز|روزه|هفته|ماه|ماهه|سال|ساله|ساعت|ساعته|دقیقه|امسال|فردا|پس‌فردا|فصل|"
    "فروردین|اردیبهشت|خرداد|تیر|مرداد|شهریور|مهر|آبان|آذر|دی|بهمن|اسفند|"
    "تیرماه|مردادماه|مهرماه|آبان‌ماه|آذرماه|دی‌ماه|بهمن‌ماه|اسفندماه|فروردین‌ماه|اردیبهشت‌ماه|"
    "خردادماه|شهریورماه|بهار|تابستان|پاییز|زمستان|آینده|آتی|دیگر|جاری|[۰-۹0-9]{4}"
)
_TIME_WORD = re.compile(rf"(?<![\w\u200c])(?:{_TIME_WORDS})(?![\w\u200c])")
_WORD = re.compile(r"[^\s،,.:؛;!؟?«»()\"]+")
_RELATIVE_ONLY = {"از", "در"}  # too common: kept only for expressions relative to today
MAX_WORDS = 8
PLACEHOLDER_ANCHOR = dt.date(2000, 6, 1)


@dataclass(frozen=True, slots=True)
class FoundTimex:
    start: int
    end: int
    timex: Timex
    has_value: bool


def _windows(text: str, start: int, limit: int) -> list[int]:
    """Possible ends of an expression that starts at ``start``: after each time word, longest first."""
    ends = []
    for i, word in enumerate(_WORD.finditer(text, start, limit)):
        if i >= MAX_WORDS:
            break
        if _TIME_WORD.fullmatch(word.group()):
            ends.append(word.end())
    return ends[::-1]


def _read(expression: str, anchor: dt.date | None) -> tuple[Timex, bool] | None:
    try:
        return normalize_timex(expression, anchor=anchor), True
    except TimexError:
        if anchor is not None:
            return None
    try:
        return normalize_timex(expression, anchor=PLACEHOLDER_ANCHOR), False
    except TimexError:
        return None


# «تا پایان فصل»: a season of a league or a school, whose dates no calendar gives. Kept as a
# deadline with its modifier but no value, for the annotator to fill in.
_SEASON_EDGE = re.compile(r"(?:تا|حداکثر\s+تا|قبل\s+از|پیش\s+از|از)\s+(?:پایان|آخر|انتهای|ابتدای|اول|آغاز)\s+فصل(?:\s+(?:جاری|آینده|بعد))?")
_SEASON_MODS = {"تا": "BY", "از": "FROM"}


def _season(text: str, start: int) -> FoundTimex | None:
    m = _SEASON_EDGE.match(text, start)
    if m is None:
        return None
    first = m.group().split()[0]
    mod = _SEASON_MODS.get(first, "BY")
    timex = Timex("DATE", "", None, mod, None, "DCT", m.group())  # type: ignore[arg-type]
    return FoundTimex(m.start(), m.end(), timex, False)


def _line_end(text: str, at: int) -> int:
    end = text.find("\n", at)
    return len(text) if end < 0 else end


def find_deadlines(text: str, *, anchor: dt.date | None = None, start: int = 0) -> list[FoundTimex]:
    """Deadline expressions of ``text`` from offset ``start``, left to right, not overlapping."""
    found: list[FoundTimex] = []
    taken = start
    for m in _MODIFIER.finditer(text, start):
        if m.start() < taken:
            continue
        modifier = re.sub(r"\s+", " ", m.group())
        for end in _windows(text, m.end(), _line_end(text, m.end())):
            read = _read(text[m.start():end], anchor)
            if read is None:
                continue
            timex, exact = read
            if modifier in _RELATIVE_ONLY and (timex.anchor != "DCT" or timex.mod is None):
                break
            if timex.type in ("DATE", "DURATION"):
                found.append(FoundTimex(m.start(), end, timex, exact))
                taken = end
            break
        else:
            season = _season(text, m.start())
            if season is not None:
                found.append(season)
                taken = season.end
    return found


def timex_attrs(found: FoundTimex) -> dict[str, object]:
    """TIME_EXPR attributes: type, value (when known), anchor, calendar and deadline modifier."""
    timex = found.timex
    attrs: dict[str, object] = {"timex_type": timex.type, "anchor": timex.anchor}
    if found.has_value or timex.anchor == "NONE":
        attrs["value"] = timex.value if timex.value_max is None else f"{timex.value}/{timex.value_max}"
    if timex.calendar:
        attrs["calendar"] = timex.calendar
    if timex.mod:
        attrs["deadline_mod"] = timex.mod
    return attrs
