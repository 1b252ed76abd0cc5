"""The cue lexicon: spelling-insensitive keys, generated tense/negation/light-verb forms, and
matching on the project's tokens whatever the spacing."""

from __future__ import annotations

import pytest

from annotator.preannotate import lexicon as lx
from annotator.preannotate.cues import find_cues, token_keys
from annotator.text import tokenize


def test_key_ignores_zwnj_spaces_hamza_and_harakat():
    assert lx.key("می‌گوید") == lx.key("می گوید") == lx.key("میگوید")
    assert lx.key("تأکید کرد") == lx.key("تاکید کرد")
    assert lx.key("مسئول") == lx.key("مسیول")
    assert lx.key("گُفت") == lx.key("گفت")


@pytest.mark.parametrize("form, tense, negated", [
    ("گفت", "past", False), ("گفتند", "past", False), ("نگفت", "past", True),
    ("گفته است", "perfect", False), ("گفته‌اند", "perfect", False), ("گفته بود", "pluperfect", False),
    ("می‌گوید", "present", False), ("نمی‌گویند", "present", True), ("خواهد گفت", "future", False),
    ("نیفزود", "past", True), ("می‌نویسد", "present", False),
])
def test_simple_verb_forms(form, tense, negated):
    entry = lx.LEXICON[lx.key(form)]
    assert (entry.tense, entry.negated, entry.kind) == (tense, negated, lx.VERB)


@pytest.mark.parametrize("form", [
    "تاکید کرد", "تأکید کرده است", "تاکید نمود", "تاکید می‌کند", "تاکید نکرد", "اظهار داشت", "ادامه داد",
    "خاطرنشان کرد", "خاطر نشان ساخت", "یادآور شد", "معتقد است", "معتقدند", "اعلام کرده", "اظهار امیدواری کرد",
])
def test_light_verb_and_copular_forms(form):
    assert lx.key(form) in lx.LEXICON


def test_media_and_noun_phrase_cues():
    assert lx.LEXICON[lx.key("به گزارش")].intro == lx.INTRO_AGENCY
    assert lx.LEXICON[lx.key("به گفته")].intro == lx.INTRO_ACCORDING
    assert lx.LEXICON[lx.key("به نوشته")].medium == lx.WRITING
    assert lx.LEXICON[lx.key("با بیان این که")].intro == lx.INTRO_CLAUSE
    assert lx.LEXICON[lx.key("با تأکید بر اینکه")].kind == lx.NOUN_PHRASE
    assert lx.LEXICON[lx.key("با اشاره به")].intro == lx.INTRO_SUMMARY
    assert lx.LEXICON[lx.key("نگفت")].score < lx.LEXICON[lx.key("گفت")].score


def cues_in(text: str) -> list[str]:
    tokens = tokenize(text).tokens
    return [" … ".join(text[s:e] for s, e in c.fragments) for c in find_cues(token_keys(text, tokens), tokens)]


def test_matching_on_tokens_with_either_spacing():
    assert cues_in("او می‌گوید که هوا سرد است.") == ["می‌گوید"]
    assert cues_in("او می گوید که هوا سرد است.") == ["می گوید"]
    assert cues_in("وی تأکید کرده است: کار تمام شد.") == ["تأکید کرده است"]


def test_longest_form_wins_and_talk_is_not_a_cue():
    assert cues_in("وزیر خاطر نشان کرد: بله.") == ["خاطر نشان کرد"]
    assert cues_in("او پس از گفت و گو بازگشت.") == []
    assert cues_in("گفتنی است که جلسه لغو شد.") == []


def test_split_light_verb_needs_a_colon_or_ke():
    assert cues_in("وی تاکید زیادی کرد که کار تمام شود.") == ["تاکید … کرد"]
    assert cues_in("وی تاکید زیادی کرد و رفت.") == []
