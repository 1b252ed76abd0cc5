"""Helpers for :mod:`annotator.timex`: canonical tokens, Persian numbers, word tables,
Jalali calendar arithmetic and ISO 8601 formatting.

Everything here is pure and Qt-free. Input text is folded to one *canonical* form
before matching, and every table below is folded the same way when the module loads,
so the tables can be written in ordinary Persian:

* Arabic ي ى ئ → ی, ك → ک, ة ۀ → ه, أ إ آ → ا (madda dropped, so «آینده» = «اینده»);
  harakat and tanwin (ً) removed, tatweel removed;
* Persian ۰-۹ and Arabic-Indic ٠-٩ digits → ASCII digits; ٫ → ``.``, ٬ → ``,``;
* ZWNJ and other spaces → one space; a month name glued to «ماه» is split
  («مهرماه» → «مهر ماه»); a few glued compounds are split («پس‌فردا», «بعدازظهر»);
* punctuation is dropped unless it sits between two digits (``۱۴۰۰/۰۷/۲۸``, ``۱۴:۳۰``),
  and digits glued to letters are split (``۲۰روز`` → ``20 روز``, ``۲۸ام`` → ``28 ام``).
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from fractions import Fraction

import jdatetime

Bounds = tuple[dt.date, dt.date]

# --------------------------------------------------------------------------- folding

_CHAR_MAP = str.maketrans(
    {
        "ي": "ی", "ى": "ی", "ئ": "ی", "ك": "ک", "ة": "ه", "ۀ": "ه",
        "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا",
        "٫": ".", "٬": ",", "،": " ", "؛": " ", "؟": " ",
        "\u200c": " ", "\u200d": "", "\u200e": "", "\u200f": "", "\u00a0": " ",
        "\u202a": "", "\u202b": "", "\u202c": "", "ـ": "",
        **{chr(0x06F0 + i): str(i) for i in range(10)},  # Persian digits
        **{chr(0x0660 + i): str(i) for i in range(10)},  # Arabic-Indic digits
    }
)
_DIACRITICS = re.compile("[\u064b-\u065f\u0670]")
# a separator is kept only between two digits: 1400/07/28, 14:30, 1,000, 1.5
_LONE_SEPARATOR = re.compile(r"(?<!\d)[.,:/\-]|[.,:/\-](?!\d)")
_OTHER_PUNCT = re.compile(r"[^\w\s.,:/\-]")
_DIGIT_LETTER = re.compile(r"(?<=\d)(?=[^\d\s.,:/\-])|(?<=[^\d\s.,:/\-])(?=\d)")

_GLUED = {  # folded single token -> tokens
    "پسفردا": ["پس", "فردا"],
    "بعدازظهر": ["بعد", "از", "ظهر"],
    "تاکنون": ["تا", "کنون"],
    "هماکنون": ["هم", "اکنون"],
    "پیشرو": ["پیش", "رو"],
    "شبانهروز": ["شبانه", "روز"],
    "سیام": ["سی", "ام"],
    "درحدود": ["در", "حدود"],
}
_WEEKDAY_PREFIXES = {"یک", "دو", "سه", "چهار", "پنج"}  # «سه شنبه» → «سهشنبه»


def fold(text: str) -> str:
    """Map letters, digits, ZWNJ and diacritics to the canonical form (no tokenising)."""
    return _DIACRITICS.sub("", text.translate(_CHAR_MAP))


def tokens(text: str) -> list[str]:
    """Split ``text`` into canonical tokens; surrounding punctuation and space vanish."""
    s = fold(text)
    s = _OTHER_PUNCT.sub(" ", s)
    s = _LONE_SEPARATOR.sub(" ", s)
    s = _DIGIT_LETTER.sub(" ", s)
    out: list[str] = []
    for tok in s.split():
        if tok == "ی":  # a detached ezafe: «هفته‌ی آینده»
            continue
        if tok in _GLUED:
            out.extend(_GLUED[tok])
        elif tok.endswith("ماه") and tok[:-3] in _MONTH_STEMS:
            out.extend([tok[:-3], "ماه"])
        elif tok == "شنبه" and out and out[-1] in _WEEKDAY_PREFIXES:
            out[-1] += "شنبه"
        else:
            out.append(tok)
    return out


def phrase(text: str) -> tuple[str, ...]:
    """The canonical token tuple of a table entry."""
    return tuple(tokens(text))


def _table(pairs: dict[str, object]) -> dict[tuple[str, ...], object]:
    return {phrase(k): v for k, v in pairs.items()}


# --------------------------------------------------------------------------- numbers

_SMALL_WORDS = {
    "صفر": 0, "یک": 1, "دو": 2, "سه": 3, "چهار": 4, "پنج": 5, "شش": 6, "شیش": 6,
    "هفت": 7, "هشت": 8, "نه": 9, "ده": 10, "یازده": 11, "دوازده": 12, "سیزده": 13,
    "چهارده": 14, "پانزده": 15, "پونزده": 15, "شانزده": 16, "شونزده": 16, "هفده": 17,
    "هیفده": 17, "هجده": 18, "هیجده": 18, "نوزده": 19, "بیست": 20, "سی": 30, "چهل": 40,
    "پنجاه": 50, "شصت": 60, "هفتاد": 70, "هشتاد": 80, "نود": 90, "صد": 100, "یکصد": 100,
    "دویست": 200, "سیصد": 300, "چهارصد": 400, "پانصد": 500, "پونصد": 500, "ششصد": 600,
    "هفتصد": 700, "هشتصد": 800, "نهصد": 900,
}
_SCALE_WORDS = {"هزار": 1000, "میلیون": 10**6, "ملیون": 10**6, "میلیارد": 10**9}
SMALL = {fold(k): v for k, v in _SMALL_WORDS.items()}
SCALES = {fold(k): v for k, v in _SCALE_WORDS.items()}
_NUMBERISH = set(SMALL) | set(SCALES) | {"و"}

_INT = re.compile(r"^\d+$|^\d{1,3}(,\d{3})+$")
_DECIMAL = re.compile(r"^\d+\.\d+$")
VAGUE = {fold(w) for w in ("چند", "چندین", "چندی", "اندکی", "مدتی", "بعضی")}


def _cap(value: int) -> int:
    """What may follow ``value`` inside a group below 1000 (must be smaller than this)."""
    if value >= 100:
        return 100
    return 10 if value >= 20 else 1  # nothing may follow a unit or a teen


def parse_number_tokens(toks: list[str] | tuple[str, ...]) -> int | None:
    """Read canonical tokens as one whole number, or None.

    Additive parts need «و» (``بیست و پنج``); a scale multiplies what precedes it
    without «و» (``دو هزار``). «دو سه» (two or three) is therefore *not* 5.
    """
    if not toks:
        return None
    if len(toks) == 1 and _INT.match(toks[0]):
        return int(toks[0].replace(",", ""))
    total, group, after_and, last_scale = 0, [], False, None
    for tok in toks:
        if tok == "و":
            if after_and or not (group or total):
                return None
            after_and = True
        elif tok in SMALL:
            value = SMALL[tok]
            if group == [1] and value == 100 and not after_and:  # «یک صد»
                group = [100]
                continue
            if (group or total) and (not after_and or value == 0):
                return None
            if group and value >= _cap(group[-1]):
                return None
            group.append(value)
            after_and = False
        elif tok in SCALES:
            scale = SCALES[tok]
            if after_and or (not group and total):  # «بیست و هزار», «میلیون هزار»
                return None
            if last_scale is not None and scale >= last_scale:
                return None
            multiplier = sum(group) if group else 1
            if multiplier == 0:
                return None
            total += multiplier * scale
            group, last_scale = [], scale
        else:
            return None
    if after_and:
        return None
    return total + sum(group)


def match_number(toks: list[str], i: int) -> tuple[int, int] | None:
    """The longest whole number starting at ``toks[i]``: ``(value, end index)``."""
    if i < len(toks) and _INT.match(toks[i]):
        return int(toks[i].replace(",", "")), i + 1
    j = i
    while j < len(toks) and toks[j] in _NUMBERISH:
        j += 1
    for end in range(j, i, -1):
        value = parse_number_tokens(toks[i:end])
        if value is not None:
            return value, end
    return None


HALF = fold("نیم")


def match_quantity(toks: list[str], i: int) -> tuple[Fraction, int] | None:
    """A number, a decimal (``1.5``), «نیم» or «N و نیم» at ``toks[i]``."""
    if i >= len(toks):
        return None
    if toks[i] == HALF:
        return Fraction(1, 2), i + 1
    if _DECIMAL.match(toks[i]):
        return Fraction(toks[i]), i + 1
    found = match_number(toks, i)
    if found is None:
        return None
    value, j = found
    if toks[j : j + 2] == ["و", HALF]:
        return Fraction(value) + Fraction(1, 2), j + 2
    return Fraction(value), j


_ORDINAL_ONE = {fold(w) for w in ("اول", "نخست", "یکم")}
_ORDINAL_SUFFIX = {"ام", "م"}


def parse_ordinal_tokens(toks: list[str]) -> int | None:
    """«اول», «دوم», «سوم», «بیست و هشتم», «سی‌ام», «28 ام» → the number, or None."""
    if not toks:
        return None
    if len(toks) == 1 and toks[0] in _ORDINAL_ONE:
        return 1
    if toks[-1] in _ORDINAL_SUFFIX:
        return parse_number_tokens(toks[:-1])
    last = toks[-1]
    if len(last) < 2 or not last.endswith("م") or _INT.match(last):
        return None
    stem = "سه" if last == "سوم" else last[:-1]
    return parse_number_tokens([*toks[:-1], stem])


def match_day_number(toks: list[str], i: int) -> tuple[int, int] | None:
    """A day of the month at ``toks[i]``: digits (``28``, ``28 ام``), cardinal or ordinal words."""
    if i < len(toks) and re.fullmatch(r"\d{1,2}", toks[i]):
        j = i + 1
        return int(toks[i]), j + 1 if toks[j : j + 1] and toks[j] in _ORDINAL_SUFFIX else j
    j = i
    while j < len(toks) and (toks[j] in _NUMBERISH or toks[j] in _ORDINAL_SUFFIX
                             or toks[j] in _ORDINAL_ONE or toks[j].endswith("م")):
        j += 1
    for end in range(j, i, -1):
        value = parse_ordinal_tokens(toks[i:end])
        if value is None:
            value = parse_number_tokens(toks[i:end])
        if value is not None:
            return value, end
    return None


# --------------------------------------------------------------------------- calendars

JALALI_MONTHS = {fold(k): v for k, v in {
    "فروردین": 1, "اردیبهشت": 2, "خرداد": 3, "تیر": 4, "مرداد": 5, "امرداد": 5,
    "شهریور": 6, "مهر": 7, "آبان": 8, "آذر": 9, "دی": 10, "بهمن": 11, "اسفند": 12,
}.items()}
GREGORIAN_MONTHS = {fold(k): v for k, v in {
    "ژانویه": 1, "فوریه": 2, "مارس": 3, "آوریل": 4, "مه": 5, "می": 5,
    "ژوئن": 6, "ژوین": 6, "ژوئیه": 7, "جولای": 7, "اوت": 8, "آگوست": 8, "سپتامبر": 9,
    "اکتبر": 10, "نوامبر": 11, "دسامبر": 12,
}.items()}
_MONTH_STEMS = set(JALALI_MONTHS) | set(GREGORIAN_MONTHS)
SEASONS = {fold(k): v for k, v in {"بهار": 0, "تابستان": 1, "پاییز": 2, "زمستان": 3}.items()}
# Python weekday numbers (Monday = 0)
WEEKDAYS = {fold(k): v for k, v in {
    "شنبه": 5, "یکشنبه": 6, "دوشنبه": 0, "سهشنبه": 1, "چهارشنبه": 2, "پنجشنبه": 3, "جمعه": 4,
}.items()}
HIJRI_MARKERS = {fold(k) for k in (
    "قمری", "محرم", "ربیع", "ربیعالاول", "ربیعالثانی", "جمادی", "جمادیالاول", "جمادیالثانی",
    "رجب", "شعبان", "رمضان", "شوال", "ذیقعده", "ذیالقعده", "ذیحجه", "ذیالحجه",
)}
JALALI_SUFFIXES = _table({"هجری شمسی": 1, "شمسی": 1, "خورشیدی": 1, "ه ش": 1})
GREGORIAN_SUFFIXES = _table({"میلادی": 1})

# --------------------------------------------------------------------------- expressions

# duration units: canonical token -> (ISO designator, multiplier)
UNITS = {fold(k): v for k, v in {
    "روز": ("D", 1), "روزه": ("D", 1), "هفته": ("W", 1), "ماه": ("M", 1), "ماهه": ("M", 1),
    "سال": ("Y", 1), "ساله": ("Y", 1), "دهه": ("Y", 10), "قرن": ("Y", 100), "سده": ("Y", 100),
    "ساعت": ("H", 1), "ساعته": ("H", 1), "دقیقه": ("MIN", 1), "ثانیه": ("S", 1),
}.items()}
NIGHT_AND = fold("شبانه")  # «۲ شبانه‌روز»: skipped before «روز»

# after a quantity: DURATION forward/back, or a DATE point forward/back
QUANTITY_DIRECTIONS = _table({
    "آینده": "future", "آتی": "future", "پیش رو": "future", "بعدی": "future",
    "دیگر": "later", "بعد": "later", "پس از این": "later",
    "پیش": "ago", "قبل": "ago",
    "گذشته": "past", "اخیر": "past",
})
# after «روز/هفته/ماه/سال» with no number: which calendar unit, relative to the anchor
PERIOD_DIRECTIONS = _table({
    "آینده": 1, "آتی": 1, "بعد": 1, "بعدی": 1, "دیگر": 1, "پیش رو": 1,
    "گذشته": -1, "پیش": -1, "قبل": -1, "قبلی": -1,
    "جاری": 0, "کنونی": 0, "فعلی": 0, "حاضر": 0,
})
THIS = _table({"این": 0, "همین": 0})
PERIOD_UNITS = {fold(k): v for k, v in {"روز": "day", "هفته": "week", "ماه": "month", "سال": "year"}.items()}
PERIOD_WORDS = _table({"امسال": ("year", 0), "پارسال": ("year", -1), "سال جاری": ("year", 0)})

DEICTIC_DAYS = _table({
    "امروز": 0, "فردا": 1, "پس فردا": 2, "دیروز": -1, "پریروز": -2,
    "اکنون": 0, "هم اکنون": 0, "کنون": 0, "حالا": 0, "الان": 0,
})
# part of day: TIMEX3 suffix, and how a clock hour 1-12 maps to 24 hours
PARTS_OF_DAY = _table({
    "صبح": "MO", "بامداد": "MO", "ظهر": "MI", "بعد از ظهر": "AF", "عصر": "AF",
    "غروب": "EV", "شب": "NI",
})
DEICTIC_TIMES = _table({"امشب": (0, "NI"), "دیشب": (-1, "NI"), "شب گذشته": (-1, "NI")})

EDGE_START = _table({"ابتدای": 1, "ابتدا": 1, "اول": 1, "آغاز": 1, "شروع": 1})
EDGE_END = _table({"پایان": 1, "آخر": 1, "انتهای": 1, "انتها": 1})
HALF_OF = _table({"نیمه اول": 1, "نیمه نخست": 1, "نیمه دوم": 2})

# leading modifiers, longest first when matched; values are internal codes
MODIFIERS = _table({
    "ظرف": "WITHIN", "ظرف مدت": "WITHIN", "در ظرف": "WITHIN", "طی": "WITHIN",
    "طی مدت": "WITHIN", "در طی": "WITHIN", "در مدت": "WITHIN", "در طول": "WITHIN",
    "در عرض": "WITHIN", "حداکثر ظرف": "WITHIN",
    "تا": "BY", "حداکثر تا": "BY", "تا قبل از": "BEFORE", "قبل از": "BEFORE", "پیش از": "BEFORE",
    "از": "FROM", "بین": "BETWEEN", "میان": "BETWEEN",
    "حدود": "APPROX", "در حدود": "APPROX", "حدودا": "APPROX", "تقریبا": "APPROX",
    "نزدیک به": "APPROX", "قریب به": "APPROX",
    "در": "IN", "به مدت": "NEUTRAL", "مدت": "NEUTRAL", "مهلت": "NEUTRAL", "تاریخ": "NEUTRAL",
    "به تاریخ": "NEUTRAL", "مورخ": "NEUTRAL",
})
FROM_TAILS = _table({"به بعد": 1, "به این سو": 1})
SETS = _table({
    "روزانه": "P1D", "هر روز": "P1D", "هفتگی": "P1W", "هر هفته": "P1W", "ماهانه": "P1M",
    "ماهیانه": "P1M", "هر ماه": "P1M", "سالانه": "P1Y", "سالیانه": "P1Y", "هر سال": "P1Y",
})
EVERY = fold("هر")
CLOCK = fold("ساعت")
DAY_WORD = fold("روز")
MONTH_WORD = fold("ماه")
YEAR_WORD = fold("سال")
SEASON_WORD = fold("فصل")
UNTIL = fold("تا")


# --------------------------------------------------------------------------- calendar arithmetic


def to_jalali(d: dt.date) -> jdatetime.date:
    """The Jalali date of a Gregorian date."""
    return jdatetime.date.fromgregorian(date=d)


def jalali_date(year: int, month: int, day: int) -> dt.date:
    """The Gregorian date of a Jalali date; ValueError when it does not exist."""
    return jdatetime.date(year, month, day).togregorian()


def jalali_month_length(year: int, month: int) -> int:
    """31 days for months 1-6, 30 for 7-11, اسفند 29 or 30 in a leap year."""
    if month <= 6:
        return 31
    if month <= 11:
        return 30
    return 30 if jdatetime.date(year, 1, 1).isleap() else 29


def jalali_month(year: int, month: int) -> Bounds:
    return jalali_date(year, month, 1), jalali_date(year, month, jalali_month_length(year, month))


def jalali_year(year: int) -> Bounds:
    return jalali_date(year, 1, 1), jalali_date(year, 12, jalali_month_length(year, 12))


def add_jalali_months(d: dt.date, months: int) -> dt.date:
    """``d`` + ``months`` Jalali months, the day clamped to the target month's length."""
    j = to_jalali(d)
    year, m0 = divmod(j.year * 12 + j.month - 1 + months, 12)
    return jalali_date(year, m0 + 1, min(j.day, jalali_month_length(year, m0 + 1)))


def week_start(d: dt.date) -> dt.date:
    """The Saturday that starts ``d``'s week."""
    return d - dt.timedelta(days=(d.weekday() - 5) % 7)


def unit_bounds(unit: str, d: dt.date, k: int) -> Bounds:
    """The day/week/Jalali month/Jalali year ``k`` units after the one holding ``d``."""
    if unit == "day":
        x = d + dt.timedelta(days=k)
        return x, x
    if unit == "week":
        s = week_start(d) + dt.timedelta(days=7 * k)
        return s, s + dt.timedelta(days=6)
    j = to_jalali(d)
    if unit == "month":
        year, m0 = divmod(j.year * 12 + j.month - 1 + k, 12)
        return jalali_month(year, m0 + 1)
    return jalali_year(j.year + k)


def half_of(bounds: Bounds, kind: str, half: int) -> Bounds:
    """First or second half of a Jalali year (months 1-6 / 7-12) or month (days 1-15 / 16-)."""
    start, end = bounds
    if kind == "jyear":
        year = to_jalali(start).year
        return (start, jalali_date(year, 6, 31)) if half == 1 else (jalali_date(year, 7, 1), end)
    middle = start + dt.timedelta(days=14)
    return (start, middle) if half == 1 else (middle + dt.timedelta(days=1), end)


def gregorian_month(year: int, month: int) -> Bounds:
    nxt = dt.date(year + month // 12, month % 12 + 1, 1)
    return dt.date(year, month, 1), nxt - dt.timedelta(days=1)


UNIT_KIND = {"day": "day", "week": "week", "month": "jmonth", "year": "jyear"}
KIND_CALENDAR = {"week": "JALALI", "jmonth": "JALALI", "jyear": "JALALI", "season": "JALALI",
                 "half": "JALALI", "gmonth": "GREGORIAN", "gyear": "GREGORIAN"}


def span_value(kind: str, start: dt.date, end: dt.date) -> str:
    """ISO value of a span: a day, ISO week of its Monday, YYYY-MM, YYYY, else start/end."""
    if kind == "day":
        return start.isoformat()
    if kind == "week":
        year, week, _ = (start + dt.timedelta(days=2)).isocalendar()
        return f"{year}-W{week:02d}"
    if kind == "gmonth":
        return f"{start.year:04d}-{start.month:02d}"
    if kind == "gyear":
        return f"{start.year:04d}"
    return f"{start.isoformat()}/{end.isoformat()}"


_SECONDS = {"W": 7 * 86400, "D": 86400, "H": 3600, "MIN": 60, "S": 1}
_SMALLER = {"Y": ("M", 12), "D": ("H", 24), "H": ("MIN", 60), "MIN": ("S", 60)}


def _decimal(amount: Fraction) -> str:
    if amount.denominator == 1:
        return str(amount.numerator)
    return format(Decimal(amount.numerator) / Decimal(amount.denominator), "f")


def iso_duration(amount: Fraction, designator: str) -> str:
    """ISO 8601 duration; a fraction moves to the next smaller unit when exact (1.5 سال = P1Y6M)."""
    parts = [(designator, amount)]
    whole = Fraction(int(amount))
    if amount != whole and designator in _SMALLER:
        smaller, factor = _SMALLER[designator]
        if ((amount - whole) * factor).denominator == 1:
            parts = [(designator, whole), (smaller, (amount - whole) * factor)]
    date_part = "".join(f"{_decimal(n)}{d}" for d, n in parts if n and d in ("Y", "M", "W", "D"))
    time_part = "".join(f"{_decimal(n)}{'M' if d == 'MIN' else d}" for d, n in parts
                        if n and d in ("H", "MIN", "S"))
    return f"P{date_part}" + (f"T{time_part}" if time_part else "")


def shift(d: dt.date, amount: Fraction, designator: str, sign: int) -> dt.date | None:
    """``d`` ± the duration, or None when that is not a whole number of days/months."""
    if designator in ("Y", "M"):
        months = amount * 12 if designator == "Y" else amount
        return add_jalali_months(d, sign * int(months)) if months.denominator == 1 else None
    seconds = amount * _SECONDS[designator]
    if seconds % 86400:
        return None
    return d + dt.timedelta(days=sign * int(seconds / 86400))
