"""Precision, recall and F1 of suggestions against gold, both in the jsonl export shape.

* **Spans** (quotes, cues, mentions, time expressions, commitments) are matched one to one within
  a document and label, greedily by the number of code points they share; any overlap counts
  (``exact`` also reports identical boundaries for quotes).
* **Speaker attribution** is judged on matched quotes that have a gold speaker: the actor each
  side's ATTRIBUTED_TO resolves to (through the mention's actor, or directly for a dropped
  subject). Actor ids differ between the two sides, so actors are compared by name: correct when
  one side's name is the other's name or one of its aliases. "missing" (no predicted speaker) is
  reported apart from "wrong". ``strict`` instead maps gold actors one to one onto predicted
  actors per document (by the quotes they share) and counts the quotes that follow the mapping:
  it punishes one person split into two actors, which the name test forgives.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annotator.errors import InputError
from annotator.preannotate.lexicon import key

LABELS = ("QUOTE", "CUE", "ACTOR_MENTION", "TIME_EXPR", "COMMITMENT")
ACTOR_PREFIX = "actor:"


@dataclass
class Score:
    """Counts and the figures derived from them."""

    tp: int = 0
    predicted: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else (1.0 if not self.gold else 0.0)

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else (1.0 if not self.predicted else 0.0)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Score) -> None:
        self.tp, self.predicted, self.gold = self.tp + other.tp, self.predicted + other.predicted, self.gold + other.gold

    def to_json(self) -> dict[str, Any]:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4),
                "tp": self.tp, "predicted": self.predicted, "gold": self.gold}


@dataclass
class Speakers:
    correct: int = 0
    wrong: int = 0
    missing: int = 0
    strict_correct: int = 0

    @property
    def total(self) -> int:
        return self.correct + self.wrong + self.missing

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 1.0

    @property
    def strict(self) -> float:
        return self.strict_correct / self.total if self.total else 1.0

    def to_json(self) -> dict[str, Any]:
        return {"accuracy": round(self.accuracy, 4), "strict_accuracy": round(self.strict, 4),
                "correct": self.correct, "wrong": self.wrong, "missing": self.missing, "total": self.total}


@dataclass
class Report:
    spans: dict[str, Score] = field(default_factory=lambda: {label: Score() for label in LABELS})
    exact_quotes: Score = field(default_factory=Score)
    speakers: Speakers = field(default_factory=Speakers)
    quote_types: Counter = field(default_factory=Counter)  # (gold type, predicted type) on matched quotes
    documents: int = 0
    misses: list[dict[str, Any]] = field(default_factory=list)

    @property
    def quote_type_accuracy(self) -> float:
        total = sum(self.quote_types.values())
        return sum(n for (g, p), n in self.quote_types.items() if g == p) / total if total else 1.0

    def to_json(self) -> dict[str, Any]:
        return {"documents": self.documents,
                "spans": {label: score.to_json() for label, score in self.spans.items()},
                "quotes_exact": self.exact_quotes.to_json(),
                "speaker_attribution": self.speakers.to_json(),
                "quote_type_accuracy": round(self.quote_type_accuracy, 4)}


# -- matching ------------------------------------------------------------------------------------


def _fragments(span: Mapping[str, Any]) -> list[tuple[int, int]]:
    return [tuple(f) for f in span.get("fragments") or [[span["start"], span["end"]]]]  # type: ignore[misc]


def _overlap(a: Mapping[str, Any], b: Mapping[str, Any]) -> int:
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in _fragments(a) for s2, e2 in _fragments(b))


def match_spans(gold: Sequence[Mapping[str, Any]], predicted: Sequence[Mapping[str, Any]]) -> list[tuple[int, int]]:
    """One-to-one ``(gold index, predicted index)`` pairs, largest overlap first."""
    pairs = sorted(((_overlap(g, p), i, j) for i, g in enumerate(gold) for j, p in enumerate(predicted)),
                   reverse=True)
    used_g, used_p, out = set(), set(), []
    for overlap, i, j in pairs:
        if overlap <= 0:
            break
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            out.append((i, j))
    return out


# -- speakers ------------------------------------------------------------------------------------


def _speaker_of(record: Mapping[str, Any], quote_id: Any) -> Mapping[str, Any] | None:
    """The actor a quote's ATTRIBUTED_TO link resolves to, or None."""
    actors = {a["id"]: a for a in record.get("actors", ())}
    spans = {s["id"]: s for s in record.get("spans", ())}
    for relation in record.get("relations", ()):
        if relation["type"] != "ATTRIBUTED_TO" or relation["head"] != quote_id:
            continue
        tail = relation["tail"]
        if isinstance(tail, str) and tail.startswith(ACTOR_PREFIX):
            return actors.get(int(tail[len(ACTOR_PREFIX):]))
        mention = spans.get(tail)
        return actors.get(mention.get("actor")) if mention else None
    return None


def _names(actor: Mapping[str, Any]) -> set[str]:
    return {key(n) for n in (actor.get("name"), *actor.get("aliases", ())) if n}


def same_actor(gold: Mapping[str, Any], predicted: Mapping[str, Any]) -> bool:
    """One side's name is the other's name or alias."""
    return key(predicted["name"]) in _names(gold) or key(gold["name"]) in _names(predicted)


def _strict(pairs: list[tuple[Any, Any]]) -> int:
    """Quotes that follow a one-to-one mapping of gold onto predicted actors (largest groups first)."""
    counts = Counter((g, p) for g, p in pairs if p is not None)
    used_g, used_p, correct = set(), set(), 0
    for (g, p), n in counts.most_common():
        if g not in used_g and p not in used_p:
            used_g.add(g)
            used_p.add(p)
            correct += n
    return correct


# -- documents -----------------------------------------------------------------------------------


def compare(gold: Mapping[str, Any], predicted: Mapping[str, Any], report: Report) -> None:
    """Add one document's comparison to ``report``."""
    report.documents += 1
    for label in LABELS:
        g = [s for s in gold.get("spans", ()) if s["label"] == label]
        p = [s for s in predicted.get("spans", ()) if s["label"] == label]
        matched = match_spans(g, p)
        report.spans[label].add(Score(len(matched), len(p), len(g)))
        if label == "QUOTE":
            _quotes(gold, predicted, g, p, matched, report)


def _quotes(gold, predicted, g, p, matched, report: Report) -> None:
    exact = sum(1 for i, j in matched if _fragments(g[i]) == _fragments(p[j]))
    report.exact_quotes.add(Score(exact, len(p), len(g)))
    actor_pairs = []
    hit = {i for i, _ in matched}
    for i, j in matched:
        report.quote_types[(g[i]["attrs"].get("quote_type"), p[j]["attrs"].get("quote_type"))] += 1
        gold_actor = _speaker_of(gold, g[i]["id"])
        if gold_actor is None:
            continue
        pred_actor = _speaker_of(predicted, p[j]["id"])
        if pred_actor is None:
            report.speakers.missing += 1
            actor_pairs.append((gold_actor["id"], None))
            report.misses.append(_miss(gold, g[i], "speaker missing"))
        elif same_actor(gold_actor, pred_actor):
            report.speakers.correct += 1
            actor_pairs.append((gold_actor["id"], pred_actor["id"]))
        else:
            report.speakers.wrong += 1
            actor_pairs.append((gold_actor["id"], pred_actor["id"]))
            report.misses.append(_miss(gold, g[i], f"speaker {pred_actor['name']} (gold {gold_actor['name']})"))
    report.speakers.strict_correct += _strict(actor_pairs)
    report.misses += [_miss(gold, g[i], "quote missed") for i in range(len(g)) if i not in hit]
    used = {j for _, j in matched}
    report.misses += [_miss(predicted, p[j], "extra quote", doc=gold.get("id")) for j in range(len(p)) if j not in used]


def _miss(record: Mapping[str, Any], span: Mapping[str, Any], what: str, doc: Any = None) -> dict[str, Any]:
    return {"document": doc if doc is not None else record.get("id"), "what": what, "text": span.get("text", "")[:80]}


def evaluate(pairs: Iterable[tuple[Mapping[str, Any], Mapping[str, Any]]]) -> Report:
    """Compare ``(gold, predicted)`` records document by document."""
    report = Report()
    for gold, predicted in pairs:
        compare(gold, predicted, report)
    return report


def load_gold(path: str | Path) -> list[dict[str, Any]]:
    """Read a gold file: one export-shaped JSON record per line.

    :raises InputError: a file that is not text or not JSON, or a record without a "text", naming the line
    """
    from annotator.interchange.jsonstream import json_values  # the reader ``annotator import`` uses

    records = []
    for number, record in json_values(Path(path)):
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            raise InputError('each line must be an object with a "text"', path=path, line=number)
        records.append(record)
    return records
