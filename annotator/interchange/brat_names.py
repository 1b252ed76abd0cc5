"""Names between brat and a tagset.

Tagset names are UPPER_SNAKE (labels, relation types, enum values) or lower_snake (attributes);
brat's are free-form (``Transfer-money``, ``Org-Arg``). A tagset made from an ``annotation.conf``
keeps each brat name in the item's description (``brat event: Transfer-money``), so an export back
to brat writes the original names and kinds (an event, an equivalence) again.
"""

from __future__ import annotations

import re
from typing import Any

KINDS = ("entity", "event", "relation", "equivalence", "role", "attribute", "value")
_DESCRIBED = re.compile(r"^brat (" + "|".join(KINDS) + r"): (\S+)")
_NOT_WORD = re.compile(r"[^0-9A-Za-z]+")


def describe(kind: str, name: str) -> str:
    """The description that records where a tagset item came from, e.g. ``brat entity: Person``."""
    return f"brat {kind}: {name}"


def described(item: Any) -> tuple[str, str] | None:
    """``(kind, brat name)`` recorded in a tagset item's description, or None."""
    match = _DESCRIBED.match(getattr(item, "description", "") or "")
    return (match.group(1), match.group(2)) if match else None


def brat_name(item: Any) -> str:
    """The name to write in brat files: the recorded brat name, else the tagset name."""
    found = described(item)
    return found[1] if found else item.name


def brat_kind(item: Any, default: str) -> str:
    found = described(item)
    return found[0] if found else default


def upper_name(name: str) -> str:
    """A brat type as a tagset name: ``Transfer-money`` -> ``TRANSFER_MONEY``."""
    cleaned = _NOT_WORD.sub("_", name).strip("_").upper() or "X"
    return cleaned if cleaned[0].isalpha() else f"X_{cleaned}"


def lower_name(name: str) -> str:
    """A brat attribute as a tagset attribute name: ``Mention`` -> ``mention``."""
    return upper_name(name).lower()


def role_name(role: str) -> str:
    """An event role without brat's number for repeated arguments: ``Org-Arg2`` -> ``Org-Arg``."""
    return role.rstrip("0123456789") or role
