"""Normalise Persian time expressions (TIME_EXPR values) to ISO 8601 for the annotator to confirm.

``normalize_timex("ظرف ۲۰ روز", anchor=date(2021, 10, 20))`` →
``Timex(type="DURATION", value="P20D", resolved=date(2021, 11, 9), mod="WITHIN", ...)``.

The normaliser never guesses: what it cannot read exactly raises :class:`TimexError`.
Rules, relative to the *anchor* (the document's publication date, "DCT"):

* **Calendar arithmetic** is Jalali: «یک ماه» from 28 مهر is 28 آبان; a day that does not
  exist in the target month is clamped to its last day (31 شهریور + 1 month = 30 مهر).
* **Durations** (``P20D``, ``P1M``, ``P2W``, ``PT48H``): ``resolved`` = anchor + duration,
  or anchor − duration after «گذشته/اخیر» («سه سال گذشته»). It is None without an anchor,
  and None (with a note) when the duration does not land on one calendar day
  (``P1.5M``, ``PT36H``). Halves are exact ISO decimals: «یک و نیم سال» = ``P1.5Y``.
* **«N unit دیگر/بعد/پیش/قبل»** is a DATE: the day anchor ± N units («دو هفته پیش»).
* **Weeks** start on Saturday (Iranian week, Saturday–Friday). A week's ``value`` is the ISO
  week holding its Monday (e.g. ``2021-W43``), ``resolved``/``end`` its exact Saturday/Friday.
* **Jalali months, seasons, half-years and years** have no ISO 8601 name, so their ``value``
  is an ISO interval ``start/end`` (``2021-09-23/2021-10-22`` for مهر ۱۴۰۰);
  Gregorian months and years keep ``2021-10`` and ``2021``. For any period
  ``resolved`` is its first day and ``end`` its last day.
* **Month names without a year** («شهریور», «۱۵ خرداد», «پایان شهریور»): in a deadline
  («تا ...», «قبل از ...») the next such date on/after the anchor (a period counts while its
  last day is on/after it), so «تا پایان شهریور» on 28 مهر ۱۴۰۰ is 31 شهریور ۱۴۰۱; otherwise
  the one in the anchor's Jalali year. Bare «سال/ماه/هفته» in «پایان سال», «اول ماه» mean the
  current one and roll the same way under a deadline («تا اول سال» = next Nowruz).
* **Ranges** «A تا B» (also «از A تا B», «بین A تا B») give A in ``value``/``resolved`` and B in
  ``value_max``/``end``; a bare number borrows the other end's unit («۲ تا ۳ روز»,
  «۱ تا ۱۵ مهر»). «از A تا B» has no mod. A year-less B counts on/after A.
* **Years**: 4 digits 1200–1599 are Jalali, 1600–2399 Gregorian; «شمسی/میلادی» override.
  A number alone that is not such a year is rejected. Hijri Qamari dates are rejected
  (Iran's lunar calendar follows moon sighting, so no exact conversion exists).
* **Modifiers**: ظرف/طی/در مدت = WITHIN, تا = BY, «قبل از/پیش از» = BY (noted),
  از = FROM, حدود/تقریبا = APPROX; «در» alone is WITHIN before a duration. When two apply
  («تا حدود ۱۰ روز») the first is ``mod`` and the other goes to ``note``.
* **Clock times**: «ساعت ۱۰ صبح فردا» → TIME ``2021-10-21T10:00``; «فردا صبح» → ``2021-10-21TMO``.
  An hour without صبح/عصر/شب is read on the 24-hour clock (noted).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Literal

from annotator import timex_words as W
from annotator.errors import AnnotatorError

__all__ = ["Timex", "TimexError", "normalize_timex", "parse_anchor", "parse_persian_number"]

TimexType = Literal["DATE", "DURATION", "TIME", "SET"]
Mod = Literal["BY", "WITHIN", "FROM", "APPROX"]
Calendar = Literal["JALALI", "GREGORIAN", "HIJRI_QAMARI"]
Bounds = W.Bounds


class TimexError(AnnotatorError):
    """A time expression the normaliser cannot read exactly; the message says why."""


@dataclass(frozen=True)
class Timex:
    """One normalised time expression.

    ``value`` is ISO 8601 (``P20D``, ``2021-10-20``, ``2021-W43``, ``2021``, or ``start/end``
    for Jalali months/years); ``resolved`` is the calendar date it points to (anchor + duration
    for durations, first day for periods), None without an anchor for relative durations and
    for SETs; ``anchor`` is "DCT" when the anchor was used. ``value_max``/``end`` are set only
    for ranges (upper bound) and periods (``end`` = last day); ``note`` carries caveats the
    annotator should see (a second modifier, a 24-hour reading, no exact day).
    """

    type: TimexType
    value: str
    resolved: dt.date | None
    mod: Mod | None
    calendar: Calendar | None
    anchor: Literal["DCT", "NONE"]
    text: str
    value_max: str | None = None
    end: dt.date | None = None
    note: str | None = None

    def to_json(self) -> dict[str, Any]:
        """JSON-ready dict; ``value_max``, ``end`` and ``note`` appear only when set."""
        out: dict[str, Any] = {
            "type": self.type,
            "value": self.value,
            "resolved": self.resolved.isoformat() if self.resolved else None,
            "mod": self.mod,
            "calendar": self.calendar,
            "anchor": self.anchor,
            "text": self.text,
        }
        if self.value_max is not None:
            out["value_max"] = self.value_max
        if self.end is not None:
            out["end"] = self.end.isoformat()
        if self.note:
            out["note"] = self.note
        return out


def parse_persian_number(text: str) -> int | None:
    """Digits in any script (``۲۰``, ``٢٠``, ``20``, ``۱٬۰۰۰``) or number words
    (``بیست و پنج``, ``هزار و چهارصد``) → int; None if ``text`` is not one whole number."""
    return W.parse_number_tokens(W.tokens(text))


# --------------------------------------------------------------------------- parse state


@dataclass
class _Ctx:
    text: str
    anchor: dt.date | None
    after: dt.date | None = None  # roll year-less dates to on/after this (deadlines, range ends)
    after_is_anchor: bool = False
    used_anchor: bool = False

    def fail(self, reason: str) -> TimexError:
        return TimexError(f"cannot read «{self.text}»: {reason}")

    def need_anchor(self) -> dt.date:
        if self.anchor is None:
            raise self.fail("it is relative to the publication date: give an anchor date")
        self.used_anchor = True
        return self.anchor

    def ref(self) -> dt.date:
        """The date a year-less or bare period is taken relative to."""
        if self.after is None:
            return self.need_anchor()
        self.used_anchor |= self.after_is_anchor
        return self.after


@dataclass(frozen=True)
class _Span:
    """A calendar span; ``build(k)`` gives the k-th next occurrence when ``rolls``."""

    kind: str
    calendar: str | None
    build: Callable[[int], Bounds]
    rolls: bool = False


@dataclass(frozen=True)
class _Reading:
    type: str
    value: str
    resolved: dt.date | None
    calendar: str | None = None
    end: dt.date | None = None
    value_max: str | None = None
    notes: tuple[str, ...] = field(default=())


def _fixed(kind: str, bounds: Bounds, calendar: str | None = None) -> _Span:
    return _Span(kind, calendar or W.KIND_CALENDAR.get(kind), lambda k: bounds)


def _build(span: _Span, ctx: _Ctx, k: int) -> Bounds:
    try:
        return span.build(k)
    except (ValueError, OverflowError) as exc:
        raise ctx.fail(f"not a valid date ({exc})") from None


def _pick(span: _Span, ctx: _Ctx) -> Bounds:
    """Occurrence 0, or the next one when a deadline's span already ended before ``ctx.after``."""
    bounds = _build(span, ctx, 0)
    if span.rolls and ctx.after is not None and bounds[1] < ctx.after:
        bounds = _build(span, ctx, 1)
    return bounds


# --------------------------------------------------------------------------- spans (DATE)

_YMD = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$")
_DMY = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
_YM = re.compile(r"^(\d{4})[-/](\d{1,2})$")


def _is_jalali_year(year: int) -> bool:
    return year < 1600


def _numeric_span(tok: str, ctx: _Ctx) -> _Span | None:
    """``1400/07/28``, ``1400-7-28``, ``28/7/1400``, ``2021-10-20``, ``1400/07``, ``2021-10``."""
    if m := _YMD.match(tok):
        year, month, day = (int(x) for x in m.groups())
    elif m := _DMY.match(tok):
        day, month, year = (int(x) for x in m.groups())
        if not _is_jalali_year(year):
            raise ctx.fail(f"{tok}: day/month order is ambiguous in Gregorian dates, write YYYY-MM-DD")
    elif m := _YM.match(tok):
        year, month = int(m[1]), int(m[2])
        if _is_jalali_year(year):
            return _Span("jmonth", "JALALI", lambda k: W.jalali_month(year, month))
        return _Span("gmonth", "GREGORIAN", lambda k: W.gregorian_month(year, month))
    else:
        return None
    calendar = "JALALI" if _is_jalali_year(year) else "GREGORIAN"
    try:
        day_ = W.jalali_date(year, month, day) if calendar == "JALALI" else dt.date(year, month, day)
    except ValueError as exc:
        raise ctx.fail(f"{tok} is not a valid {calendar.title()} date ({exc})") from None
    return _fixed("day", (day_, day_), calendar)


def _strip_suffix(toks: list[str]) -> tuple[list[str], str | None]:
    for table, calendar in ((W.JALALI_SUFFIXES, "JALALI"), (W.GREGORIAN_SUFFIXES, "GREGORIAN")):
        for words in sorted(table, key=len, reverse=True):
            if len(toks) > len(words) and tuple(toks[-len(words):]) == words:
                return toks[: -len(words)], calendar
    return toks, None


def _year_span(toks: list[str], ctx: _Ctx) -> _Span | None:
    """«سال ۱۴۰۱», «۱۴۰۱», «سال هزار و چهارصد», «۲۰۲۱ میلادی»."""
    with_word = toks[:1] == [W.YEAR_WORD]
    rest, hint = _strip_suffix(toks[1:] if with_word else toks)
    if with_word or hint:
        year = W.parse_number_tokens(rest)
    else:
        year = int(rest[0]) if len(rest) == 1 and re.fullmatch(r"\d{4}", rest[0]) else None
    if year is None:
        return None
    if hint is None and not 1200 <= year < 2400:
        raise ctx.fail(f"year {year}: write the year in full, or add شمسی/میلادی")
    if (hint or ("JALALI" if _is_jalali_year(year) else "GREGORIAN")) == "JALALI":
        return _Span("jyear", "JALALI", lambda k: W.jalali_year(year))
    return _Span("gyear", "GREGORIAN", lambda k: (dt.date(year, 1, 1), dt.date(year, 12, 31)))


def _year_part(toks: list[str], ctx: _Ctx, kind: str) -> tuple[bool, int | None]:
    """After a month or season name: (matched, year) – year None when absent."""
    if not toks:
        return True, None
    span = _span(toks, ctx)
    if span is None or span.kind != kind:
        return False, None
    start = _build(span, ctx, 0)[0]
    return True, W.to_jalali(start).year if kind == "jyear" else start.year


def _named_month(toks: list[str], ctx: _Ctx, day: int | None) -> _Span | None:
    """A Jalali/Gregorian month name (optionally after a day, before a year) or a season."""
    if not toks:
        return None
    name, rest = toks[0], toks[1:]
    if rest[:1] == [W.MONTH_WORD]:
        rest = rest[1:]
    if name in W.JALALI_MONTHS or (name in W.SEASONS and day is None):
        kind, calendar, year_kind = ("jmonth" if name in W.JALALI_MONTHS else "season"), "JALALI", "jyear"
    elif name in W.GREGORIAN_MONTHS:
        kind, calendar, year_kind = "gmonth", "GREGORIAN", "gyear"
    else:
        return None
    matched, year = _year_part(rest, ctx, year_kind)
    if not matched:
        return None

    def bounds(y: int) -> Bounds:
        if kind == "season":
            first = W.SEASONS[name] * 3 + 1
            return W.jalali_month(y, first)[0], W.jalali_month(y, first + 2)[1]
        if kind == "jmonth":
            b = W.jalali_month(y, W.JALALI_MONTHS[name])
            return b if day is None else (W.jalali_date(y, W.JALALI_MONTHS[name], day),) * 2
        b = W.gregorian_month(y, W.GREGORIAN_MONTHS[name])
        return b if day is None else (dt.date(y, W.GREGORIAN_MONTHS[name], day),) * 2

    out_kind = kind if day is None else "day"
    if year is not None:
        return _Span(out_kind, calendar, lambda k: bounds(year))
    ref = ctx.ref()
    base = W.to_jalali(ref).year if calendar == "JALALI" else ref.year
    return _Span(out_kind, calendar, lambda k: bounds(base + k), rolls=True)


def _span(toks: list[str], ctx: _Ctx, *, bare_ok: bool = False) -> _Span | None:
    """A calendar period: year, Jalali/Gregorian month, season, week, half-year, relative unit."""
    t = tuple(toks)
    if not t:
        return None
    for words, half in W.HALF_OF.items():
        if t[: len(words)] == words:
            inner = _span(toks[len(words):], ctx, bare_ok=True)
            if inner is None or inner.kind not in ("jyear", "jmonth"):
                return None
            return _Span("half", "JALALI", lambda k, i=inner, h=half: W.half_of(i.build(k), i.kind, h),
                         inner.rolls)
    if len(t) == 1 and t[0] in W.PERIOD_UNITS and bare_ok:
        unit, ref = W.PERIOD_UNITS[t[0]], ctx.ref()
        return _Span(W.UNIT_KIND[unit], W.KIND_CALENDAR.get(W.UNIT_KIND[unit]),
                     lambda k: W.unit_bounds(unit, ref, k), rolls=True)
    relative = None
    if t in W.PERIOD_WORDS:
        relative = W.PERIOD_WORDS[t]
    elif len(t) == 2 and t[:1] in W.THIS and t[1] in W.PERIOD_UNITS:
        relative = W.PERIOD_UNITS[t[1]], 0
    elif len(t) >= 2 and t[0] in W.PERIOD_UNITS and t[1:] in W.PERIOD_DIRECTIONS:
        relative = W.PERIOD_UNITS[t[0]], W.PERIOD_DIRECTIONS[t[1:]]
    if relative is not None:
        unit, offset = relative
        return _fixed(W.UNIT_KIND[unit], W.unit_bounds(unit, ctx.need_anchor(), offset))
    if len(t) == 1 and (numeric := _numeric_span(t[0], ctx)):
        return numeric
    if (year := _year_span(toks, ctx)) is not None:
        return year
    if t[0] in (W.MONTH_WORD, W.SEASON_WORD) and len(t) > 1:
        toks = toks[1:]
    return _named_month(toks, ctx, None)


def _edge(toks: list[str], ctx: _Ctx) -> _Span | None:
    """«پایان/آخر/انتهای X» → last day of X; «ابتدای/اول/آغاز X» → its first day."""
    for table, which in ((W.EDGE_START, 0), (W.EDGE_END, 1)):
        for words in table:
            if tuple(toks[: len(words)]) == words and len(toks) > len(words):
                inner = _span(toks[len(words):], ctx, bare_ok=True)
                if inner is not None:
                    def build(k: int, i: _Span = inner, w: int = which) -> Bounds:
                        edge = i.build(k)[w]
                        return edge, edge
                    return _Span("day", inner.calendar, build, inner.rolls)
    return None


def _day_month(toks: list[str], ctx: _Ctx) -> _Span | None:
    """«۲۸ مهر ۱۴۰۰», «بیست و هشتم مهرماه», «اول فروردین سال آینده», «20 اکتبر 2021»."""
    found = W.match_day_number(toks, 0)
    if found is None or found[1] >= len(toks):
        return None
    day, i = found
    span = _named_month(toks[i:], ctx, day)
    if span is not None and not 1 <= day <= 31:
        raise ctx.fail(f"day {day} is not a day of the month")
    return span


def _date_span(toks: list[str], ctx: _Ctx) -> _Span | None:
    weekday = None
    while len(toks) > 1 and (toks[0] in W.WEEKDAYS or
                             (toks[0] == W.DAY_WORD and tuple(toks[1:]) not in W.PERIOD_DIRECTIONS)):
        weekday = W.WEEKDAYS.get(toks[0], weekday)
        toks = toks[1:]
    if (t := tuple(toks)) in W.DEICTIC_DAYS:
        d = ctx.need_anchor() + dt.timedelta(days=W.DEICTIC_DAYS[t])
        span: _Span | None = _fixed("day", (d, d))
    else:
        span = _day_month(toks, ctx) or _edge(toks, ctx) or _span(toks, ctx)
    if span is None or weekday is None:
        return span
    if span.kind != "day":
        raise ctx.fail("a weekday can only name a single day")

    def checked(k: int, s: _Span = span) -> Bounds:
        bounds = s.build(k)
        if bounds[0].weekday() != weekday:
            raise ctx.fail(f"{bounds[0].isoformat()} is not that weekday")
        return bounds

    return _Span(span.kind, span.calendar, checked, span.rolls)


def _date(toks: list[str], ctx: _Ctx) -> _Reading | None:
    span = _date_span(toks, ctx)
    if span is None:
        return None
    start, end = _pick(span, ctx)
    return _Reading("DATE", W.span_value(span.kind, start, end), start, span.calendar,
                    end=end if end != start else None)


# --------------------------------------------------------------------------- durations, sets, times

def _quantity(toks: list[str], ctx: _Ctx) -> _Reading | None:
    """«ظرف ۲۰ روز», «سه سال», «یک و نیم سال», «دو هفته پیش», «۳ روز دیگر», «۶ ماه آینده»."""
    found = W.match_quantity(toks, 0)
    if found is None:
        return None
    amount, i = found
    if toks[i : i + 1] == [W.NIGHT_AND]:
        i += 1
    if i >= len(toks) or toks[i] not in W.UNITS:
        return None
    designator, multiple = W.UNITS[toks[i]]
    i += 1
    if toks[i : i + 2] == ["و", W.HALF] and amount.denominator == 1:
        amount, i = amount + Fraction(1, 2), i + 2
    rest = tuple(toks[i:])
    direction = W.QUANTITY_DIRECTIONS.get(rest) if rest else "future"
    if direction is None:
        return None
    if amount <= 0:
        raise ctx.fail("a duration of zero")
    amount *= multiple
    value = W.iso_duration(amount, designator)
    calendar = "JALALI" if designator in ("Y", "M") else None
    if direction in ("later", "ago"):
        day = W.shift(ctx.need_anchor(), amount, designator, 1 if direction == "later" else -1)
        if day is None:
            raise ctx.fail(f"{value} from the anchor does not fall on one calendar day")
        return _Reading("DATE", day.isoformat(), day, calendar)
    if ctx.anchor is None:
        return _Reading("DURATION", value, None, calendar)
    ctx.used_anchor = True
    resolved = W.shift(ctx.anchor, amount, designator, -1 if direction == "past" else 1)
    notes = () if resolved else (f"{value} does not end on one calendar day",)
    return _Reading("DURATION", value, resolved, calendar, notes=notes)


def _set(toks: list[str], ctx: _Ctx) -> _Reading | None:
    """«روزانه», «هر هفته», «هر دو ماه» → SET with a period value."""
    if (t := tuple(toks)) in W.SETS:
        return _Reading("SET", W.SETS[t], None)
    if toks[:1] == [W.EVERY] and (found := W.match_quantity(toks, 1)):
        amount, i = found
        if i == len(toks) - 1 and toks[i] in W.UNITS:
            designator, multiple = W.UNITS[toks[i]]
            return _Reading("SET", W.iso_duration(amount * multiple, designator), None)
    return None


_CLOCK = re.compile(r"^(\d{1,2})(?::(\d{2}))?$")


def _match_part(toks: list[str], i: int) -> tuple[str, int] | None:
    for words in sorted(W.PARTS_OF_DAY, key=len, reverse=True):
        if tuple(toks[i : i + len(words)]) == words:
            return W.PARTS_OF_DAY[words], i + len(words)
    return None


def _split_part(toks: list[str]) -> tuple[str, list[str]] | None:
    """A part of the day at the start or end of ``toks``, and the rest."""
    for words in sorted(W.PARTS_OF_DAY, key=len, reverse=True):
        n = len(words)
        if len(toks) > n and tuple(toks[:n]) == words:
            return W.PARTS_OF_DAY[words], toks[n:]
        if len(toks) > n and tuple(toks[-n:]) == words:
            return W.PARTS_OF_DAY[words], toks[:-n]
    return None


def _to_24h(hour: int, part: str | None, ctx: _Ctx) -> int:
    """A clock hour with صبح/ظهر/عصر/شب on the 24-hour clock («۸ شب» = 20, «۱۲ شب» = 24)."""
    if hour > 24 or (part == "MO" and hour > 12):
        raise ctx.fail(f"{hour} is not a clock hour" + (" in that part of the day" if part else ""))
    if part is None or hour > 12:
        return hour
    if part == "MO":
        return hour % 12
    if part == "MI":
        return hour if hour >= 11 else hour + 12
    if part == "NI":
        return 24 if hour == 12 else hour + 12 if hour >= 6 else hour
    return hour if hour == 12 else hour + 12  # AF, EV


def _day_of(toks: list[str], ctx: _Ctx) -> tuple[dt.date, str | None]:
    if not toks:
        return ctx.need_anchor(), None
    span = _date_span(toks, ctx)
    if span is None or span.kind != "day":
        raise ctx.fail("a clock time needs a single day")
    return _pick(span, ctx)[0], span.calendar


def _time(toks: list[str], ctx: _Ctx) -> _Reading | None:
    """«ساعت ۱۰ صبح فردا», «فردا ساعت ۱۴:۳۰», «امشب», «صبح امروز»."""
    if (t := tuple(toks)) in W.DEICTIC_TIMES:
        offset, part = W.DEICTIC_TIMES[t]
        day = ctx.need_anchor() + dt.timedelta(days=offset)
        return _Reading("TIME", f"{day.isoformat()}T{part}", day)
    for i, tok in enumerate(toks):
        if tok != W.CLOCK or i + 1 >= len(toks):
            continue
        if m := _CLOCK.match(toks[i + 1]):
            hour, minute, j = int(m[1]), int(m[2] or 0), i + 2
        elif found := W.match_number(toks, i + 1):
            (hour, j), minute = found, 0
        else:
            continue
        part_found = _match_part(toks, j)
        part, j = part_found if part_found else (None, j)
        day, calendar = _day_of(toks[:i] + toks[j:], ctx)
        hour = _to_24h(hour, part, ctx)
        if minute > 59 or (hour == 24 and minute):
            raise ctx.fail(f"{hour}:{minute:02d} is not a clock time")
        notes = (f"hour {hour} read on the 24-hour clock",) if part is None and hour <= 12 else ()
        return _Reading("TIME", f"{day.isoformat()}T{hour:02d}:{minute:02d}", day, calendar, notes=notes)
    if split := _split_part(toks):  # «فردا صبح», «صبح امروز»
        part, rest = split
        if (span := _date_span(rest, ctx)) and span.kind == "day":
            day = _pick(span, ctx)[0]
            return _Reading("TIME", f"{day.isoformat()}T{part}", day, span.calendar)
    return None


# --------------------------------------------------------------------------- top level

_MOD_OF = {"BY": "BY", "BEFORE": "BY", "WITHIN": "WITHIN", "FROM": "FROM", "APPROX": "APPROX"}


def _strip_modifiers(toks: list[str]) -> tuple[list[str], list[str]]:
    codes: list[str] = []
    ordered = sorted(W.MODIFIERS, key=len, reverse=True)
    while True:
        words = next((w for w in ordered if tuple(toks[: len(w)]) == w and len(toks) > len(w)), None)
        if words is None:
            break
        codes.append(W.MODIFIERS[words])
        toks = toks[len(words):]
    if "FROM" in codes:
        for tail in W.FROM_TAILS:
            if len(toks) > len(tail) and tuple(toks[-len(tail):]) == tail:
                toks = toks[: -len(tail)]
    return toks, codes


def _resolve_mod(codes: list[str], reading: _Reading, is_range: bool) -> tuple[str | None, list[str]]:
    mod, notes = None, []
    for code in codes:
        m = _MOD_OF.get(code) or ("WITHIN" if code == "IN" and reading.type == "DURATION" else None)
        if code == "BEFORE":
            notes.append("«قبل از/پیش از» (before) read as BY")
        if m is None or m == mod:
            continue
        if mod is None:
            mod = m
        else:
            notes.append(f"also {m}")
    if is_range and mod == "FROM":
        mod = None
    return mod, notes


def _simple(toks: list[str], ctx: _Ctx) -> _Reading:
    for parser in (_set, _time, _quantity, _date):
        if (reading := parser(toks, ctx)) is not None:
            return reading
    if toks[0] in W.UNITS:
        raise ctx.fail(f"no number before «{toks[0]}»")
    if (found := W.match_quantity(toks, 0)) and found[1] == len(toks):
        raise ctx.fail("a number alone is not a time expression")
    raise ctx.fail("no number, date or known expression")


def _complete_left(left: list[str], right: list[str]) -> list[str]:
    """Give «۲ تا ۳ روز» and «۱ تا ۱۵ مهر» their shared unit, «۲۰ روز تا یک ماه آتی» its direction."""
    found = W.match_quantity(left, 0)
    if found and found[1] == len(left) and (other := W.match_quantity(right, 0)):
        return left + right[other[1]:]
    if left[-1] in W.UNITS:
        for words in sorted(W.QUANTITY_DIRECTIONS, key=len, reverse=True):
            if tuple(right[-len(words):]) == words:
                return left + list(words)
    names = {W.MONTH_WORD, *W.JALALI_MONTHS, *W.GREGORIAN_MONTHS}
    if left[-1] in names and re.fullmatch(r"\d{4}", right[-1]):
        return [*left, right[-1]]
    return left


def _range(toks: list[str], ctx: _Ctx) -> _Reading:
    cut = toks.index(W.UNTIL, 1)
    left, right = toks[:cut], toks[cut + 1:]
    if not right:
        raise ctx.fail("a range with no end after «تا»")
    low = _simple(_complete_left(left, right), ctx)
    if low.resolved is not None:
        ctx.after, ctx.after_is_anchor = low.resolved, False
    high = _simple(right, ctx)
    if low.type != high.type:
        raise ctx.fail(f"the range mixes a {low.type} and a {high.type}")
    last = high.end or high.resolved
    if low.resolved and last and last < low.resolved:
        raise ctx.fail("the range ends before it starts")
    return _Reading(low.type, low.value, low.resolved, low.calendar or high.calendar, end=last,
                    value_max=high.value, notes=low.notes + high.notes)


def normalize_timex(expression: str, *, anchor: dt.date | None = None) -> Timex:
    """Read a Persian time expression; relative ones are resolved against ``anchor``.

    Raises :class:`TimexError` for anything it cannot read exactly (it never guesses).
    """
    ctx = _Ctx(expression.strip(), anchor)
    toks = W.tokens(expression)
    if not toks:
        raise ctx.fail("empty expression")
    if hijri := next((t for t in toks if t in W.HIJRI_MARKERS), None):
        raise ctx.fail(f"«{hijri}»: Hijri Qamari dates are not supported (no exact conversion)")
    if vague := next((t for t in toks if t in W.VAGUE), None):
        raise ctx.fail(f"«{vague}» is a vague quantity with no exact value")
    toks, codes = _strip_modifiers(toks)
    if {"BY", "BEFORE"} & set(codes) and anchor is not None:
        ctx.after, ctx.after_is_anchor = anchor, True
    is_range = W.UNTIL in toks[1:]
    if "BETWEEN" in codes and not is_range:
        raise ctx.fail("«بین» needs a range «A تا B»")
    reading = _range(toks, ctx) if is_range else _simple(toks, ctx)
    mod, notes = _resolve_mod(codes, reading, is_range)
    return Timex(
        type=reading.type,  # type: ignore[arg-type]
        value=reading.value,
        resolved=reading.resolved,
        mod=mod,  # type: ignore[arg-type]
        calendar=reading.calendar,  # type: ignore[arg-type]
        anchor="DCT" if ctx.used_anchor else "NONE",
        text=expression,
        value_max=reading.value_max,
        end=reading.end,
        note="; ".join([*notes, *reading.notes]) or None,
    )


def parse_anchor(text: str) -> dt.date:
    """A publication date: Gregorian ``2021-10-20``, Jalali ``1400/07/28`` or «۲۸ مهر ۱۴۰۰»."""
    try:
        timex = normalize_timex(text)
    except TimexError as exc:
        raise TimexError(f"bad anchor: {exc}") from None
    if timex.type != "DATE" or timex.resolved is None or timex.end is not None or timex.mod:
        raise TimexError(f"bad anchor «{text.strip()}»: give one day, "
                         "as YYYY-MM-DD (Gregorian) or YYYY/MM/DD (Jalali)")
    return timex.resolved
