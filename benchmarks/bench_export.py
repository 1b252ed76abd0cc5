"""Export of 10,000 documents with 300,000 spans to jsonl (target <= 10 s), against sqlite-utils.

The project is built fast: documents go through :meth:`Project.add_document` with a tiny
precomputed tokenisation (no hazm), spans and links through the store's own insert functions
(:func:`annotator.store.annotations.insert_span` / ``insert_relation``) in one transaction: the
bulk path skips the service's per-span validation and audit, which would take ~1.7 ms a span.
The baseline is sqlite-utils dumping the same three tables as JSON lines in the same run.

Run it with ``python -m benchmarks.bench_export``.
"""

from __future__ import annotations

import json
import re
import tempfile
import time
from pathlib import Path

from benchmarks.common import peak_rss_mb, write_result

WORDS = ("شهردار", "تهران", "گفت", "که", "بودجه", "می‌شود", "وزیر", "۲۰", "روز", "مجلس", "طرح", "است")
LABELS = ("ACTOR_MENTION", "CUE", "QUOTE", "TIME_EXPR")


def _text(i: int, words: int) -> str:
    return " ".join(WORDS[(i * 7 + k) % len(WORDS)] for k in range(words)) + f" {i}."


def build(path: Path, documents: int, spans_per_document: int, words: int = 300) -> None:
    """A project with ``documents`` texts of ``words`` words and that many spans each."""
    from annotator.ids import ActorId, AnnotatorId, DocumentId, SpanId
    from annotator.model import ActorDraft, RelationDraft, SpanDraft, Tokenization
    from annotator.project import Project
    from annotator.store import annotations as ann_sql
    from annotator.store.db import now
    from annotator.store.documents import DocumentRow

    with Project.init(path) as project:
        annotator = project.add_annotator("gold", role="lead")
        actors = [project.add_actor(ActorDraft(name=f"کنشگر {k}", type="PER"))[0].id for k in range(100)]
        at = now()
        with project.db.atomic():
            for i in range(documents):
                text = _text(i, words)
                tokens = tuple(m.span() for m in re.finditer(r"\S+", text))
                document_id, _ = project.add_document(
                    DocumentRow(uid=f"bench-{i}", title=f"خبر {i}", text=text, raw_text=None, canon_version=1),
                    Tokenization(((0, len(text)),), tokens), tokenizer="bench")
                _spans(project.db, DocumentId(document_id), AnnotatorId(annotator.id), tokens, spans_per_document,
                       actors, at, ann_sql, SpanDraft, RelationDraft, SpanId, ActorId)


def _spans(db, document_id, annotator_id, tokens, count, actors, at, ann_sql, SpanDraft, RelationDraft, SpanId,
           ActorId) -> None:
    ids = []
    step = max(1, len(tokens) // count)
    for k in range(count):
        label = LABELS[k % len(LABELS)]
        start, end = tokens[k * step][0], tokens[min(k * step + (4 if label == "QUOTE" else 1), len(tokens) - 1)][1]
        attrs = {"quote_type": "DIRECT", "continuation": False} if label == "QUOTE" else {}
        actor = ActorId(actors[k % len(actors)]) if label == "ACTOR_MENTION" else None
        ids.append(ann_sql.insert_span(db, SpanDraft(document_id, annotator_id, label, ((start, end),), attrs=attrs,
                                                     actor_id=actor), at=at))
    for k in range(2, count, len(LABELS)):  # every QUOTE -> the ACTOR_MENTION before it
        ann_sql.insert_relation(db, RelationDraft(document_id, annotator_id, "ATTRIBUTED_TO", SpanId(ids[k]),
                                                  tail_span=SpanId(ids[k - 2])), at=at)


def _sqlite_utils_json(path: Path, out: Path) -> float:
    from sqlite_utils import Database

    db = Database(path)
    start = time.perf_counter()
    with open(out, "w", encoding="utf-8") as handle:
        for table in ("documents", "spans", "relations"):
            handle.writelines(json.dumps(row, ensure_ascii=False, default=repr) + "\n" for row in db.query(f"SELECT * FROM {table}"))
    elapsed = time.perf_counter() - start
    db.close()
    return elapsed


def _export(path: Path, out: Path, **options) -> tuple[float, int]:
    from annotator.exporters import export_project
    from annotator.project import Project

    with Project.open(path) as project:
        start = time.perf_counter()
        report = export_project(project, out, format="jsonl", layer="gold", **options)
        elapsed = time.perf_counter() - start
    assert report.spans > 0
    return elapsed, report.spans


def run(documents: int = 10_000, spans_per_document: int = 30) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db = folder / "bench.db"
        start = time.perf_counter()
        build(db, documents, spans_per_document)
        built = time.perf_counter() - start
        baseline = _sqlite_utils_json(db, folder / "baseline.jsonl")
        export_s, spans = _export(db, folder / "out")
        split_s, _ = _export(db, folder / "split", split="80/10/10")
        size = (folder / "out" / "documents.jsonl").stat().st_size
    figures = {
        "documents": documents,
        "spans": spans,
        "build_project_s": built,
        "export_jsonl_s (target <= 10)": export_s,
        "export_jsonl_with_split_s": split_s,
        "sqlite_utils_json_same_tables_s": baseline,
        "ratio_export_to_sqlite_utils_json": export_s / baseline,
        "documents_per_s": documents / export_s,
        "spans_per_s": spans / export_s,
        "jsonl_mb": size / 1e6,
        "peak_rss_mb": peak_rss_mb(),
    }
    write_result("export", figures)
    return figures


if __name__ == "__main__":
    run()
