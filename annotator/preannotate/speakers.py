"""Speaker mentions: find the subject before a cue, say what kind of mention it is, and resolve
it to a document entity (and, in :func:`match_registry`, to an actor of the registry).

Persian news puts the speaker first and the cue last: «علیرضا زاکانی شهردار تهران در جلسه ...
گفت:». The subject is the noun phrase that opens the clause, up to the first preposition,
adverb or punctuation. «وی»، «او»، «ایشان» and a dropped subject («افزود:») refer to the most
recent speaker; a title («شهردار تهران») or a surname («زاکانی») to the entity that bore it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from annotator.model import Actor
from annotator.preannotate import vocabulary as V
from annotator.preannotate.lexicon import key
from annotator.preannotate.model import SuggestedActor

MAX_NP = 14  # longest subject noun phrase, in tokens
MAX_NAME = 5  # longest name without a title


@dataclass(frozen=True, slots=True)
class Mention:
    """A speaker mention: tokens ``first..last`` and how they split into name and title."""

    first: int
    last: int
    mention_type: str  # NAME, NOM, PRON
    name: tuple[str, ...] = ()  # token keys of the personal or organisation name
    title: tuple[str, ...] = ()  # token keys of the title
    anaphoric: bool = False  # «این مقام», «این کارشناس»: the head refers back
    surface_name: str = ""
    surface_title: str = ""
    actor_type: str = "PER"
    subtype: str | None = None
    identifiability: str = "NAMED"
    plural: bool = False  # «آنها»: refers back to a group or an organisation


def noun_phrase(keys: list[str], start: int, stop: int) -> tuple[int, int] | None:
    """The subject noun phrase in tokens ``[start, stop)``: ``(first, last)`` or None.

    Collection ends at punctuation, a preposition or an adverb; an object («... را») restarts it.
    Short «»-marked names inside are kept («مایک پامپئو» وزیر خارجه). A phrase that ends at a
    colon is a dateline («خبرگزاری فارس: ...»), not a subject.
    """
    first, i = start, start
    while i < stop:
        k = keys[i]
        if k == "«":
            close = next((j for j in range(i + 1, min(stop, i + 6)) if keys[j] == "»"), None)
            if close is None:
                break
            i = close + 1
            continue
        if k == V.RA:
            first = i + 1
        elif k in V.STOPS or V.is_punct(k) or (k in V.MID_STOPS and i > first):
            if k == V.WEEKDAY_TAIL and i - 1 > first and keys[i - 1] in V.WEEKDAY_NUMBERS:
                i -= 1  # «... کشور سه شنبه گفت»: «سه» is part of the day
            break
        i += 1
    last = i - 1
    if last < first or last - first >= MAX_NP or (i < len(keys) and keys[i] == ":"):
        return None
    if keys[first] in V.PRONOUNS:  # «وی تقویت همکاری ...»: a pronoun takes no modifiers
        return first, first
    if keys[first] in V.BAD_STARTS and (last == first or keys[first + 1] in V.STOPS):
        return None
    return first, last


def classify(keys: list[str], surfaces: Mapping[int, str], first: int, last: int) -> Mention | None:
    """What kind of mention tokens ``first..last`` are, with their name and title split.

    :param surfaces: the text of each token in ``first..last``, by index
    """
    pairs = [(keys[i], surfaces[i]) for i in range(first, last + 1) if not V.is_punct(keys[i])]
    words, shown = [k for k, _ in pairs], [s for _, s in pairs]
    if not words:
        return None
    if len(words) == 1 and words[0] in V.PRONOUNS:
        return Mention(first, last, "PRON")
    if len(words) == 1 and words[0] in V.THEY:
        return Mention(first, last, "PRON", plural=True)
    if words[0] in V.PLURAL_PRONOUNS:
        return None
    i = 1 if words[0] in V.HONORIFICS and len(words) > 1 else 0
    if words[0] in V.DEMONSTRATIVES and len(words) > 1:
        return _titled(first, last, words[1:], shown[1:], anaphoric=True)
    if words[i] in V.INDEFINITE or words[i] in V.QUANTIFIERS:
        return _titled(first, last, words[i:], shown[i:], anonymous=True)
    if V.head_kind(words[i]) is not None:
        return _titled(first, last, words[i:], shown[i:])
    cut = next((j for j in range(i + 1, len(words)) if V.head_kind(words[j]) is not None), len(words))
    name, title = tuple(words[i:cut]), tuple(words[cut:])
    if not title and len(name) > MAX_NAME:
        return None
    kind = V.head_kind(title[0]) if title else None
    if not title and "".join(name) in V.MEDIA_NAMES:
        return Mention(first, last, "NAME", name, surface_name=" ".join(shown[i:]), actor_type="ORG", subtype="MEDIA")
    if not title and "".join(name) in V.PLACE_NAMES:  # «روسیه اعلام کرد»: the country speaks
        return Mention(first, last, "NAME", name, surface_name=" ".join(shown[i:]), actor_type="GPE")
    return Mention(first, last, "NAME", name, title, surface_name=" ".join(shown[i:cut]),
                   surface_title=" ".join(shown[cut:]),
                   actor_type="ORG" if kind == "org" else "PER", subtype=V.org_subtype(title) if kind == "org" else None)


def _titled(first: int, last: int, words: list[str], shown: list[str], *, anaphoric: bool = False,
            anonymous: bool = False) -> Mention:
    """A title, an organisation («وزارت نفت», a NAME) or a group («برخی کارشناسان»)."""
    head = next((w for w in words if V.head_kind(w) is not None), words[0])
    kind = V.head_kind(head)
    group = kind == "group" or words[0] in V.QUANTIFIERS
    if kind == "org" and not anaphoric and not anonymous:
        return Mention(first, last, "NAME", tuple(words), (), surface_name=" ".join(shown),
                       actor_type="ORG", subtype=V.org_subtype(tuple(words)))
    return Mention(first, last, "NOM", (), tuple(words), anaphoric, surface_title=" ".join(shown),
                   actor_type="GROUP" if group else ("ORG" if kind == "org" else "PER"),
                   subtype=V.org_subtype(tuple(words)) if kind == "org" else None,
                   identifiability="ANONYMOUS" if anonymous else "ROLE_ONLY")


# -- document entities ------------------------------------------------------------------------


@dataclass
class Entity:
    """Who a run of mentions in one document refers to."""

    key: int
    name: tuple[str, ...] = ()
    surface_name: str = ""
    titles: list[tuple[str, ...]] = field(default_factory=list)
    surfaces: list[str] = field(default_factory=list)
    actor_type: str = "PER"
    subtype: str | None = None
    identifiability: str = "NAMED"

    def actor(self) -> SuggestedActor:
        name = self.surface_name or (self.surfaces[0] if self.surfaces else "?")
        aliases = tuple(dict.fromkeys(s for s in self.surfaces if s != name))
        ident = "NAMED" if self.surface_name else self.identifiability
        return SuggestedActor(self.key, name, self.actor_type, self.subtype, aliases, ident)


def _suffix(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    return 0 < len(short) <= len(long) and long[len(long) - len(short):] == short


def _prefix(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    n = min(len(a), len(b))
    return n > 0 and a[:n] == b[:n]


class DocumentEntities:
    """The entities of one document, filled mention by mention in text order."""

    def __init__(self) -> None:
        self.entities: list[Entity] = []
        self.speakers: list[int] = []  # entity keys, most recent last

    def by_name(self, name: tuple[str, ...]) -> Entity | None:
        for entity in reversed(self.entities):
            if entity.name and (_suffix(name, entity.name) or _suffix(entity.name, name)):
                return entity
        return None

    def by_title(self, title: tuple[str, ...], *, unnamed_only: bool = False) -> Entity | None:
        for k in reversed([e.key for e in self.entities] + self.speakers):
            entity = self.entities[k]
            if unnamed_only and entity.name:
                continue
            if any(_prefix(title, t) for t in entity.titles):
                return entity
        return None

    def known_prefix(self, words: list[str]) -> int:
        """How many leading ``words`` are a known name or title (0 when none is): trims
        «هاشمی رفسنجانی دوره ...» and «رئیس مجمع تشخیص مصلحت نظام گفتمان‌های ...»."""
        best = 0
        for entity in self.entities:
            for known in (entity.name, *entity.titles):
                n = len(known)
                if n and tuple(words[:n]) == known:
                    best = max(best, n)
        return best

    def merge(self, drop: int, keep: int) -> None:
        """Make entity ``drop`` part of ``keep`` (callers remap what referred to ``drop``)."""
        gone, kept = self.entities[drop], self.entities[keep]
        if len(gone.name) > len(kept.name):
            if kept.surface_name:
                kept.surfaces.append(kept.surface_name)
            kept.name, kept.surface_name = gone.name, gone.surface_name
        elif gone.surface_name:
            kept.surfaces.append(gone.surface_name)
        kept.titles += [t for t in gone.titles if t not in kept.titles]
        kept.surfaces += gone.surfaces
        if kept.identifiability != "NAMED" and kept.name:
            kept.identifiability = "NAMED"
        self.speakers = [keep if k == drop else k for k in self.speakers]
        gone.name, gone.titles, gone.surfaces = (), [], []

    def last_speaker(self, head: str | None = None, *, strict: bool = False, before: int | None = None) -> int | None:
        """The most recent speaker, or the most recent one whose titles hold ``head``
        (with ``strict``, None when no speaker has it); ``before`` ignores speakers from that count on."""
        for k in reversed(self.speakers[:before]):
            if head is None or any(head in t for t in self.entities[k].titles) or head in self.entities[k].name:
                return k
        recent = self.speakers[:before]
        return recent[-1] if recent and head is not None and not strict else None

    def last_group(self, *, before: int | None = None) -> int | None:
        """The most recent speaker that is a group or an organisation («آنها» refers to it), or None."""
        return next((k for k in reversed(self.speakers[:before])
                     if self.entities[k].actor_type in ("GROUP", "ORG")), None)

    def spoke(self, entity: int | None) -> None:
        if entity is not None:
            self.speakers.append(entity)

    def _new(self, mention: Mention) -> Entity:
        entity = Entity(len(self.entities), actor_type=mention.actor_type, subtype=mention.subtype,
                        identifiability=mention.identifiability)
        self.entities.append(entity)
        return entity

    def resolve(self, mention: Mention, *, before: int | None = None) -> int | None:
        """The entity a mention refers to, creating one for a new name or title.

        :param before: resolve «وی» and «این مقام» against the speakers up to this count only
            (the main subject of a sentence, not a speaker quoted inside it)
        """
        if mention.plural:
            return self.last_group(before=before)
        if mention.mention_type == "PRON":
            return self.last_speaker(before=before)
        if mention.anaphoric:
            head = mention.title[0] if mention.title else None
            found = self.last_speaker(head, strict=head not in V.GENERIC_HEADS, before=before)
            if found is not None:
                return found
        entity = None
        if mention.name:
            entity = self.by_name(mention.name)
            if entity is None and mention.title:
                entity = self.by_title(mention.title, unnamed_only=True)
        elif mention.title:
            entity = self.by_title(mention.title)
        entity = entity or self._new(mention)
        _learn(entity, mention)
        return entity.key


def _learn(entity: Entity, mention: Mention) -> None:
    if mention.name and len(mention.name) >= len(entity.name):
        if entity.surface_name and entity.surface_name != mention.surface_name:
            entity.surfaces.append(entity.surface_name)
        entity.name, entity.surface_name = mention.name, mention.surface_name
        entity.actor_type, entity.subtype = mention.actor_type, mention.subtype or entity.subtype
    elif mention.surface_name:
        entity.surfaces.append(mention.surface_name)
    if mention.title:
        if mention.title not in entity.titles:
            entity.titles.append(mention.title)
        entity.surfaces.append(mention.surface_title)


# -- the actor registry -----------------------------------------------------------------------


def _names(actor: Actor) -> set[str]:
    return {key(n) for n in (actor.name, *actor.aliases) if n}


def match_registry(entity: SuggestedActor, search: Callable[[str], Iterable[Actor]]) -> Actor | None:
    """The registry actor an entity is: one whose name or alias is exactly the entity's name.

    Only the name is looked up (a title such as «وزیر نفت» passes from one holder to the next);
    when several actors share it, the one whose canonical name it is wins, else none does.

    :param search: e.g. ``lambda s: project.actors(search=s)`` (a substring search)
    """
    wanted = key(entity.name)
    hits = {a.id: a for a in search(entity.name) if wanted in _names(a)}
    if len(hits) == 1:
        return next(iter(hits.values()))
    exact = [a for a in hits.values() if key(a.name) == wanted]
    return exact[0] if len(exact) == 1 else None
