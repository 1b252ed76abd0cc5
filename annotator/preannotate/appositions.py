"""After a document is read: tie role-only speakers to names given anywhere in it.

An article may quote «شهردار تهران» throughout and name him only once, in a sentence with no
quote («علیرضا زاکانی شهردار تهران صبح امروز ...»), or give the name in «» before the title
(«مایک پامپئو» وزیر خارجه) and later use the surname alone («پامپئو افزود»). Such a
«NAME TITLE» apposition names the role-only entity, or merges it into the named one.
"""

from __future__ import annotations

import re

from annotator.preannotate import speakers as sp
from annotator.preannotate import vocabulary as V
from annotator.preannotate.lexicon import key
from annotator.preannotate.view import DocView

MAX_NAME_WORDS = 3
_BOUNDARIES = frozenset({"،", ",", "؛", ":", "."})
_VERBISH = frozenset(key(w) for w in ["است", "بود", "شد", "کرد", "دارد", "داشت", "گفت", "افزود", "نیز", "هم", "را", "و"])


def _name_before(view: DocView, token: int) -> tuple[tuple[str, ...], str, bool]:
    """The name tokens just before ``token`` in its sentence, their surface, and whether they
    stand at a clause boundary (or in «»), which makes a new name believable."""
    keys = view.keys
    floor = view.token_at(view.sentence_bounds(view.tokens[token][0])[0])
    if token - 1 >= floor and keys[token - 1] == "»":
        opened = next((j for j in range(token - 2, max(floor, token - 7) - 1, -1) if keys[j] == "«"), None)
        words = list(range(opened + 1, token - 1)) if opened is not None else []
        bounded = True
    else:
        words, i = [], token - 1
        while i >= floor and len(words) <= MAX_NAME_WORDS:
            k = keys[i]
            if V.is_punct(k) or k in V.STOPS or k in _VERBISH or V.head_kind(k) is not None or k in V.HONORIFICS:
                break
            words.append(i)
            i -= 1
        words.reverse()
        bounded = i < floor or keys[i] in _BOUNDARIES or keys[i] in V.HONORIFICS
    surface = " ".join(view.text[view.tokens[j][0]:view.tokens[j][1]] for j in words)
    return tuple(keys[j] for j in words), surface, bounded


def _occurrences(view: DocView, surface: str) -> list[int]:
    """Token indices where ``surface`` starts as whole words."""
    pattern = re.compile(rf"(?<![\w\u200c]){re.escape(surface)}(?![\w\u200c])")
    return [view.token_at(m.start()) for m in pattern.finditer(view.text)]


def _named_by_apposition(view: DocView, entities: sp.DocumentEntities, entity: sp.Entity) -> list[tuple[int, int]]:
    for surface in list(entity.surfaces):
        for token in _occurrences(view, surface):
            name, shown, bounded = _name_before(view, token)
            if not name or len(name) > MAX_NAME_WORDS:
                continue
            target = entities.by_name(name)
            if target is not None and target.key != entity.key:
                if len(name) > len(target.name):
                    target.surfaces.append(target.surface_name)
                    target.name, target.surface_name = name, shown
                return [(entity.key, target.key)]
            if target is None and bounded and len(name) >= 2:
                entity.name, entity.surface_name, entity.identifiability = name, shown, "NAMED"
                return []
    return []


def _same_names(entities: sp.DocumentEntities) -> list[tuple[int, int]]:
    """Named entities where one name ends the other («پامپئو» in «مایک پامپئو»)."""
    merges = []
    named = [e for e in entities.entities if e.name]
    for short in named:
        for long in named:
            if short.key != long.key and len(short.name) < len(long.name) and long.name[-len(short.name):] == short.name:
                merges.append((short.key, long.key))
                break
    return merges


def appositions(view: DocView, entities: sp.DocumentEntities) -> list[tuple[int, int]]:
    """``(drop, keep)`` entity merges; role-only entities named in place are renamed as a side effect."""
    merges: list[tuple[int, int]] = []
    for entity in list(entities.entities):
        if not entity.name and entity.titles and entity.actor_type == "PER":
            merges += _named_by_apposition(view, entities, entity)
    merged = {drop for drop, _ in merges}
    merges += [(d, k) for d, k in _same_names(entities) if d not in merged and k not in merged]
    return merges
