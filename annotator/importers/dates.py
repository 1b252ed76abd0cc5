"""Publication dates as found in news files: ISO, Jalali (Solar Hijri), Persian digits.

:func:`parse_date` never raises: a date it cannot read is kept as written.
"""

from __future__ import annotations

import functools
import re
from datetime import date, datetime

import jdatetime

_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "0123456789" * 2)
_LETTERS = str.maketrans({"ي": "ی", "ك": "ک", "\u200c": " "})

JALALI_YEARS = range(1200, 1501)  # a 4-digit year in this range is a Solar Hijri year

_NUMERIC = re.compile(
    r"(?P<y>\d{4})\s*[/\-.]\s*(?P<m>\d{1,2})\s*[/\-.]\s*(?P<d>\d{1,2})"
    r"(?:(?:\s*[T,،]\s*|\s+(?:-\s*)?|\s*-\s*)(?P<time>\d{1,2}:\d{2}(?::\d{2})?))?"
)
_MONTHS = (
    "فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور",
    "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند",
)
_WORDS = re.compile(
    r"(?<!\d)(?P<d>\d{1,2})\s*(?P<month>" + "|".join(_MONTHS) + r")(?:\s*ماه)?\s*(?P<y>\d{4})(?!\d)"
)


def parse_date(value: object) -> tuple[str | None, str | None]:
    """Return ``(iso, original)`` for a date as written in an input file.

    ``iso`` is ``YYYY-MM-DD`` (or a full ISO datetime when a time was given), or None.
    ``original`` is the value as written when it was not already that ISO string
    (a Jalali date, Persian digits, slashes, an unreadable date), else None.
    """
    if value is None:
        return None, None
    original = str(value).strip()
    if not original:
        return None, None
    try:
        iso = _parse(original)
    except (ValueError, OverflowError, TypeError):
        iso = None
    return iso, (None if iso == original else original)


@functools.lru_cache(maxsize=4096)  # news files repeat the same few dates
def _parse(text: str) -> str | None:
    ascii_text = text.translate(_DIGITS)
    iso = _parse_iso(ascii_text)
    if iso:
        return iso
    match = _NUMERIC.fullmatch(ascii_text)
    if match:
        return _convert(int(match["y"]), int(match["m"]), int(match["d"]), match["time"])
    match = _WORDS.search(ascii_text.translate(_LETTERS))
    if match:
        month = _MONTHS.index(match["month"]) + 1
        return _convert(int(match["y"]), month, int(match["d"]), None, jalali_only=True)
    return None


def _parse_iso(text: str) -> str | None:
    """An ISO 8601 date or datetime with a Gregorian year, normalised; else None."""
    if not re.fullmatch(r"\d{4}-?\d{2}-?\d{2}([T ].*)?", text):
        return None
    if int(text[:4]) in JALALI_YEARS:
        return None
    try:
        if len(text) <= 10:
            return date.fromisoformat(text).isoformat()
        return datetime.fromisoformat(text).isoformat()
    except ValueError:
        return None


def _convert(year: int, month: int, day: int, time: str | None, *, jalali_only: bool = False) -> str | None:
    if year in JALALI_YEARS:
        day_iso = jdatetime.date(year, month, day).togregorian().isoformat()
    elif jalali_only:
        return None
    else:
        day_iso = date(year, month, day).isoformat()
    if not time:
        return day_iso
    hour, minute, second = ([int(p) for p in time.split(":")] + [0])[:3]
    return datetime.fromisoformat(day_iso).replace(hour=hour, minute=minute, second=second).isoformat()
