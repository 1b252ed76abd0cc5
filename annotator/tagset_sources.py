"""Where a tagset can come from: a JSON file, a built-in name such as ``ner-basic``, a brat
configuration named ``brat:PATH/annotation.conf``, or the tags of CoNLL files (``conll:PATH``)."""

from __future__ import annotations

from pathlib import Path

from annotator.errors import TagsetError
from annotator.tagset import Tagset, builtin_names, builtin_tagset, load_tagset

BRAT_PREFIX = "brat:"
CONLL_PREFIX = "conll:"


def load_any_tagset(spec: str) -> Tagset:
    """Load a tagset from a path to a JSON file, a built-in name, ``brat:PATH`` (an
    ``annotation.conf`` or the folder holding one) or ``conll:PATH`` (the tags of CoNLL files).

    :raises TagsetError: no such file or name, or an invalid tagset
    """
    if spec.startswith(BRAT_PREFIX):
        from annotator.interchange.brat_conf import tagset_from_brat

        return tagset_from_brat(spec[len(BRAT_PREFIX):])
    if spec.startswith(CONLL_PREFIX):
        from annotator.interchange.conll import tagset_from_conll

        return tagset_from_conll(spec[len(CONLL_PREFIX):])
    path = Path(spec)
    if path.is_file():
        return load_tagset(path)
    if spec in builtin_names():
        return builtin_tagset(spec)
    raise TagsetError(
        f"{spec}: no such tagset file; give a JSON file, brat:PATH/annotation.conf, conll:PATH or one of: "
        f"{', '.join(builtin_names())}"
    )
