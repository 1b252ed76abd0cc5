"""Per-tagset lookups a merge makes for every one of tens of thousands of annotations, cached."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from annotator.ids import ActorId
from annotator.tagset import Tagset


class TagsetIndex:
    """Actor-typed attributes, defaults and overlap policy of each label or relation type.

    Gives the same answers as :func:`annotator.rules.apply_defaults` and the tagset's own
    lookups, without a linear search per call.

    :param tagset: the tagset to index
    """

    def __init__(self, tagset: Tagset):
        self.tagset = tagset
        self._actor: dict[str, frozenset[str]] = {}
        self._defaults: dict[str, tuple[tuple[str, Any], ...]] = {}
        self._overlap = {label.name: label.allow_overlap for label in tagset.span_labels}

    def _load(self, owner: str) -> None:
        specs = self.tagset.attributes_of(owner) or ()
        self._actor[owner] = frozenset(s.name for s in specs if s.type == "actor")
        self._defaults[owner] = tuple((s.name, s.default) for s in specs if s.default is not None)

    def actor_attributes(self, owner: str) -> frozenset[str]:
        """Names of the attributes of ``owner`` (label, relation type or ACTOR) that hold actor ids."""
        if owner not in self._actor:
            self._load(owner)
        return self._actor[owner]

    def fill(self, owner: str, attrs: Mapping[str, Any]) -> dict[str, Any]:
        """``attrs`` with the default of every absent (or None) attribute filled in."""
        if owner not in self._defaults:
            self._load(owner)
        filled = dict(attrs)
        for name, default in self._defaults[owner]:
            if filled.get(name) is None:
                filled[name] = default
        return filled

    def allows_overlap(self, label: str) -> bool:
        """Whether spans of ``label`` may overlap (unknown labels: True, as the rules treat them)."""
        return self._overlap.get(label, True)

    def actor_values(self, owner: str, attrs: Mapping[str, Any]) -> list[ActorId]:
        names = self.actor_attributes(owner)
        return [ActorId(v) for k, v in attrs.items() if k in names and isinstance(v, int)] if names else []

    def map_attrs(self, owner: str, attrs: Mapping[str, Any], actor: Callable[[ActorId], Any]) -> dict[str, Any]:
        """``attrs`` with defaults filled and every actor-typed value passed through ``actor``."""
        filled = self.fill(owner, attrs)
        names = self.actor_attributes(owner)
        if not names:
            return filled
        return {k: (actor(ActorId(v)) if k in names and isinstance(v, int) else v) for k, v in filled.items()}
