"""Where a tagset can come from: a JSON file, or a built-in name such as ``ner-basic``."""

from __future__ import annotations

from pathlib import Path

from annotator.errors import TagsetError
from annotator.tagset import Tagset, builtin_names, builtin_tagset, load_tagset


def load_any_tagset(spec: str) -> Tagset:
    """Load a tagset from a path to a JSON file or a built-in name.

    :raises TagsetError: no such file or name, or an invalid tagset
    """
    path = Path(spec)
    if path.is_file():
        return load_tagset(path)
    if spec in builtin_names():
        return builtin_tagset(spec)
    raise TagsetError(
        f"{spec}: no such tagset file; give a JSON file or one of: {', '.join(builtin_names())}"
    )
