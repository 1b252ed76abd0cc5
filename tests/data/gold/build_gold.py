"""Build ``gold.jsonl`` from :mod:`articles` (run from the repository root):

    .venv/bin/python tests/data/gold/build_gold.py [--show]

Offsets are computed from each span's text, so the annotations can be read and edited as text.
``--show`` prints every span with its line and context, for checking by eye.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[2]))

from articles import ARTICLES

from annotator.text import canonicalize
from annotator.timex import TimexError, normalize_timex

WORD = r"[\w\u200c]"


def locate(text: str, spec: Any, nth: int) -> tuple[int, int]:
    """``spec`` (a string, or a ``(first, last)`` pair) as offsets; ``nth`` counts word-bounded matches."""
    first, last = (spec, None) if isinstance(spec, str) else spec
    matches = list(re.finditer(f"(?<!{WORD}){re.escape(first)}(?!{WORD})", text))
    if len(matches) < nth:
        raise ValueError(f"{first!r}: only {len(matches)} occurrence(s), wanted #{nth}")
    start, end = matches[nth - 1].span()
    if last is not None:
        at = text.find(last, start)
        if at < 0:
            raise ValueError(f"{last!r} not found after {first!r}")
        end = at + len(last)
    return start, end


def timex_value(span_text: str, published: str | None) -> str | None:
    anchor = dt.date.fromisoformat(published) if published else None
    try:
        return normalize_timex(span_text, anchor=anchor).value
    except TimexError:
        return None


def build(article: dict[str, Any]) -> dict[str, Any]:
    text = article["text"]
    assert canonicalize(text) == text, f"{article['id']}: text is not canonical"
    actor_ids = {a["key"]: i for i, a in enumerate(article["actors"], 1)}
    placed = []
    for item in article["spans"]:
        start, end = locate(text, item["spec"], item["nth"])
        placed.append((start, end, item))
    placed.sort(key=lambda p: (p[0], p[1]))
    span_ids = {item["key"]: i for i, (_, _, item) in enumerate(placed, 1)}
    spans = []
    for start, end, item in placed:
        attrs = dict(item["attrs"])
        if item["label"] == "TIME_EXPR" and attrs.get("value") is None:
            value = timex_value(text[start:end], article.get("published"))
            if value:
                attrs["value"] = value
        spans.append({
            "id": span_ids[item["key"]], "label": item["label"], "start": start, "end": end,
            "fragments": [[start, end]], "text": text[start:end], "attrs": attrs,
            "actor": actor_ids[item["actor"]] if item.get("actor") else None,
        })
    relations = []
    for rtype, head, tail in article["relations"]:
        tail_ref = f"actor:{actor_ids[tail[6:]]}" if tail.startswith("actor:") else span_ids[tail]
        relations.append({"type": rtype, "head": span_ids[head], "tail": tail_ref})
    actors = [{"id": actor_ids[a["key"]], "name": a["name"], "type": a["type"], "subtype": a["subtype"],
               "aliases": a["aliases"], "attrs": a["attrs"]} for a in article["actors"]]
    return {"id": article["id"], "title": article["title"], "published": article.get("published"),
            "text": text, "spans": spans, "relations": relations, "actors": actors}


def show(record: dict[str, Any]) -> None:
    text = record["text"]
    print(f"== {record['id']}")
    for span in record["spans"]:
        line = text.count("\n", 0, span["start"])
        before = text[max(0, span["start"] - 12):span["start"]].replace("\n", "¶")
        print(f"  {span['id']:>2} L{line} {span['label']:<13} [{before}]{span['text'][:60]!r} {span['attrs']}")


def main() -> None:
    records = [build(a) for a in ARTICLES]
    if "--show" in sys.argv:
        for record in records:
            show(record)
    out = HERE / "gold.jsonl"
    with out.open("w", encoding="utf-8", newline="\n") as fh:
        for record in records:
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"wrote {len(records)} documents to {out}")


if __name__ == "__main__":
    main()
