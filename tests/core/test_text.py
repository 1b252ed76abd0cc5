"""annotator.text: canonical text, hazm tokens aligned to offsets, offset packing, selections.

Every example is written for these tests. Runs without a display and without a conftest.
"""

from __future__ import annotations

import json
import pickle
import subprocess
import sys
import threading

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.errors import AnnotatorError, ProjectFileError
from annotator.model import Tokenization
from annotator.text import (
    CANON_VERSION,
    PackedTokens,
    analyse,
    canonicalize,
    hazm_normalize,
    pack_offsets,
    snap_to_tokens,
    tokenize,
    tokenize_packed,
    trim_span,
    unpack_offsets,
)

ZWNJ, ZWJ = "\u200c", "\u200d"
FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467"  # 👨‍👩‍👧
INVISIBLE = set(
    ZWNJ + ZWJ + "\u200b\u2060\ufeff\u00ad\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e"
    "\u2066\u2067\u2068\u2069"
)
PROPERTY = settings(max_examples=int(__import__("os").environ.get("HYPOTHESIS_EXAMPLES", 200)), deadline=None, suppress_health_check=[HealthCheck.too_slow])


def blank(ch: str) -> bool:
    return ch.isspace() or ch in INVISIBLE


def words(text: str, spans) -> list[str]:
    return [text[s:e] for s, e in spans]


# --- canonicalize: one rule at a time --------------------------------------------------------


def test_canon_version_is_an_int():
    assert isinstance(CANON_VERSION, int) and CANON_VERSION >= 1


@pytest.mark.parametrize(
    ("raw", "canonical"),
    [
        ("كتاب علي", "کتاب علی"),  # Arabic kaf and yeh
        ("مصطفى و موسى", "مصطفی و موسی"),  # alef maksura
        ("ہمہ ە", "همه ه"),  # heh goal, ae
    ],
)
def test_arabic_letters_become_persian(raw, canonical):
    assert canonicalize(raw) == canonical


@pytest.mark.parametrize("clean", ["مسئله", "خانۀ ما", "مؤسسه", "مأمور", "إسلام", "آمار", "ة"])
def test_real_persian_letters_are_kept(clean):
    assert canonicalize(clean) == clean


def test_arabic_indic_digits_become_persian_and_latin_digits_stay():
    assert canonicalize("سال ١٤٠٢ و ۱۴۰۳") == "سال ۱۴۰۲ و ۱۴۰۳"
    assert canonicalize("COVID-19 در تهران") == "COVID-19 در تهران"
    assert canonicalize("https://example.com/a_b?id=2024") == "https://example.com/a_b?id=2024"


def test_kashida_that_stretches_a_letter_is_removed():
    assert canonicalize("تهـــران بزرگـ") == "تهران بزرگ"
    assert canonicalize("كـتاب") == "کتاب"


@pytest.mark.parametrize("dash", ["الف\u200cــ مقدمه", "۱ــ نکته", "گفت ــ و شنید", "اــ"])
def test_kashida_standing_alone_as_a_dash_stays(dash):
    assert canonicalize(dash) == dash


@pytest.mark.parametrize(
    "control",
    list("\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"),
)
def test_bidi_controls_are_removed(control):
    assert canonicalize(f"{control}سلام{control} دنیا{control}") == "سلام دنیا"


@pytest.mark.parametrize("char", ["\u200b", "\ufeff", "\u00ad", "\u2060"])
def test_zwsp_bom_soft_hyphen_and_word_joiner_are_removed_anywhere(char):
    assert canonicalize(f"{char}خبر{char}گزاری{char} ایرنا") == "خبرگزاری ایرنا"


@pytest.mark.parametrize("space", ["\u00a0", "\u202f", "\u2002", "\u2009", "\u200a", "\u205f", "\u3000"])
def test_unicode_spaces_become_a_plain_space_never_a_zwnj(space):
    assert canonicalize(f"می{space}گوید") == "می گوید"


@pytest.mark.parametrize("ending", ["\r\n", "\r", "\u2028", "\u2029", "\u0085"])
def test_line_endings_become_newline(ending):
    assert canonicalize(f"تیتر{ending}{ending}متن") == "تیتر\n\nمتن"


def test_tabs_blank_lines_and_runs_of_spaces_are_kept():
    text = "ستون\tاول\n\n\nپاراگراف   دوم  \n"
    assert canonicalize(text) == text


def test_zwnj_runs_collapse_to_one():
    assert canonicalize(f"می{ZWNJ}{ZWNJ}{ZWNJ}گوید") == f"می{ZWNJ}گوید"


@pytest.mark.parametrize(
    ("raw", "canonical"),
    [
        (f"{ZWNJ}سلام", "سلام"),  # start of text
        (f"سلام{ZWNJ}", "سلام"),  # end of text
        (f"کتاب{ZWNJ} خوب", "کتاب خوب"),  # before a space
        (f"کتاب {ZWNJ}خوب", "کتاب خوب"),  # after a space
        (f"کتاب{ZWNJ}،", "کتاب،"),  # before punctuation
        (f"«{ZWNJ}کتاب»", "«کتاب»"),  # after punctuation
        (f"سطر{ZWNJ}\nبعد", "سطر\nبعد"),  # before a line break
        (f"خوب{ZWNJ}😀", "خوب😀"),  # before an emoji
    ],
)
def test_zwnj_at_a_word_edge_is_dropped(raw, canonical):
    assert canonicalize(raw) == canonical


@pytest.mark.parametrize("letter", list("اآأإدذرزژوؤۀة"))
def test_zwnj_after_a_non_joining_letter_is_dropped(letter):
    assert canonicalize(f"ب{letter}{ZWNJ}ها") == f"ب{letter}ها"


@pytest.mark.parametrize(
    "clean", [f"می{ZWNJ}گوید", f"کتاب{ZWNJ}ها", f"نامه{ZWNJ}ای", f"بَ{ZWNJ}ها", f"۱۴۰۲{ZWNJ}ها"]
)
def test_zwnj_that_changes_the_shape_is_kept(clean):
    assert canonicalize(clean) == clean


def test_zwnj_is_never_inserted():
    assert canonicalize("می گوید کتاب ها") == "می گوید کتاب ها"


@pytest.mark.parametrize(
    "emoji", [FAMILY, "\u2764\ufe0f\u200d\U0001f525", "\U0001f3f3\ufe0f\u200d\U0001f308"]
)
def test_zwj_inside_an_emoji_sequence_is_kept(emoji):
    assert canonicalize(f"خانواده {emoji} شاد") == f"خانواده {emoji} شاد"


@pytest.mark.parametrize("raw", [f"ه{ZWJ}.ش", f"{ZWJ}سلام", f"سلام{ZWJ}", f"😀{ZWJ} دنیا"])
def test_zwj_outside_emoji_is_removed(raw):
    assert ZWJ not in canonicalize(raw)


@pytest.mark.parametrize(
    ("raw", "canonical"),
    [
        ("\ufefb", "لا"),  # lam-alef ligature
        ("\ufdf2", "الله"),
        ("\ufdfc", "ریال"),  # rial sign, with Persian yeh
        ("\ufef3\ufe8e\ufeae", "یار"),  # positional forms of ي ا ر
        ("\ufe91\ufeea", "به"),
    ],
)
def test_arabic_presentation_forms_are_expanded(raw, canonical):
    assert canonicalize(raw) == canonical


@pytest.mark.parametrize("other", ["\ufb01", "x²", "①", "ｆｕｌｌ", "Ⅳ"])
def test_other_compatibility_characters_are_left_alone(other):
    assert canonicalize(other) == other


def test_diacritics_are_kept_by_default_and_stripped_on_request():
    text = "کِتابٌ مُهِمّ و رحمٰن"
    assert canonicalize(text) == text
    assert canonicalize(text, strip_diacritics=True) == "کتاب مهم و رحمن"


CLEAN_ARTICLE = (
    "رئیس سازمان در تهران گفت: «ما این طرح را تا ۱۴۰۲/۰۵/۱۲ اجرا می‌کنیم.»\n"
    "\n"
    "به گفته وی، آمار COVID-19 در تهران کاهش یافته است و گزارش کامل در www.example.ir آمده است.\n"
    "کاربران با 😀 و " + FAMILY + " واکنش نشان دادند؛ نرخ رشد ۲.۵ درصد بود!"
)


def test_clean_persian_passes_through_unchanged():
    assert canonicalize(CLEAN_ARTICLE) == CLEAN_ARTICLE


def test_every_one_character_mapping_is_stable():
    for cp in [*range(0x0600, 0x0700), *range(0x2000, 0x2070), *range(0xFB50, 0xFF00), 0xA0, 0x85]:
        once = canonicalize(chr(cp))
        assert canonicalize(once) == once, hex(cp)
        assert ZWNJ not in once, hex(cp)


# --- canonicalize: properties ------------------------------------------------------------------

CANON_ALPHABET = "".join(
    [
        "ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیآأإؤئءۀة",  # Persian letters
        "يىكہە",  # Arabic look-alikes
        "٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹0123456789",
        "\u0640\u064b\u064e\u0650\u0651\u0652\u0654\u0670\u06d6",  # kashida, harakat
        ZWNJ + ZWJ + "\u200b\u200e\u200f\u061c\u202a\u202e\u2066\u2069\ufeff\u00ad\u2060",
        "\u00a0\u202f\u2009\u3000 \t\n\r\u2028\u2029\u0085",
        ".،:«»؟!؛-_/ab",
        "\ufefb\ufdf2\ufdfc\ufef3\ufe70\ufe71\ufc5e\ufb01",  # presentation forms, one Latin
        "😀👨👩\u2764\ufe0f\U0001f525",
    ]
)
canon_texts = st.text(alphabet=CANON_ALPHABET, max_size=40)


@PROPERTY
@given(canon_texts, st.booleans())
def test_canonicalize_is_idempotent(raw, strip):
    once = canonicalize(raw, strip_diacritics=strip)
    assert canonicalize(once, strip_diacritics=strip) == once


@PROPERTY
@given(canon_texts)
def test_canonicalize_never_adds_a_zwnj_nor_leaves_carriage_returns(raw):
    out = canonicalize(raw)
    assert out.count(ZWNJ) <= raw.count(ZWNJ)
    assert ZWNJ * 2 not in out
    assert "\r" not in out


@PROPERTY
@given(canon_texts)
def test_zwnj_shortcuts_give_what_checking_every_run_gives(raw):
    """Dropping runs before spaces and punctuation at once, and skipping the usual ZWNJ between
    two joining letters, changes nothing against looking at every run."""
    import re

    from annotator.canonical import _fix_zwnj, _zwnj_or_nothing

    every_run = re.compile(ZWNJ + "+")
    assert _fix_zwnj(raw) == every_run.sub(_zwnj_or_nothing, raw)


def test_the_edge_characters_a_zwnj_is_dropped_before_are_all_edges():
    import unicodedata

    from annotator.canonical import _EDGE_CATEGORIES, _EDGE_PUNCTUATION

    assert all(unicodedata.category(c)[0] in _EDGE_CATEGORIES for c in _EDGE_PUNCTUATION)

# --- hazm ------------------------------------------------------------------------------------


def test_importing_text_does_not_import_hazm():
    code = "import sys, annotator.text; print('hazm' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.slow
def test_hazm_normalize_is_opt_in_and_canonical():
    normalized = hazm_normalize("كتاب هاي   خوب")
    assert "ك" not in normalized and "ي" not in normalized
    assert canonicalize(normalized) == normalized
    text, tokenization = analyse("كتاب هاي خوب", normalize=True)
    assert text == canonicalize(text)
    assert tokenization == tokenize(text)


# --- tokenize --------------------------------------------------------------------------------


def check_tokenization(text: str, tokenization: Tokenization) -> None:
    """The invariants every tokenisation keeps, on any text."""
    sentences, tokens = tokenization.sentences, tokenization.tokens
    for spans in (sentences, tokens):
        previous_end = 0
        for start, end in spans:
            assert previous_end <= start < end <= len(text)
            assert not blank(text[start]) and not blank(text[end - 1])
            previous_end = end
    for start, end in sentences:
        assert "\n" not in text[start:end]
    k = 0
    for start, end in tokens:
        while sentences[k][1] <= start:
            k += 1
        assert sentences[k][0] <= start and end <= sentences[k][1], "token crosses a sentence"
    covered = bytearray(len(text))
    for spans, mark in ((sentences, 1), (tokens, 2)):
        for start, end in spans:
            for i in range(start, end):
                covered[i] |= mark
    for i, ch in enumerate(text):
        assert blank(ch) or covered[i] == 3, f"{ch!r} at {i} is in no token or sentence"


def test_empty_and_blank_text_have_no_tokens():
    assert tokenize("") == Tokenization((), ())
    assert tokenize(f" \n\t{ZWNJ}\n ") == Tokenization((), ())


def test_sentences_and_tokens_of_a_short_text():
    text = "وزیر گفت: «کار تمام شد». سپس رفت! آیا برمی‌گردد؟"
    tokenization = tokenize(text)
    check_tokenization(text, tokenization)
    assert words(text, tokenization.sentences) == ["وزیر گفت: «کار تمام شد».", "سپس رفت!", "آیا برمی‌گردد؟"]
    assert words(text, tokenization.tokens)[:6] == ["وزیر", "گفت", ":", "«", "کار", "تمام"]


def test_hazm_does_not_end_a_sentence_at_a_period_inside_closing_quotes():
    text = "وزیر گفت: «کار تمام شد.» سپس رفت."
    assert len(tokenize(text).sentences) == 1


def test_a_title_line_never_merges_with_the_next_paragraph():
    text = "تیتر خبر بدون نقطه\nمتن اول. متن دوم\n\nپایان"
    sentences = words(text, tokenize(text).sentences)
    assert sentences == ["تیتر خبر بدون نقطه", "متن اول.", "متن دوم", "پایان"]


@pytest.mark.parametrize("text", ["آماده شده است", "آماده  شده   است", f"آماده{ZWNJ}شده{ZWNJ}است"])
def test_joined_verb_parts_align_to_the_text(text):
    tokenization = tokenize(text)
    check_tokenization(text, tokenization)
    assert "".join(words(text, tokenization.tokens)).replace(" ", "") == text.replace(" ", "")
    assert tokenization.tokens[0][0] == 0 and tokenization.tokens[-1][1] == len(text)


def test_a_joined_verb_is_one_token():
    text = "گزارش آماده شده است."
    assert words(text, tokenize(text).tokens) == ["گزارش", "آماده شده است", "."]


def test_a_literal_underscore_is_not_taken_for_a_space():
    text = "فایل data_file گفته_شده است"
    tokenization = tokenize(text)
    check_tokenization(text, tokenization)
    assert words(text, tokenization.tokens) == ["فایل", "data_file", "گفته_شده", "است"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("COVID-19 در تهران", ["COVID-", "19", "در", "تهران"]),
        ("تاریخ ۱۴۰۲/۰۵/۱۲ بود", ["تاریخ", "۱۴۰۲", "/", "۰۵", "/", "۱۲", "بود"]),
        ("سایت www.example.ir است", ["سایت", "www", ".", "example", ".", "ir", "است"]),
        ("نرخ ۲.۵ درصد", ["نرخ", "۲.۵", "درصد"]),
        (f"شاد 😀 {FAMILY} بودند", ["شاد", "😀", FAMILY, "بودند"]),
        (f"می{ZWNJ}گوید", [f"می{ZWNJ}گوید"]),
    ],
)
def test_hazm_tokens_of_entities_are_aligned(text, expected):
    tokenization = tokenize(text)
    check_tokenization(text, tokenization)
    assert words(text, tokenization.tokens) == expected


def test_odd_whitespace_and_invisible_edges_in_raw_text():
    text = f"سلام\u00a0دنیا\r\nخبر\u2009{ZWNJ}تازه{ZWNJ} .\u2028{ZWJ}پایان\u200f"
    tokenization = tokenize(text)
    check_tokenization(text, tokenization)
    assert words(text, tokenization.tokens) == ["سلام", "دنیا", "خبر", "تازه", ".", "پایان"]
    assert len(tokenization.sentences) == 3


def test_tokenize_from_several_threads_at_once():
    results: list[Tokenization] = []
    threads = [threading.Thread(target=lambda: results.append(tokenize(CLEAN_ARTICLE))) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 4 and all(r == results[0] for r in results)


TOKEN_ALPHABET = (
    "ابپتجچخدرزژسشعفقکگلمنوهیآئ" + ZWNJ + "    \n" + "۰۱۲۳۴۵۶۷۸۹0123456789" + ".،:«»؟!_-/" + "abcXYZ"
)
PIECES = st.one_of(
    st.text(alphabet=TOKEN_ALPHABET, min_size=1, max_size=8),
    st.sampled_from(
        ["شده", "است", "خواهد", "گفته", "آماده", "می\u200cشود", "نشده", "بود", "😀", FAMILY, "\u00a0", "\t"]
    ),
)
token_texts = st.lists(PIECES, max_size=30).map("".join)


@PROPERTY
@given(token_texts)
def test_tokenization_invariants_on_random_text(text):
    check_tokenization(text, tokenize(text))


@PROPERTY
@given(canon_texts)
def test_tokenization_invariants_on_hostile_text(text):
    check_tokenization(text, tokenize(text))
    check_tokenization(canonicalize(text), tokenize(canonicalize(text)))


class ManglingSentences:
    """Stands in for a hazm that changes its sentences: reversed, so none can be found."""

    def tokenize(self, line: str) -> list[str]:
        return [part[::-1] for part in line.split(".") if part.strip()]


class ManglingWords:
    """Stands in for a hazm that renames, drops, invents and joins tokens."""

    def tokenize(self, sentence: str) -> list[str]:
        out = []
        for i, word in enumerate(sentence.split()):
            out.append([f"NUM{word}", word, "", f"{word[:1]}_{word[1:]}", "LINK"][i % 5])
        return out


@pytest.mark.parametrize(
    "text", [CLEAN_ARTICLE, "گزارش آماده شده است. سپس رفت", "a b c d e f g h i j k", "۱ ۲ ۳\n\n۴ ۵ ۶ ۷"]
)
def test_alignment_survives_a_hazm_that_changes_its_output(monkeypatch, text):
    import annotator.text as text_module

    monkeypatch.setitem(text_module._hazm, "tokenizers", (ManglingSentences(), ManglingWords()))
    check_tokenization(text, tokenize(text))


def test_analyse_returns_canonical_text_and_its_tokens_and_pickles():
    text, tokenization = analyse("كتاب  خوب است.")
    assert text == "کتاب  خوب است."
    assert tokenization == tokenize(text)
    assert pickle.loads(pickle.dumps(analyse)) is analyse
    assert pickle.loads(pickle.dumps((text, tokenization))) == (text, tokenization)
    assert analyse("کِتاب", strip_diacritics=True)[0] == "کتاب"


# --- pack / unpack ---------------------------------------------------------------------------

pairs_strategy = st.lists(
    st.tuples(st.integers(0, 10**7), st.integers(0, 10**4)).map(lambda p: (p[0], p[0] + p[1])),
    max_size=50,
)


@PROPERTY
@given(pairs_strategy)
def test_pack_unpack_round_trip(pairs):
    assert unpack_offsets(pack_offsets(pairs)) == tuple(pairs)


@PROPERTY
@given(pairs_strategy)
def test_packing_in_numpy_gives_the_same_bytes(pairs):
    import numpy as np

    from annotator.alignment import pack_many

    starts = np.array([s for s, _ in pairs], dtype=np.int64)
    ends = np.array([e for _, e in pairs], dtype=np.int64)
    [packed] = pack_many(starts, ends, np.array([0, len(pairs)]), np.zeros(1, dtype=np.int64))
    assert packed == pack_offsets(pairs)


def test_pack_real_tokens_takes_about_two_bytes_each_and_beats_json():
    text = " ".join(["گزارش", "کامل", "در", "تهران", "منتشر", "شد", "."] * 150)
    tokens = tokenize(text).tokens[:1000]
    assert len(tokens) == 1000
    blob = pack_offsets(tokens)
    assert unpack_offsets(blob) == tokens
    assert len(blob) <= 2 * len(tokens) + 1
    assert len(blob) * 5 < len(json.dumps(tokens))


def test_pack_empty_and_bad_input():
    assert unpack_offsets(pack_offsets([])) == ()
    assert unpack_offsets(b"") == ()
    with pytest.raises(ValueError):
        pack_offsets([(5, 3)])
    blob = pack_offsets([(0, 300)])
    with pytest.raises(ProjectFileError):
        unpack_offsets(blob[:-1])
    with pytest.raises(ProjectFileError):
        unpack_offsets(b"\x09" + blob[1:])


# --- trim_span and snap_to_tokens ------------------------------------------------------------


def test_trim_drops_a_zwnj_the_mouse_took_with_a_syllable():
    text = f"او می{ZWNJ}گوید"
    start = text.index("می")
    assert trim_span(text, start, start + 3) == (start, start + 2)  # «می‌» -> «می»
    assert text[slice(*trim_span(text, start - 1, len(text)))] == f"می{ZWNJ}گوید"


def test_trim_whitespace_and_invisible_marks_from_both_edges():
    text = f" \u200f«سلام»{ZWNJ}\n "
    start, end = trim_span(text, 0, len(text))
    assert text[start:end] == "«سلام»"


def test_trim_keeps_emoji_and_their_joiners():
    text = f"  {FAMILY} 😀 "
    start, end = trim_span(text, 0, len(text))
    assert text[start:end] == f"{FAMILY} 😀"


def test_trim_of_nothing_visible_is_empty():
    start, end = trim_span(f"الف {ZWNJ} \n ب", 3, 8)
    assert start == end
    assert trim_span("abc", 1, 1) == (1, 1)


def test_trim_rejects_offsets_outside_the_text():
    with pytest.raises(AnnotatorError):
        trim_span("abc", 2, 5)
    with pytest.raises(AnnotatorError):
        trim_span("abc", 2, 1)


def test_snap_expands_to_whole_tokens():
    text = "رئیس دولت گفت: «بله»"
    tokens = tokenize(text).tokens
    start = text.index("دولت") + 2
    assert text[slice(*snap_to_tokens(tokens, start, start + 1))] == "دولت"
    assert text[slice(*snap_to_tokens(tokens, 1, text.index("گفت") + 1))] == "رئیس دولت گفت"


def test_snap_leaves_positions_in_gaps_and_empty_selections():
    text = "رئیس  دولت"
    tokens = tokenize(text).tokens
    assert snap_to_tokens(tokens, 4, 5) == (4, 5)  # only spaces
    assert snap_to_tokens(tokens, 5, 8) == (5, len(text))  # start in the gap stays
    assert snap_to_tokens(tokens, 2, 2) == (2, 2)
    assert snap_to_tokens((), 0, 3) == (0, 3)


def test_snap_then_trim_a_zwnj_selection_and_an_emoji():
    text = f"او می{ZWNJ}گوید 😀 {FAMILY}!"
    tokens = tokenize(text).tokens
    start = text.index("می")
    assert text[slice(*trim_span(text, *snap_to_tokens(tokens, start, start + 3)))] == f"می{ZWNJ}گوید"
    family = text.index(FAMILY)
    assert text[slice(*snap_to_tokens(tokens, family + 2, family + 3))] == FAMILY


@PROPERTY
@given(token_texts, st.data())
def test_snap_contains_the_selection_and_ends_on_boundaries(text, data):
    tokens = tokenize(text).tokens
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    snapped = snap_to_tokens(tokens, start, end)
    assert snapped[0] <= start and end <= snapped[1]
    starts, ends = {s for s, _ in tokens}, {e for _, e in tokens}
    assert snapped[0] == start or snapped[0] in starts
    assert snapped[1] == end or snapped[1] in ends


def test_pack_uses_one_byte_per_value_when_it_can_and_varints_otherwise():
    from annotator.text import pack_offsets, unpack_offsets

    small = [(0, 3), (4, 9), (10, 12)]
    assert pack_offsets(small)[0] == 2 and len(pack_offsets(small)) == 7
    wide = [(0, 3), (4, 600)]
    assert pack_offsets(wide)[0] == 1
    for pairs in (small, wide, [], [(5, 5)]):
        assert unpack_offsets(pack_offsets(pairs)) == tuple(pairs)


# --- counting and searching agree ----------------------------------------------------------


def by_search(text: str) -> Tokenization:
    from annotator.text import _flatten, _tokenize_by_search

    sentences, tokens = _tokenize_by_search(_flatten(text))
    return Tokenization(tuple(sentences), tuple(tokens))


@PROPERTY
@given(st.one_of(token_texts, canon_texts))
def test_counting_and_searching_place_every_token_alike(text):
    tokenization = tokenize(text)
    assert tokenization == by_search(text)
    assert tokenize_packed(text) == PackedTokens.pack(tokenization)


def test_an_ordinary_article_is_aligned_by_counting_and_odd_ones_by_search():
    from annotator import alignment
    from annotator.text import _hazm_strings

    assert alignment.align(CLEAN_ARTICLE, *_hazm_strings(CLEAN_ARTICLE)) is not None
    joined_verb_and_underscore = "فایل data_file گفته شده است"
    assert alignment.align(joined_verb_and_underscore, *_hazm_strings(joined_verb_and_underscore)) is None
    assert tokenize(joined_verb_and_underscore) == by_search(joined_verb_and_underscore)
    assert alignment.align("a\x00b", ["a\x00b"], ["a", "b"], [2]) is None


def test_counting_refuses_tokens_that_straddle_a_sentence_end():
    from annotator import alignment

    assert alignment.align("ab cd", ["ab", "cd"], ["a", "bc", "d"], [2, 1]) is None
    found = alignment.align("ab cd", ["ab", "cd"], ["a", "b", "cd"], [2, 1])
    assert alignment.pairs(found.token_starts, found.token_ends) == [(0, 1), (1, 2), (3, 5)]
    assert alignment.pairs(found.sentence_starts, found.sentence_ends) == [(0, 2), (3, 5)]


def test_packing_from_counting_falls_back_to_varints_for_a_long_token():
    text = "الف " + "ب" * 300 + " ج"
    assert tokenize_packed(text) == PackedTokens.pack(tokenize(text))
    assert tokenize_packed(text).tokens[0] == 1


def test_the_odd_whitespace_class_is_every_whitespace_but_space_and_newline():
    from annotator.text import _ODD_WHITESPACE

    odd = {chr(cp) for cp in range(0x110000) if _ODD_WHITESPACE.match(chr(cp))}
    assert odd == {chr(cp) for cp in range(0x110000) if chr(cp).isspace()} - {" ", "\n"}
