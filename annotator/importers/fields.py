"""Turn one row/object of named values into a :class:`RawRecord`, applying ``--map``."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from pathlib import Path
from typing import Any

from annotator.errors import InputError
from annotator.importers.dates import parse_date
from annotator.importers.records import FIELDS, ImportProblem, RawRecord

# Column names that probably hold the article text, to suggest a --map option.
_TEXT_LIKE = ("body", "content", "article", "story", "full_text", "fulltext", "news", "abstract",
              "description", "متن", "محتوا", "خبر")


def check_mapping(mapping: Mapping[str, str] | None) -> dict[str, str]:
    """Validate a ``{field: name}`` mapping (``--map text=body``); return it as a dict."""
    mapping = dict(mapping or {})
    for field, name in mapping.items():
        if field not in FIELDS:
            raise InputError(f"unknown field {field!r} in --map; the fields are {', '.join(FIELDS)}")
        if not isinstance(name, str) or not name.strip():
            raise InputError(f"--map {field}= needs a column or key name, e.g. --map {field}=body")
    return mapping


def find_key(names: Collection[str], field: str, mapping: Mapping[str, str]) -> str | None:
    """The key holding ``field``: the mapped name, else the field's own name in any case."""
    wanted = mapping.get(field, field)
    if wanted in names:
        return wanted
    if field in mapping:
        return None
    folded = [n for n in names if n.strip().casefold() == field]
    return folded[0] if len(folded) == 1 else None


def missing_text(names: Collection[str], mapping: Mapping[str, str], kind: str,
                 values: Mapping[str, Any] | None = None) -> str:
    """Why no text field was found, and the ``--map`` option that would fix it."""
    shown = ", ".join(list(names)[:12]) + (", ..." if len(names) > 12 else "") or "none"
    plural = "columns" if kind == "column" else "fields"
    if "text" in mapping:
        return (f"no {mapping['text']!r} {kind} (given by --map text={mapping['text']}; "
                f"{plural} present: {shown}); check the name")
    suggestion = _suggest(names, values)
    advice = f"use --map text={suggestion}"
    if suggestion == "NAME":
        advice += f" with the {kind} that holds the article text"
    return f"no 'text' {kind} ({plural} present: {shown}); {advice}"


def build_record(
    values: Mapping[str, Any],
    mapping: Mapping[str, str],
    *,
    path: str | Path,
    line: int | None,
    kind: str = "field",
) -> RawRecord | ImportProblem:
    """Build a record from named values (a JSON object or a CSV row)."""
    keys = {field: find_key(values.keys(), field, mapping) for field in FIELDS}
    text_key = keys["text"]
    if text_key is None:
        return ImportProblem(str(path), line, missing_text(list(values), mapping, kind, values))
    text = values[text_key]
    if not isinstance(text, str):
        return ImportProblem(str(path), line, f"{kind} {text_key!r} holds a {_type(text)}, not text; "
                                              f"use --map text=NAME to pick the text {kind}")
    if not text or text.isspace():
        reason = f"empty text in {kind} {text_key!r}; fill it in or remove this record"
        return ImportProblem(str(path), line, reason)
    used = {k for k in keys.values() if k is not None}
    meta: dict[str, Any] = {}
    nested = values.get("meta")
    if isinstance(nested, Mapping) and "meta" not in used:
        meta.update(nested)
        used.add("meta")
    meta.update((k, v) for k, v in values.items() if k not in used)
    scalars = {}
    for field in ("title", "url", "date", "id", "source"):
        key = keys[field]
        value = values.get(key) if key is not None else None
        if isinstance(value, (dict, list)):
            meta[key] = value  # keep what we cannot use
            value = None
        scalars[field] = _scalar(value)
    published, original = parse_date(scalars["date"])
    return RawRecord(
        text=text,
        title=scalars["title"],
        url=scalars["url"],
        published=published,
        published_original=original,
        source=scalars["source"],
        external_id=scalars["id"],
        meta=meta,
        origin_path=str(path),
        origin_line=line,
    )


def _scalar(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _type(value: Any) -> str:
    return {dict: "JSON object", list: "list", bool: "true/false", type(None): "null"}.get(
        type(value), "number")


def _suggest(names: Collection[str], values: Mapping[str, Any] | None) -> str:
    for name in names:
        if name.strip().casefold() in _TEXT_LIKE:
            return name
    if values:
        strings = [(len(v), k) for k, v in values.items() if isinstance(v, str) and v.strip()]
        if strings:
            return max(strings)[1]
    return "NAME"
