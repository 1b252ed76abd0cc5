"""annotator.hazm_offsets: hazm's tokenisation computed as offsets gives exactly what calling
hazm and placing its strings on the text gives.

Every example is written for these tests. Runs without a display.
"""

from __future__ import annotations

import os

import hazm
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator import alignment, hazm_offsets
from annotator import text as textpipe
from annotator.canonical import canonicalize
from annotator.model import Tokenization
from annotator.samples import sample_texts

ZWNJ = "\u200c"
PROPERTY = settings(
    max_examples=int(os.environ.get("HYPOTHESIS_EXAMPLES", "300")), deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


def rules() -> hazm_offsets.VerbRules:
    found = textpipe._offset_rules()
    assert found is not None, "the hazm installed no longer follows the rules hazm_offsets states"
    return found


def by_offsets(text: str) -> Tokenization:
    found = hazm_offsets.offsets(text, rules())  # flattens odd whitespace itself
    return Tokenization(
        tuple(alignment.pairs(found.sentence_starts, found.sentence_ends)),
        tuple(alignment.pairs(found.token_starts, found.token_ends)),
    )


def by_calling_hazm(text: str) -> Tokenization:
    """The reference: hazm's strings, placed on the text by counting, or by search."""
    flat = textpipe._flatten(text)
    found = textpipe._aligned_by_counting(flat)
    if found is None:
        sentences, tokens = textpipe._tokenize_by_search(flat)
        return Tokenization(tuple(sentences), tuple(tokens))
    return Tokenization(
        tuple(alignment.pairs(found.sentence_starts, found.sentence_ends)),
        tuple(alignment.pairs(found.token_starts, found.token_ends)),
    )


def words(text: str, spans) -> list[str]:
    return [text[s:e] for s, e in spans]


def test_the_installed_hazm_follows_the_stated_rules_and_tokenize_uses_them():
    assert rules().before and "شده_است" in rules().after and "گفته" in rules().participles
    text = "گزارش آماده شده است."
    assert textpipe.tokenize(text) == by_offsets(text) == by_calling_hazm(text)


@pytest.mark.parametrize(
    "text",
    [
        "گزارش آماده شده است.",
        "گفته خواهد شد که او رفته بود و نرفته است",
        "کار انجام خواهد شد. آنها خواهند رفت",
        "او گفته شده باشد؟ بله! شاید⸮ نه",
        "خبر رفته. است که",  # a sentence end between a participle and an ending
        "نامه را خواهد",  # a future auxiliary that ends its sentence
        "خواهد خواهد رفت",
        "آماده\u200cشده\u200cاست و آماده  شده   است",
        "فایل data_file گفته_شده است و شده_است",
        "نرخ ۲.۵ درصد در ۱۴۰۲/۰۵/۱۲ ساعت ۱۰:۳۰ و ٣٤ و 12.5% و १२३",
        "«کار تمام شد.» سپس (گفت): [نه] {بله} \"آری\" / \\ ، ؛ ؟! ?!",
        "سلام...   دنیا.. خوب!!؟ است",
        f"{ZWNJ}کتاب{ZWNJ} {ZWNJ} ها{ZWNJ}. {ZWNJ}",
        "COVID-19 در www.example.ir",
        "😀 شاد 👨\u200d👩\u200d👧 بودند",
        "او\tگفته\u00a0شده است.\u2028خبر\r\nرفته\u3000است!\x0bنه\x1f\x85آری",
        "",
        " \n \n",
        ". . .",
    ],
)
def test_offsets_give_what_calling_hazm_gives(text):
    assert by_offsets(text) == by_calling_hazm(text)


def test_a_future_auxiliary_that_ends_its_sentence_stays_a_token():
    # hazm's join_verb_parts joins it to nothing and drops it; the text still has it.
    assert hazm.WordTokenizer().tokenize("نامه را خواهد") == ["نامه", "را"]
    text = "نامه را خواهد"
    assert words(text, by_offsets(text).tokens) == ["نامه", "را", "خواهد"]


def test_joined_verbs_are_one_token_and_never_cross_a_sentence():
    text = "گفته خواهد شد. رفته. است"
    assert words(text, by_offsets(text).tokens) == ["گفته خواهد شد", ".", "رفته", ".", "است"]


def test_every_sample_article_matches_hazm():
    for raw in sample_texts():
        text = canonicalize(raw)
        assert by_offsets(text) == by_calling_hazm(text)


PIECES = st.one_of(
    st.text(alphabet="ابپتخدرسشکگمنوهی" + ZWNJ + "  \n" + "۰۱۲٣0١9" + ".،:«»؟!?⸮_()/" + "ab", min_size=1, max_size=6),
    st.sampled_from([
        "شده", "نشده", "است", "بود", "باشد", "شد", "خواهد", "نخواهند", "گفته", "نرفته", "آماده",
        "می\u200cشود", "شده_است", "خواهد_شد", " ", ". ", "! ", "\n", ZWNJ, "😀", "१",
        "\t", "\r\n", "\u00a0", "\u2028", "\x0b", "\u3000", ".\u2029",
    ]),
)


@PROPERTY
@given(st.lists(PIECES, max_size=40).map("".join))
def test_offsets_match_hazm_on_random_text(text):
    assert by_offsets(text) == by_calling_hazm(text)


@PROPERTY
@given(st.text(max_size=60))
def test_offsets_match_hazm_on_any_canonical_text(text):
    text = canonicalize(text)
    assert by_offsets(text) == by_calling_hazm(text)


@pytest.mark.parametrize(
    "tokenizers",
    [
        lambda: (hazm.SentenceTokenizer(), hazm.WordTokenizer(join_verb_parts=False)),
        lambda: (hazm.SentenceTokenizer(), hazm.WordTokenizer(replace_numbers=True)),
        lambda: (hazm.SentenceTokenizer(), hazm.WordTokenizer(separate_emoji=True)),
        lambda: (object(), hazm.WordTokenizer()),
    ],
)
def test_tokenisers_with_other_rules_are_not_computed_but_called(tokenizers):
    assert hazm_offsets.rules_from(*tokenizers()) is None


def test_a_changed_word_pattern_falls_back_to_calling_hazm(monkeypatch):
    import re

    sentence_tokenizer, word_tokenizer = hazm.SentenceTokenizer(), hazm.WordTokenizer(separate_emoji=False)
    word_tokenizer.pattern = re.compile(r"([؟!?]+|[\d.:]+|[:.،؛»\])}\"«\[({/\\-])")  # also splits at '-'
    monkeypatch.setitem(textpipe._hazm, "tokenizers", (sentence_tokenizer, word_tokenizer))
    assert textpipe._offset_rules() is None
    text = "COVID-19 در تهران"
    assert words(text, textpipe.tokenize(text).tokens) == ["COVID", "-", "19", "در", "تهران"]


def test_the_number_class_is_what_hazm_s_backslash_d_matches():
    table = hazm_offsets._class_table() & 7
    numbers = {code for code in range(0x110000) if table[code] == 3}
    assert numbers == {code for code in range(0x110000) if chr(code).isdecimal()} | {ord("."), ord(":")}


@PROPERTY
@given(st.lists(st.lists(PIECES, max_size=12).map("".join), max_size=6))
def test_texts_tokenised_together_are_tokenised_as_each_alone(texts):
    together = textpipe.tokenize_packed_many(texts)
    assert together == [textpipe.PackedTokens.pack(textpipe.tokenize(text)) for text in texts]
