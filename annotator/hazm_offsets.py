"""hazm's sentence and word tokenisation computed as offsets, in a few passes of numpy.

hazm returns strings, never offsets, and spends most of its time building them: a regular
expression substitution per sentence and per line, then a split. Its rules, for the
tokenisers :mod:`annotator.text` builds (``SentenceTokenizer()`` and
``WordTokenizer(join_verb_parts=True, separate_emoji=False)``), are simple enough to state as
character classes, which is what this module does:

- **sentences**: a line ends one; so does a run of ``! . ? ⸮ ؟`` followed by a space
  (``SentenceTokenizer.pattern``); each sentence is stripped of spaces, and blank ones drop;
- **tokens**: spaces separate them; a run of ``؟ ! ?``, a run of decimal digits, ``.`` and
  ``:``, and each of ``، ؛ » « ] [ ) ( } { " / \\`` is a token of its own
  (``WordTokenizer.pattern``); the rest of the characters run together;
- **joined verbs** (``WordTokenizer.join_verb_parts``): read backwards in its sentence, a token
  joins the tokens after it when it is a future auxiliary such as «خواهد» or when it is a past
  participle («گفته») and they make a known ending («شده است»). Membership is looked up in
  hazm's own word sets, and only for the few tokens that can take part.

:func:`offsets` gives exactly the spans that aligning hazm's strings to the text gives (a
property test over random and real text holds the two together). :func:`rules_from` checks
that the hazm objects in use still follow these rules (same patterns, same options) and
returns ``None`` when they do not, so another hazm version falls back to calling hazm.

One difference from hazm is kept on purpose: hazm drops a future auxiliary that ends its
sentence (``join_verb_parts`` joins it to nothing); here it stays a token of its own, as the
alignment did.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np

from annotator.alignment import Aligned

# The patterns of hazm 0.12 whose rules this module states as character classes.
SENTENCE_PATTERN = r"([!.?⸮؟]+)[ \n]+"
WORD_PATTERN = r'([؟!?]+|[\d.:]+|[:.،؛»\])}"«\[({/\\])'

# Character classes, in the low bits of the table; bit 3 marks sentence-ending punctuation,
# bit 4 the invisible characters (ZWNJ, ZWJ, bidi marks) that a span never starts or ends with,
# bits 5 and 6 whitespace that annotator.text flattens to a space or to a line break.
_OTHER, _SPACE, _MARKS, _NUMBER, _SINGLE = 0, 1, 2, 3, 4
_CLASS_BITS = 7
_ENDS_SENTENCE = 8
_INVISIBLE = 16
_TO_SPACE, _TO_BREAK = 32, 64
_SPACE_CODE, _NEWLINE_CODE = ord(" "), ord("\n")


@lru_cache(maxsize=1)
def _class_table() -> np.ndarray:
    """Every code point's class (see :data:`WORD_PATTERN`) and flags: 1.1 MB, built once."""
    from annotator.canonical import REMOVED_CHARACTERS, ZWJ, ZWNJ
    from annotator.text import LINE_BREAKS, OTHER_SPACES

    table = np.zeros(0x110000, dtype=np.uint8)
    every = np.arange(0x110000, dtype=np.uint32)
    every[0xD800:0xE000] = _SPACE_CODE  # surrogates are no characters of their own
    digits = [m.start() for m in re.finditer(r"\d", every.tobytes().decode("utf-32-le"))]  # what \d matches
    table[np.asarray(digits)] = _NUMBER
    for chars, value in ((" \n", _SPACE), ("؟!?", _MARKS), (".:", _NUMBER), ('،؛»])}"«[({/\\', _SINGLE)):
        table[[ord(c) for c in chars]] = value
    table[[ord(c) for c in "!.?⸮؟"]] |= _ENDS_SENTENCE
    table[[ord(c) for c in ZWNJ + ZWJ + REMOVED_CHARACTERS]] |= _INVISIBLE
    table[[ord(c) for c in OTHER_SPACES]] |= _TO_SPACE
    table[[ord(c) for c in LINE_BREAKS]] |= _TO_BREAK
    return table


def _flattened(codes: np.ndarray, table: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``codes`` and their ``table`` entries with odd whitespace made a space or a line break,
    as :func:`annotator.text._flatten` makes it (the length does not change)."""
    odd = np.flatnonzero(table & (_TO_SPACE | _TO_BREAK))
    if not len(odd):
        return codes, table
    codes = codes.copy()
    codes[odd] = np.where(table[odd] & _TO_BREAK, _NEWLINE_CODE, _SPACE_CODE)
    table[odd] = _class_table()[codes[odd]]
    return codes, table


@dataclass(frozen=True)
class VerbRules:
    """hazm's word sets for joining verb parts, with a table that finds candidates fast."""

    before: frozenset[str]  # future auxiliaries: join whatever follows («خواهد» + «رفت»)
    after: frozenset[str]  # endings a participle joins («است», «شده_است», «خواهد_شد»)
    participles: frozenset[str]  # «گفته», «نرفته», ...
    starts_of_after: frozenset[str]  # every "_"-prefix of an ending: what a token must be to begin one
    candidates: np.ndarray  # _bitmap(before, participles, starts_of_after)

    @classmethod
    def of(cls, before: Iterable[str], after: Iterable[str], participles: Iterable[str]) -> VerbRules:
        before, after, participles = frozenset(before), frozenset(after), frozenset(participles)
        parts = [ending.split("_") for ending in after]
        starts = frozenset("_".join(p[:k]) for p in parts for k in range(1, len(p) + 1))
        return cls(before, after, participles, starts, _bitmap(before, participles, starts))


_BEFORE, _PARTICIPLE, _STARTS_AFTER = 1, 2, 4


_BUCKETS = 1 << 20  # a word's bucket: a hash of its length and first, middle and last characters


def _buckets(codes: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """The bucket of each word ``codes[starts[k]:ends[k]]``: equal words share one (words that
    share one are told apart on the string)."""
    lengths = (ends - starts).astype(np.int64)
    first = codes[starts].astype(np.int64)
    middle = codes[starts + lengths // 2].astype(np.int64)
    last = codes[ends - 1].astype(np.int64)
    return (first * 1_000_003 + middle * 8_191 + last * 131 + lengths) % _BUCKETS


def _bitmap(*sets: Iterable[str]) -> np.ndarray:
    """A table that has bit ``i`` set at the bucket of each word of ``sets[i]``."""
    table = np.zeros(_BUCKETS, dtype=np.uint8)
    for bit, words in enumerate(sets):
        words = sorted(w for w in words if w)
        text = "".join(words)
        ends = np.cumsum([len(w) for w in words])
        codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        table[_buckets(codes, ends - [len(w) for w in words], ends)] |= 1 << bit
    return table


def rules_from(sentence_tokenizer: Any, word_tokenizer: Any) -> VerbRules | None:
    """hazm's verb rules when its tokenisers follow what this module states, else ``None``."""
    try:
        same = (
            sentence_tokenizer.pattern.pattern == SENTENCE_PATTERN
            and word_tokenizer.pattern.pattern == WORD_PATTERN
            and word_tokenizer._join_verb_parts
            and not word_tokenizer._join_abbreviation
            and not any(getattr(word_tokenizer, option) for option in (
                "separate_emoji", "replace_links", "replace_ids", "replace_emails",
                "replace_numbers", "replace_hashtags"))
            and _is_hazm_class(sentence_tokenizer, "hazm.sentence_tokenizer", "SentenceTokenizer")
            and _is_hazm_class(word_tokenizer, "hazm.word_tokenizer", "WordTokenizer")
        )
    except AttributeError:
        return None
    if not same:
        return None
    return VerbRules.of(word_tokenizer.before_verbs, word_tokenizer.after_verbs, word_tokenizer.verbe)


def _is_hazm_class(obj: Any, module: str, name: str) -> bool:
    """Whether ``obj`` is an instance of hazm's own class (not a subclass that changes it)."""
    return type(obj).__module__ == module and type(obj).__name__ == name


def offsets(flat: str, rules: VerbRules) -> Aligned:
    """hazm's sentences and tokens of ``flat`` (each line tokenised on its own; whitespace
    other than spaces and ``\\n`` counts as :func:`annotator.text._flatten` makes it), as
    offsets, with invisible characters trimmed from their edges and any left empty dropped."""
    codes = np.frombuffer(flat.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    codes, table = _flattened(codes, _class_table()[codes])
    classes = table & _CLASS_BITS

    # Tokens: a new one after a space, at a change of class, and at every single-character mark.
    changes = np.ones(len(codes) + 1, dtype=bool)
    np.not_equal(classes[1:], classes[:-1], out=changes[1:-1])
    apart = (classes == _SINGLE) | changes[:-1]
    token_starts = np.flatnonzero(apart & (classes != _SPACE))
    if not len(token_starts):
        empty = np.zeros(0, dtype=np.int64)
        return Aligned(empty, empty, empty, empty)
    apart[:-1] = (classes[:-1] == _SINGLE) | changes[1:-1]
    apart[-1] = True
    token_ends = np.flatnonzero(apart & (classes != _SPACE)) + 1

    # Sentences: split at line breaks and after sentence-ending punctuation followed by a space;
    # each is stripped, so it runs from its first token's start to its last token's end.
    breaks = codes == _NEWLINE_CODE
    breaks[1:] |= (codes[1:] == _SPACE_CODE) & ((table[:-1] & _ENDS_SENTENCE) != 0)
    sentence_of = np.searchsorted(np.flatnonzero(breaks), token_starts, side="right")
    first_of_sentence = np.ones(len(token_starts), dtype=bool)
    np.not_equal(sentence_of[1:], sentence_of[:-1], out=first_of_sentence[1:])
    last_of_sentence = np.ones(len(token_starts), dtype=bool)
    last_of_sentence[:-1] = first_of_sentence[1:]
    sentence_starts, sentence_ends = token_starts[first_of_sentence], token_ends[last_of_sentence]

    joined = _joined_verbs(flat, codes, token_starts, token_ends, last_of_sentence, rules)
    if joined is not None:
        token_starts = token_starts[np.concatenate(([True], ~joined[:-1]))]
        token_ends = token_ends[~joined]
    invisible = (table & _INVISIBLE) != 0
    if invisible.any():
        sentence_starts, sentence_ends = _trimmed(invisible, classes, sentence_starts, sentence_ends)
        token_starts, token_ends = _trimmed(invisible, classes, token_starts, token_ends)
    return Aligned(sentence_starts, sentence_ends, token_starts, token_ends)


def _trimmed(invisible: np.ndarray, classes: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Spans with invisible characters trimmed from their edges; those left empty are
    dropped. Only spans that start or end with one are looked at."""
    if not (invisible[starts] | invisible[ends - 1]).any():
        return starts, ends
    solid = np.flatnonzero(~invisible & (classes != _SPACE))
    first = np.searchsorted(solid, starts)
    last = np.searchsorted(solid, ends) - 1
    kept = last >= first
    return solid[first[kept]], solid[last[kept]] + 1


def _joined_verbs(
    flat: str, codes: np.ndarray, starts: np.ndarray, ends: np.ndarray, last_of_sentence: np.ndarray,
    rules: VerbRules,
) -> np.ndarray | None:
    """For each token, whether hazm joins it to the next one (``None`` when none is). Joins
    stay inside sentences: ``last_of_sentence`` marks the tokens that end one."""
    bits = rules.candidates[_buckets(codes, starts, ends)]
    # Candidates by bucket, then checked on the strings.
    auxiliaries = np.flatnonzero(bits & _BEFORE)
    participles = np.flatnonzero((bits[:-1] & _PARTICIPLE != 0) & (bits[1:] & _STARTS_AFTER != 0) & ~last_of_sentence[:-1])
    if not len(auxiliaries) and not len(participles):
        return None
    looked_at = auxiliaries.tolist() + participles.tolist() + (participles + 1).tolist()
    slices = map(slice, starts[looked_at].tolist(), ends[looked_at].tolist())
    words = dict(zip(looked_at, map(flat.__getitem__, slices), strict=True))
    can_join = {k for k in auxiliaries.tolist() if words[k] in rules.before}
    can_join.update(k for k in participles.tolist()
                    if words[k] in rules.participles and words[k + 1] in rules.starts_of_after)
    if not can_join:
        return None

    def word(k: int) -> str:
        found = words.get(k)
        return found if found is not None else flat[starts[k]:ends[k]]

    indices = sorted(can_join)
    ends_sentence = last_of_sentence[indices].tolist()
    joins: list[int] = []
    i = 0
    while i < len(indices):
        j = i  # indices[i..j]: consecutive candidates in one sentence
        while j + 1 < len(indices) and indices[j + 1] == indices[j] + 1 and not ends_sentence[j]:
            j += 1
        k = indices[i]
        if i < j:  # a chain such as «گفته خواهد شد»: hazm's loop over it and the token after it
            last = indices[j] if ends_sentence[j] else indices[j] + 1
            joins += _joins_in_window([word(x) for x in range(k, last + 1)], k, ends_sentence[j], rules)
        elif not ends_sentence[i]:  # the usual pair («گفته است», «خواهد رفت»), decided at once
            token = word(k)
            if token in rules.before or (token in rules.participles and word(k + 1) in rules.after):
                joins.append(k)
        i = j + 1
    if not joins:
        return None
    joined = np.zeros(len(starts), dtype=bool)
    joined[joins] = True
    return joined


def _joins_in_window(tokens: list[str], first: int, ends_sentence: bool, rules: VerbRules) -> list[int]:
    """hazm's ``join_verb_parts`` over one window of tokens: the indices (from ``first``) of
    those it joins to the next.

    Read backwards, a token joins the group after it when it is a future auxiliary, or when
    it is a participle and the group is a known ending. A group that reaches the end of the
    sentence joins nothing in hazm (which then drops it); here its tokens stay apart.
    """
    joins = []
    group = ""  # the group after the current token, as hazm writes it ("شده_است")
    open_end = ends_sentence  # whether that group is hazm's empty start at the sentence end
    for offset in range(len(tokens) - 1, -1, -1):
        token = tokens[offset]
        if token in rules.before or (group in rules.after and token in rules.participles):
            if not open_end:
                joins.append(first + offset)
            group = f"{token}_{group}"
        else:
            group, open_end = token, False
    return joins
