"""Tests for the Persian time-expression normaliser (:mod:`annotator.timex`) and ``annotator timex``.

Jalali dates in the expectations go through jdatetime (``J(...)``) instead of being
converted by hand, so the table also checks the normaliser against an independent conversion.
"""

from __future__ import annotations

import datetime as dt
import json

import jdatetime
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.errors import AnnotatorError
from annotator.timex import Timex, TimexError, normalize_timex, parse_anchor, parse_persian_number

ANCHOR = dt.date(2021, 10, 20)  # = ۲۸ مهر ۱۴۰۰, a Wednesday
PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
ARABIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
JALALI_MONTH_NAMES = ["فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور",
                      "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند"]


def J(year: int, month: int, day: int) -> dt.date:
    """Gregorian date of a Jalali date, via jdatetime."""
    return jdatetime.date(year, month, day).togregorian()


def span(start: dt.date, end: dt.date) -> str:
    return f"{start.isoformat()}/{end.isoformat()}"


def days(n: int) -> dt.date:
    return ANCHOR + dt.timedelta(days=n)


# (expression, type, value, resolved, mod) against ANCHOR
CASES = [
    # durations, digits in all three scripts and words
    ("ظرف ۲۰ روز", "DURATION", "P20D", dt.date(2021, 11, 9), "WITHIN"),
    ("ظرف ٢٠ روز", "DURATION", "P20D", days(20), "WITHIN"),
    ("ظرف 20 روز", "DURATION", "P20D", days(20), "WITHIN"),
    ("ظرف بیست روز", "DURATION", "P20D", days(20), "WITHIN"),
    ("«ظرف مدت ۲۰روز»،", "DURATION", "P20D", days(20), "WITHIN"),
    ("در مدت ۱۰ روز", "DURATION", "P10D", days(10), "WITHIN"),
    ("طی ۶ ماه آینده", "DURATION", "P6M", J(1401, 1, 28), "WITHIN"),
    ("طی سه ماه آینده", "DURATION", "P3M", J(1400, 10, 28), "WITHIN"),
    ("تا یک ماه آینده", "DURATION", "P1M", J(1400, 8, 28), "BY"),
    ("حدود ۱۰ روز", "DURATION", "P10D", days(10), "APPROX"),
    ("حدوداً ده روز", "DURATION", "P10D", days(10), "APPROX"),
    ("تقريبا يک ماه", "DURATION", "P1M", J(1400, 8, 28), "APPROX"),
    ("سه سال", "DURATION", "P3Y", J(1403, 7, 28), None),
    ("بیست و پنج روز", "DURATION", "P25D", days(25), None),
    ("صد و بیست روز", "DURATION", "P120D", days(120), None),
    ("یک و نیم سال", "DURATION", "P1Y6M", J(1402, 1, 28), None),
    ("ظرف ۴۸ ساعت", "DURATION", "PT48H", days(2), "WITHIN"),
    ("ظرف دو هفته", "DURATION", "P2W", days(14), "WITHIN"),
    ("سه سال گذشته", "DURATION", "P3Y", J(1397, 7, 28), None),
    ("در ۱۰ روز گذشته", "DURATION", "P10D", days(-10), "WITHIN"),
    # points relative to the anchor
    ("۳ روز دیگر", "DATE", "2021-10-23", days(3), None),
    ("دو هفته پیش", "DATE", "2021-10-06", days(-14), None),
    ("دو سال پیش", "DATE", J(1398, 7, 28).isoformat(), J(1398, 7, 28), None),
    ("امروز", "DATE", "2021-10-20", ANCHOR, None),
    ("فردا", "DATE", "2021-10-21", days(1), None),
    ("دیروز", "DATE", "2021-10-19", days(-1), None),
    ("روز گذشته", "DATE", "2021-10-19", days(-1), None),
    ("پس‌فردا", "DATE", "2021-10-22", days(2), None),
    ("پس فردا", "DATE", "2021-10-22", days(2), None),
    ("از فردا", "DATE", "2021-10-21", days(1), "FROM"),
    # deadlines and edges of periods
    ("تا پایان سال", "DATE", "2022-03-20", dt.date(2022, 3, 20), "BY"),
    ("تا پايان سال", "DATE", "2022-03-20", J(1400, 12, 29), "BY"),
    ("قبل از پایان سال", "DATE", "2022-03-20", J(1400, 12, 29), "BY"),
    ("تا پایان شهریور", "DATE", "2022-09-22", J(1401, 6, 31), "BY"),
    ("تا پایان شهریورماه", "DATE", "2022-09-22", J(1401, 6, 31), "BY"),
    ("پایان شهریور", "DATE", J(1400, 6, 31).isoformat(), J(1400, 6, 31), None),
    ("تا پایان هفته", "DATE", "2021-10-22", days(2), "BY"),
    ("تا آخر ماه", "DATE", J(1400, 7, 30).isoformat(), J(1400, 7, 30), "BY"),
    ("تا اول مهر", "DATE", J(1401, 7, 1).isoformat(), J(1401, 7, 1), "BY"),
    ("تا ۱۵ خرداد", "DATE", J(1401, 3, 15).isoformat(), J(1401, 3, 15), "BY"),
    ("۱۵ خرداد", "DATE", J(1400, 3, 15).isoformat(), J(1400, 3, 15), None),
    ("تا اول سال", "DATE", J(1401, 1, 1).isoformat(), J(1401, 1, 1), "BY"),
    ("تا نیمه دوم سال", "DATE", span(J(1400, 7, 1), J(1400, 12, 29)), J(1400, 7, 1), "BY"),
    # calendar periods
    ("هفته آینده", "DATE", "2021-W43", dt.date(2021, 10, 23), None),
    ("هفته‌ی گذشته", "DATE", "2021-W41", dt.date(2021, 10, 9), None),
    ("ماه آینده", "DATE", span(J(1400, 8, 1), J(1400, 8, 30)), J(1400, 8, 1), None),
    ("سال آینده", "DATE", span(J(1401, 1, 1), J(1401, 12, 29)), J(1401, 1, 1), None),
    ("امسال", "DATE", span(J(1400, 1, 1), J(1400, 12, 29)), J(1400, 1, 1), None),
    ("سال گذشته", "DATE", span(J(1399, 1, 1), J(1399, 12, 30)), J(1399, 1, 1), None),
    ("سال پیش", "DATE", span(J(1399, 1, 1), J(1399, 12, 30)), J(1399, 1, 1), None),
    ("شهریور ماه", "DATE", span(J(1400, 6, 1), J(1400, 6, 31)), J(1400, 6, 1), None),
    ("سال ۱۴۰۱", "DATE", span(J(1401, 1, 1), J(1401, 12, 29)), J(1401, 1, 1), None),
    ("۱۴۰۱", "DATE", span(J(1401, 1, 1), J(1401, 12, 29)), J(1401, 1, 1), None),
    ("سال هزار و چهارصد و یک", "DATE", span(J(1401, 1, 1), J(1401, 12, 29)), J(1401, 1, 1), None),
    ("اکتبر ۲۰۲۱", "DATE", "2021-10", dt.date(2021, 10, 1), None),
    ("سال ۲۰۲۲ میلادی", "DATE", "2022", dt.date(2022, 1, 1), None),
    # absolute dates
    ("۱۴۰۰/۰۷/۲۸", "DATE", "2021-10-20", ANCHOR, None),
    ("١٤٠٠/٠٧/٢٨", "DATE", "2021-10-20", ANCHOR, None),
    ("1400-7-28", "DATE", "2021-10-20", ANCHOR, None),
    ("۲۸/۷/۱۴۰۰", "DATE", "2021-10-20", ANCHOR, None),
    ("۲۸ مهر ۱۴۰۰", "DATE", "2021-10-20", J(1400, 7, 28), None),
    ("بیست و هشتم مهرماه ۱۴۰۰", "DATE", "2021-10-20", ANCHOR, None),
    ("چهارشنبه ۲۸ مهر ماه سال ۱۴۰۰", "DATE", "2021-10-20", ANCHOR, None),
    ("۲۸ مهرماه", "DATE", "2021-10-20", ANCHOR, None),
    ("تا ۱۴۰۰/۰۸/۱۵", "DATE", J(1400, 8, 15).isoformat(), J(1400, 8, 15), "BY"),
    ("2021-10-20", "DATE", "2021-10-20", ANCHOR, None),
    ("۲۰ اکتبر ۲۰۲۱", "DATE", "2021-10-20", ANCHOR, None),
    # clock times and sets
    ("ساعت ۱۰ صبح فردا", "TIME", "2021-10-21T10:00", days(1), None),
    ("ساعت ۸ شب", "TIME", "2021-10-20T20:00", ANCHOR, None),
    ("فردا صبح", "TIME", "2021-10-21TMO", days(1), None),
    ("امشب", "TIME", "2021-10-20TNI", ANCHOR, None),
    ("هر روز", "SET", "P1D", None, None),
    ("ماهانه", "SET", "P1M", None, None),
]


@pytest.mark.parametrize(("text", "type_", "value", "resolved", "mod"), CASES, ids=[c[0] for c in CASES])
def test_table(text: str, type_: str, value: str, resolved: dt.date | None, mod: str | None) -> None:
    timex = normalize_timex(text, anchor=ANCHOR)
    assert (timex.type, timex.value, timex.resolved, timex.mod) == (type_, value, resolved, mod)
    assert timex.text == text


def test_table_is_big_enough() -> None:
    assert len(CASES) >= 40


def test_required_example() -> None:
    timex = normalize_timex("ظرف ۲۰ روز", anchor=dt.date(2021, 10, 20))
    assert timex == Timex(type="DURATION", value="P20D", resolved=dt.date(2021, 11, 9), mod="WITHIN",
                          calendar=None, anchor="DCT", text="ظرف ۲۰ روز")


@pytest.mark.parametrize(("text", "calendar", "anchor"), [
    ("ظرف ۲۰ روز", None, "DCT"),
    ("تا یک ماه آینده", "JALALI", "DCT"),
    ("تا پایان سال", "JALALI", "DCT"),
    ("۲۸ مهر ۱۴۰۰", "JALALI", "NONE"),
    ("۲۸ مهرماه", "JALALI", "DCT"),
    ("2021-10-20", "GREGORIAN", "NONE"),
    ("هر هفته", None, "NONE"),
])
def test_calendar_and_anchor_fields(text: str, calendar: str | None, anchor: str) -> None:
    timex = normalize_timex(text, anchor=ANCHOR)
    assert (timex.calendar, timex.anchor) == (calendar, anchor)


def test_periods_carry_their_last_day() -> None:
    week = normalize_timex("هفته آینده", anchor=ANCHOR)
    assert (week.resolved, week.end) == (dt.date(2021, 10, 23), dt.date(2021, 10, 29))
    assert week.resolved.weekday() == 5  # Saturday
    year = normalize_timex("سال ۱۴۰۱")
    assert (year.resolved, year.end) == (J(1401, 1, 1), J(1401, 12, 29))
    assert normalize_timex("فردا", anchor=ANCHOR).end is None


def test_ranges_keep_both_bounds() -> None:
    timex = normalize_timex("ظرف ۲۰ روز تا یک ماه آتی", anchor=ANCHOR)
    assert (timex.type, timex.value, timex.value_max, timex.mod) == ("DURATION", "P20D", "P1M", "WITHIN")
    assert (timex.resolved, timex.end) == (days(20), J(1400, 8, 28))
    timex = normalize_timex("۲ تا ۳ روز", anchor=ANCHOR)
    assert (timex.value, timex.value_max) == ("P2D", "P3D")
    timex = normalize_timex("از ۱ تا ۱۵ مهر ۱۴۰۰")
    assert (timex.value, timex.value_max, timex.mod) == (
        J(1400, 7, 1).isoformat(), J(1400, 7, 15).isoformat(), None)
    # a year-less end is the next one on/after the start
    timex = normalize_timex("۱۰ اسفند تا ۱۵ فروردین", anchor=ANCHOR)
    assert (timex.resolved, timex.end) == (J(1400, 12, 10), J(1401, 1, 15))


def test_notes_for_caveats() -> None:
    assert normalize_timex("تا حدود ۱۰ روز", anchor=ANCHOR).note == "also APPROX"
    assert "BY" in normalize_timex("قبل از پایان سال", anchor=ANCHOR).note
    assert "24-hour" in normalize_timex("ساعت ۱۰", anchor=ANCHOR).note
    half_month = normalize_timex("یک ماه و نیم", anchor=ANCHOR)
    assert (half_month.value, half_month.resolved) == ("P1.5M", None) and half_month.note


def test_without_anchor() -> None:
    timex = normalize_timex("ظرف ۲۰ روز")
    assert (timex.value, timex.resolved, timex.anchor) == ("P20D", None, "NONE")
    assert normalize_timex("۲۸ مهر ۱۴۰۰").resolved == ANCHOR
    for text in ("فردا", "تا پایان سال", "هفته آینده", "شهریور", "۳ روز دیگر"):
        with pytest.raises(TimexError, match="anchor"):
            normalize_timex(text)


UNREADABLE = [
    "", "  ", "«»", "سلام", "ظرف روز", "تا",
    "۲۰",  # a number alone is not a time expression (4-digit years 1200–2399 are)
    "بیست",
    "دو سه روز",  # "two or three days": vague, not 5
    "چند روز", "ماه‌های آینده", "اواخر مهر",
    "۱۴۰۰/۱۳/۴۰", "۳۱ مهر ۱۴۰۰", "۳۰ اسفند ۱۴۰۰", "2021-02-30",
    "۱۰/۲۰/۲۰۲۱",  # Gregorian day/month order is ambiguous
    "سال ۹۹",  # two-digit year
    "۱۰ رمضان", "۱۴۴۳ قمری",  # Hijri Qamari
    "پنجشنبه ۲۸ مهر ۱۴۰۰",  # 28 Mehr 1400 is a Wednesday
    "بین ۲۰ روز", "ظرف ۲۰ روز تا ۱۰ روز", "۲ ساعت پیش",
]


@pytest.mark.parametrize("text", UNREADABLE)
def test_unreadable_raises(text: str) -> None:
    with pytest.raises(TimexError) as info:
        normalize_timex(text, anchor=ANCHOR)
    assert str(info.value).startswith("cannot read «")
    assert "\n" not in str(info.value)
    assert isinstance(info.value, AnnotatorError)


def test_to_json() -> None:
    data = normalize_timex("ظرف ۲۰ روز", anchor=ANCHOR).to_json()
    assert data == {"type": "DURATION", "value": "P20D", "resolved": "2021-11-09", "mod": "WITHIN",
                    "calendar": None, "anchor": "DCT", "text": "ظرف ۲۰ روز"}
    assert normalize_timex("ظرف ۲۰ روز").to_json()["resolved"] is None
    assert normalize_timex("هفته آینده", anchor=ANCHOR).to_json()["end"] == "2021-10-29"
    json.dumps(normalize_timex("۲ تا ۳ روز", anchor=ANCHOR).to_json())


def test_parse_anchor() -> None:
    for text in ("2021-10-20", "۱۴۰۰/۰۷/۲۸", "1400-07-28", "٢٠٢١-١٠-٢٠", "۲۸ مهر ۱۴۰۰"):
        assert parse_anchor(text) == ANCHOR
    for text in ("1400/13/01", "مهر ۱۴۰۰", "فردا", "xyz"):
        with pytest.raises(TimexError):
            parse_anchor(text)


@pytest.mark.parametrize(("text", "number"), [
    ("۲۰", 20), ("٢٠", 20), ("20", 20), ("۱٬۰۰۰", 1000), ("یک", 1), ("ده", 10), ("یازده", 11),
    ("بیست و پنج", 25), ("صد", 100), ("یکصد", 100), ("دویست و سی و یک", 231),
    ("هزار و چهارصد", 1400), ("دو هزار و بیست و یک", 2021), ("یک میلیون", 1_000_000),
    ("", None), ("سلام", None), ("دو سه", None), ("بیست پنج", None), ("یازده و دو", None),
    ("پنج و بیست", None), ("1.5", None), ("هزار هزار", None),
])
def test_parse_persian_number(text: str, number: int | None) -> None:
    assert parse_persian_number(text) == number


# --------------------------------------------------------------------------- properties

_ONES = ["", "یک", "دو", "سه", "چهار", "پنج", "شش", "هفت", "هشت", "نه"]
_TEENS = ["ده", "یازده", "دوازده", "سیزده", "چهارده", "پانزده", "شانزده", "هفده", "هجده", "نوزده"]
_TENS = ["", "", "بیست", "سی", "چهل", "پنجاه", "شصت", "هفتاد", "هشتاد", "نود"]
_HUNDREDS = ["", "صد", "دویست", "سیصد", "چهارصد", "پانصد", "ششصد", "هفتصد", "هشتصد", "نهصد"]


def to_words(n: int) -> str:
    """Persian words for 1 <= n < 10**6 (independent of the code under test)."""
    if n >= 1000:
        thousands, rest = divmod(n, 1000)
        head = "هزار" if thousands == 1 else f"{to_words(thousands)} هزار"
        return head if rest == 0 else f"{head} و {to_words(rest)}"
    hundreds, rest = divmod(n, 100)
    parts = [_HUNDREDS[hundreds]] if hundreds else []
    if 10 <= rest < 20:
        parts.append(_TEENS[rest - 10])
    elif rest:
        tens, ones = divmod(rest, 10)
        parts += [w for w in (_TENS[tens], _ONES[ones]) if w]
    return " و ".join(parts)


@given(st.integers(1, 999))
def test_every_number_below_1000_in_words_parses_back(n: int) -> None:
    assert parse_persian_number(to_words(n)) == n


@given(st.integers(1, 999_999))
def test_numbers_in_words_and_all_digit_scripts(n: int) -> None:
    assert parse_persian_number(to_words(n)) == n
    for text in (str(n), str(n).translate(PERSIAN_DIGITS), str(n).translate(ARABIC_DIGITS)):
        assert parse_persian_number(text) == n


@given(st.integers(1, 400), st.sampled_from(["دیگر", "بعد", "پیش", "قبل"]))
def test_words_and_digits_agree_on_days(n: int, direction: str) -> None:
    sign = -1 if direction in ("پیش", "قبل") else 1
    for number in (to_words(n), str(n).translate(PERSIAN_DIGITS)):
        timex = normalize_timex(f"{number} روز {direction}", anchor=ANCHOR)
        assert (timex.type, timex.resolved) == ("DATE", days(sign * n))


_JALALI_DATES = st.dates(J(1200, 1, 1), J(1599, 12, 1))


@given(_JALALI_DATES, st.sampled_from([PERSIAN_DIGITS, ARABIC_DIGITS, str.maketrans("", "")]))
def test_jalali_numeric_round_trip(day: dt.date, digits: dict[int, str]) -> None:
    j = jdatetime.date.fromgregorian(date=day)
    timex = normalize_timex(f"{j.year}/{j.month:02d}/{j.day:02d}".translate(digits))
    assert (timex.type, timex.resolved, timex.calendar) == ("DATE", day, "JALALI")
    assert timex.value == day.isoformat()


@given(_JALALI_DATES)
def test_jalali_month_name_round_trip(day: dt.date) -> None:
    j = jdatetime.date.fromgregorian(date=day)
    text = f"{j.day} {JALALI_MONTH_NAMES[j.month - 1]} {j.year}".translate(PERSIAN_DIGITS)
    assert normalize_timex(text).resolved == day


@given(st.dates(dt.date(1600, 1, 1), dt.date(2399, 12, 31)))
def test_gregorian_iso_round_trip(day: dt.date) -> None:
    timex = normalize_timex(day.isoformat())
    assert (timex.value, timex.resolved, timex.calendar) == (day.isoformat(), day, "GREGORIAN")
    back = jdatetime.date.fromgregorian(date=day)
    if 1200 <= back.year < 1600:  # and back through its Jalali spelling
        assert normalize_timex(f"{back.year}/{back.month}/{back.day}").resolved == day


@given(st.dates(J(1300, 1, 1), J(1500, 1, 1)), st.integers(1, 36))
def test_months_are_added_in_the_jalali_calendar(anchor: dt.date, n: int) -> None:
    start = jdatetime.date.fromgregorian(date=anchor)
    end = jdatetime.date.fromgregorian(date=normalize_timex(f"ظرف {n} ماه", anchor=anchor).resolved)
    assert end.year * 12 + end.month == start.year * 12 + start.month + n
    assert end.day == start.day or (end.day < start.day and (end + jdatetime.timedelta(days=1)).day == 1)


@given(st.dates(J(1300, 1, 1), J(1500, 1, 1)), st.integers(1, 12))
def test_deadline_month_is_next_on_or_after_anchor(anchor: dt.date, month: int) -> None:
    timex = normalize_timex(f"تا پایان {JALALI_MONTH_NAMES[month - 1]}", anchor=anchor)
    assert anchor <= timex.resolved < anchor + dt.timedelta(days=366)
    j = jdatetime.date.fromgregorian(date=timex.resolved)
    assert j.month == month and (j + jdatetime.timedelta(days=1)).month != month


@given(st.dates(dt.date(1950, 1, 1), dt.date(2100, 1, 1)))
def test_next_week_starts_on_the_next_saturday(anchor: dt.date) -> None:
    timex = normalize_timex("هفته آینده", anchor=anchor)
    assert timex.resolved.weekday() == 5 and 1 <= (timex.resolved - anchor).days <= 7
    year, week, _ = (timex.resolved + dt.timedelta(days=2)).isocalendar()
    assert timex.value == f"{year}-W{week:02d}"


_VARIANTS = st.sampled_from([
    ("پس‌فردا", "پس فردا"), ("شهریورماه", "شهریور ماه"), ("تا پایان سال", "تا پايان سال"),
    ("ظرف ۲۰ روز", "ظرف ٢٠ روز"), ("یک ماه دیگر", "يک ماه ديگر"), ("هفته‌ی آینده", "هفته آینده"),
    ("ظرف ۲۰ روز", "ظرف ۲۰روز"),
])


@settings(max_examples=50)
@given(_VARIANTS, st.text(" \t\n«»\"'().،؛:!؟-", max_size=4), st.text(" \t\n«»\"'().،؛:!؟-", max_size=4))
def test_spelling_variants_and_surrounding_punctuation(
    pair: tuple[str, str], before: str, after: str
) -> None:
    a, b = pair
    one = normalize_timex(a, anchor=ANCHOR).to_json()
    two = normalize_timex(f"{before}{b}{after}", anchor=ANCHOR).to_json()
    del one["text"], two["text"]
    assert one == two


# --------------------------------------------------------------------------- CLI


def _cli_main():
    from annotator.cli import main

    return main


def test_cli_plain_line() -> None:
    result = CliRunner().invoke(_cli_main(), ["timex", "ظرف ۲۰ روز", "--anchor", "2021-10-20"])
    assert result.exit_code == 0, result.output
    assert result.output == "DURATION P20D 2021-11-09 (WITHIN)\n"


def test_cli_json_with_jalali_anchor_and_unquoted_words() -> None:
    args = ["timex", "--json", "--anchor", "۱۴۰۰/۰۷/۲۸", "تا", "پایان", "شهریور"]
    result = CliRunner().invoke(_cli_main(), args)
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert {"type", "value", "resolved", "mod", "calendar", "anchor", "text"} <= set(data)
    assert (data["type"], data["value"], data["mod"]) == ("DATE", "2022-09-22", "BY")
    assert data["resolved"] == J(1401, 6, 31).isoformat() == "2022-09-22"
    assert (data["calendar"], data["anchor"], data["text"]) == ("JALALI", "DCT", "تا پایان شهریور")


def test_cli_without_anchor_prints_null() -> None:
    result = CliRunner().invoke(_cli_main(), ["timex", "--json", "ظرف ۲۰ روز"])
    assert result.exit_code == 0
    assert json.loads(result.output)["resolved"] is None


@pytest.mark.parametrize("args", [
    ["timex", "سلام"], ["timex", "فردا"], ["timex", "فردا", "--anchor", "1400/13/01"],
])
def test_cli_errors_are_one_line(args: list[str]) -> None:
    result = CliRunner().invoke(_cli_main(), args)
    assert result.exit_code != 0
    assert result.output.startswith("Error: ")
    assert len(result.output.strip().splitlines()) == 1
    assert "Traceback" not in result.output
    assert not isinstance(result.exception, TimexError)  # turned into a ClickException exit


def test_cli_help_texts() -> None:
    main = _cli_main()
    command = main.commands["timex"]
    assert command.help
    assert all(param.help for param in command.params if param.param_type_name == "option")
    result = CliRunner().invoke(main, ["timex", "--help"])
    assert result.exit_code == 0 and "--anchor" in result.output and "1400/07/28" in result.output
