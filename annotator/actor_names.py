"""When two spellings name the same actor: the key that actor matching compares.

Annotators working apart type the same name differently: Arabic ي or ك, a ZWNJ or a space
inside «محمدباقر», a doubled space, «» around a body's name, Latin case. :func:`name_key`
maps all of these to one key; anything else (another word, another order) stays different,
so a match is never a guess.
"""

from __future__ import annotations

from annotator.canonical import ZWNJ, canonicalize

_EDGE_MARKS = "«»\"'“”‘’()[]{}.,،:;؛!?؟-_ "


def name_key(name: str) -> str:
    """The canonical letters of ``name`` without spaces or ZWNJ (so «محمدباقر», «محمد‌باقر» and
    «محمد باقر» agree, as Persian spelling lets them vary), case folded, without quotes or
    punctuation at either end."""
    text = canonicalize(name).replace(ZWNJ, "")
    text = "".join(text.split())
    return text.strip(_EDGE_MARKS).casefold()
