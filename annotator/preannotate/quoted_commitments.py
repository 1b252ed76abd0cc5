"""Commitments spoken inside quotes: «ما این کار را ظرف ۲۰ روز تمام می‌کنیم».

A promise verb outside quotes («قول داد») is found by :mod:`.detect`. Inside a quote the speaker
commits in their own words, so the rule here is narrower and needs two signs in one sentence of
the quote: a deadline (a time expression already found there) and a verb that commits, either in
the first person, present or future («تمام می‌کنیم»، «خواهیم رساند»: an ACTION, FIRM, on behalf of
the speaker or their institution), or in the third person («به بهره‌برداری می‌رسد»، «افتتاح خواهد
شد»: an OUTCOME, INTENDED, with a lower score; not a weather forecast). A negated verb, or a
request to others («از فدراسیون می‌خواهیم ...»), commits to nothing. The commitment
is COMMITTED_BY whoever the quote is ATTRIBUTED_TO, HAS_DEADLINE the time expression, and
EXPRESSED_IN the quote.
"""

from __future__ import annotations

from annotator.preannotate.builder import Builder
from annotator.preannotate.lexicon import key

_PRESENT = ("می\u200c", "می ")  # the prefix of a present verb (never a word such as «میلیارد»)
_NEGATIVE = ("نمی\u200c", "نمی ", "نخواه")
_REQUEST = ("می\u200cخواه", "می خواه")  # «از فدراسیون می‌خواهیم ...»: asking others, not committing
FIRST_PERSON_SCORE, THIRD_PERSON_SCORE = 0.6, 0.45
_PAST_WORDS = ("گذشته", "اخیر", "پیش", "قبل")
# Subjects of a forecast, not of a commitment: nobody answers for the weather («بارش‌ها از فردا آغاز می‌شود»).
_FORECAST_SUBJECTS = frozenset(map(key, (
    "بارش", "بارش‌ها", "باران", "بارندگی", "بارندگی‌ها", "برف", "دما", "دمای", "هوا", "هوای", "توفان", "طوفان",
    "گرد", "غبار", "سیل", "زلزله", "باد", "وزش", "سرما", "گرما", "موج", "مه",
)))
# Where a sentence's clauses meet: punctuation and «اما/ولی», or «و» right after a verb
# («... برطرف شده و پیمانکار ...»; not the «و» of «بهداشت و درمان»).
_BREAKS = frozenset({"،", ",", "؛", ";", "اما", "ولی"})
_VERB_ENDINGS = ("شده", "کرده", "داده", "بوده", "گرفته", "است", "هست", "هستند", "هستیم", "بود", "بودند",
                 "دارم", "داریم", "دارد", "دارند", "شد", "شدند", "کرد", "کردند", "داد", "دادند", "ایم", "اند")


def commitment_verb(word: str) -> tuple[str, str] | None:
    """``("first", "یم"|"م")`` or ``("third", "")`` when ``word`` (a token as written) is a
    present or future verb that can commit, else None (negated, past, or not a verb)."""
    if word.startswith(_NEGATIVE) or word.startswith(_REQUEST):
        return None
    if word.startswith(("خواهیم", "خواهم")):
        return "first", "یم" if word.startswith("خواهیم") else "م"
    if word.startswith(("خواهد", "خواهند")):
        return "third", ""
    if word.startswith(_PRESENT):
        for ending in ("یم", "م"):
            if word.endswith(ending):
                return "first", ending
        if word.endswith("د"):
            return "third", ""
    return None


def add_quoted_commitments(builder: Builder) -> None:
    """Suggest the commitments made inside the builder's quotes (see the module docstring)."""
    view = builder.view
    speakers = {link.head: link for link in builder.links if link.type == "ATTRIBUTED_TO"}
    taken = [s.fragments[0] for s in builder.spans if s.label == "COMMITMENT"]
    for quote in [s for s in builder.spans if s.label == "QUOTE" and s.key in speakers]:
        q_start, q_end = quote.fragments[0][0], quote.fragments[-1][1]
        for t_start, t_end, timex in builder.timexes():
            if not (q_start <= t_start and t_end <= q_end) or _past(view.text[t_start:t_end]):
                continue
            found = _committing_clause(view, quote_part=(q_start, q_end), timex_start=t_start)
            if found is None or any(a < found[0][1] and found[0][0] < b for a, b in taken):
                continue
            clause, (attrs, score) = found
            key = builder.add("COMMITMENT", (clause,), attrs, score)
            said = speakers[quote.key]
            builder.link("COMMITTED_BY", key, tail=said.tail, entity=said.entity, score=said.score)
            builder.link("HAS_DEADLINE", key, tail=timex, score=0.7)
            builder.link("EXPRESSED_IN", key, tail=quote.key, score=0.7)
            taken.append(clause)


def _committing_clause(view, *, quote_part: tuple[int, int], timex_start: int):
    """The clause of the quote around the deadline at ``timex_start``, with the attributes and
    score of the commitment it states; None when it has no committing verb (or is a forecast)."""
    s_start, s_end = view.sentence_bounds(timex_start)
    sentence = view.trim(max(s_start, quote_part[0]), min(s_end, quote_part[1]))
    if sentence is None:
        return None
    first, end = _segment(view, view.token_at(sentence[0]), view.token_at(sentence[1]), view.token_at(timex_start))
    # a joined verb is one token («ساخته می‌شود»، «باز خواهد شد»): look at each of its words
    words = [w for s, e in view.tokens[first:end] for w in view.text[s:e].split()]
    verbs = [v for v in map(commitment_verb, words) if v is not None]
    clause = view.trim(view.tokens[first][0], view.tokens[end - 1][1]) if end > first else None
    if not verbs or clause is None:
        return None
    person, ending = next((v for v in verbs if v[0] == "first"), verbs[0])
    if person == "first":
        return clause, ({"commit_kind": "ACTION", "specificity": "SPECIFIC", "strength": "FIRM", "polarity": "POS",
                         "on_behalf": "INSTITUTION" if ending == "یم" else "SELF"}, FIRST_PERSON_SCORE)
    if view.keys[first] in _FORECAST_SUBJECTS:
        return None
    return clause, ({"commit_kind": "OUTCOME", "specificity": "SPECIFIC", "strength": "INTENDED",
                     "polarity": "POS"}, THIRD_PERSON_SCORE)


def _past(timex: str) -> bool:
    """«طی ۱۰۰ سال گذشته»، «دو هفته پیش»: a time behind, no deadline to commit to."""
    return any(word in timex.split() for word in _PAST_WORDS)


def _segment(view, first: int, end: int, at: int) -> tuple[int, int]:
    """Token indices ``[first, end)`` of the clause of tokens ``first..end`` that holds token ``at``."""
    def word(i: int) -> str:
        return view.text[view.tokens[i][0]:view.tokens[i][1]]

    start, stop = first, end
    for i in range(first, end):
        breaks = word(i) in _BREAKS or (word(i) == "و" and i > first and _verb_like(word(i - 1)))
        if breaks and i < at:
            start = i + 1
        elif breaks and i > at:
            stop = i
            break
    return start, stop


def _verb_like(word: str) -> bool:
    return word.startswith(_PRESENT) or word.endswith(_VERB_ENDINGS)
