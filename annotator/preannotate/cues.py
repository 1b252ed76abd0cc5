"""Cue matching on the project's tokens: the longest lexicon form starting at each token.

A form may cover several tokens (hazm keeps «می گوید» as two tokens and «گفته است» as one);
the keys of consecutive tokens are joined and looked up, so spacing never matters. A light
verb split from its noun («تاکید زیادی کرد:») becomes a cue of two fragments.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from annotator.model import Fragment
from annotator.preannotate import lexicon as lx

MAX_TOKENS = lx.MAX_WORDS + 2
_PREFIXES = frozenset(k[:i] for k in lx.LEXICON for i in range(1, len(k) + 1))
_PROMISE_PREFIXES = frozenset(k[:i] for k in lx.PROMISES for i in range(1, len(k) + 1))
_DIRECTIVE_PREFIXES = frozenset(k[:i] for k in lx.DIRECTIVES for i in range(1, len(k) + 1))
PUNCT = frozenset("،,:؛;.!؟?()[]«»\"“”-–—/…")
_TALK = frozenset({lx.key("و"), lx.key("گو"), lx.key("وگو")})
_SAY_LEMMAS = frozenset({"گفتن"})


@dataclass(frozen=True, slots=True)
class CueMatch:
    """A cue found at tokens ``first..last`` (inclusive)."""

    first: int
    last: int
    fragments: tuple[Fragment, ...]
    form: lx.CueForm

    @property
    def start(self) -> int:
        return self.fragments[0][0]

    @property
    def end(self) -> int:
        return self.fragments[-1][1]


@lru_cache(maxsize=4096)
def _is_punct(token_key: str) -> bool:
    return bool(token_key) and all(ch in PUNCT for ch in token_key)


def token_keys(text: str, tokens: tuple[Fragment, ...] | list[Fragment]) -> list[str]:
    """The lexicon key of every token."""
    return [lx.key(text[s:e]) for s, e in tokens]


def _longest(keys: list[str], i: int, table: dict, prefixes: frozenset) -> tuple[int, object] | None:
    joined, found = "", None
    for j in range(i, min(len(keys), i + MAX_TOKENS)):
        joined += keys[j]
        if joined not in prefixes:
            break
        if joined in table:
            found = (j, table[joined])
    return found


def _is_report(keys: list[str], i: int, j: int, form: lx.CueForm) -> bool:
    """False for «سخن گفت» (spoke) and «گفت و گو» (talks), which introduce nothing."""
    if i > 0 and keys[i - 1] in lx.NOT_A_REPORT_BEFORE and form.kind == lx.VERB:
        return False
    return not (form.lemma in _SAY_LEMMAS and j + 1 < len(keys) and keys[j + 1] in _TALK)


def _split_light_verb(keys: list[str], tokens, i: int) -> CueMatch | None:
    """«تاکید ... کرد» with up to :data:`lexicon.SPLIT_GAP` words between, before «:» or «که»."""
    noun = lx.SPLIT_NOUNS.get(keys[i])
    if noun is None:
        return None
    for j in range(i + 2, min(len(keys), i + 2 + lx.SPLIT_GAP)):
        if _is_punct(keys[j - 1]):
            return None
        for width in (1, 2):
            verb = "".join(keys[j:j + width])
            after = j + width
            if verb in lx.SPLIT_LIGHT_VERBS and after < len(keys) and keys[after] in {":", lx.key("که")}:
                form = lx.LEXICON.get(lx.key(noun) + verb)
                if form is not None:
                    fragments = (tokens[i], (tokens[j][0], tokens[after - 1][1]))
                    return CueMatch(i, after - 1, fragments, form)
    return None


def find_cues(keys: list[str], tokens) -> list[CueMatch]:
    """Every cue in a tokenised text, left to right, not overlapping."""
    found: list[CueMatch] = []
    i = 0
    while i < len(keys):
        hit = _longest(keys, i, lx.LEXICON, _PREFIXES)
        if hit is not None:
            j, form = hit
            if _is_report(keys, i, j, form):  # type: ignore[arg-type]
                found.append(CueMatch(i, j, ((tokens[i][0], tokens[j][1]),), form))  # type: ignore[arg-type]
            i = j + 1
            continue
        split = _split_light_verb(keys, tokens, i)
        if split is not None:
            found.append(split)
            i = split.last + 1
            continue
        i += 1
    return found


def find_promises(keys: list[str]) -> list[tuple[int, int, tuple[str, float]]]:
    """Promise verbs («قول داد»، «متعهد شد» ...) as ``(first, last, (strength, score))``."""
    return _all_longest(keys, lx.PROMISES, _PROMISE_PREFIXES)


def find_directives(keys: list[str]) -> list[tuple[int, int, tuple[str, float]]]:
    """Directive verbs («خواست») as ``(first, last, (strength, score))``."""
    return _all_longest(keys, lx.DIRECTIVES, _DIRECTIVE_PREFIXES)


def _all_longest(keys: list[str], table: dict, prefixes: frozenset) -> list[tuple[int, int, tuple[str, float]]]:
    out = []
    i = 0
    while i < len(keys):
        hit = _longest(keys, i, table, prefixes)
        if hit is None:
            i += 1
            continue
        out.append((i, hit[0], hit[1]))  # type: ignore[arg-type]
        i = hit[0] + 1
    return out
