"""Merging one annotator's database of 1,000 documents (40 spans each, plus links): target <= 10 s.

Wall and CPU time are both reported: on a shared machine the wall time varies with the load.

The lead's project is built directly (tiny precomputed tokenisations), packaged for the annotator
with ``package_for``, and the package filled through the service inside one transaction, as an
annotator's sessions would. Measured: packaging, the first merge (every span new), the re-merge
(nothing changes), and, in the same run as baselines, SQLite's online backup of the annotator's
file and reading every span and relation of it through the Project.
"""

from __future__ import annotations

import random
import sqlite3
import tempfile
import time
from pathlib import Path

from benchmarks.common import write_result

DOCUMENTS, SPANS, ACTORS, NEW_ACTORS = 1000, 40, 50, 20
SLOT = 30  # characters per span slot; spans of labels that may not overlap never do
WORDS = ("شهردار", "تهران", "گفت", "ما", "این", "کار", "را", "ظرف", "۲۰", "روز", "تمام", "می‌کنیم", "و", "وی",
         "افزود", "که", "بودجه", "آن", "آماده", "است")
LABELS = ["QUOTE", "CUE", "ACTOR_MENTION", "COMMITMENT", "TIME_EXPR", "CONDITION"]
ATTRS = {"QUOTE": ("quote_type", ["DIRECT", "INDIRECT", "MIXED"]), "CUE": ("medium", ["SPEECH", "WRITING"]),
         "COMMITMENT": ("strength", ["FIRM", "INTENDED", "POSSIBLE"])}
LINKS = {"QUOTE": "ATTRIBUTED_TO", "COMMITMENT": "COMMITTED_BY"}


def _text(rng: random.Random, number: int) -> str:
    words, length = [], 0
    while length < SPANS * SLOT:
        words.append(rng.choice(WORDS))
        length += len(words[-1]) + 1
    return f"سند {number} " + " ".join(words)


def build_lead(path: Path, rng: random.Random):
    """The lead's project: documents, actors, the annotator; no annotations yet."""
    from annotator.ingest import uid_of
    from annotator.model import ActorDraft, Tokenization
    from annotator.project import Project
    from annotator.store.documents import DocumentRow
    from annotator.text import CANON_VERSION

    project = Project.open(path, create=True, durable=False)
    project.add_annotator("lead", role="lead")
    project.add_annotator("annotator")
    with project.db.atomic():
        for k in range(ACTORS):
            project.add_actor(ActorDraft(name=f"کنشگر {k}", type="PER"))
        for number in range(DOCUMENTS):
            text = _text(rng, number)
            tokens = Tokenization(sentences=((0, len(text)),), tokens=((0, len(text)),))
            row = DocumentRow(uid=uid_of(text), title=f"سند {number}", text=text, raw_text=None,
                              canon_version=CANON_VERSION)
            project.add_document(row, tokens, tokenizer="bench")
    return project


def fill_package(path: Path, rng: random.Random) -> tuple[int, int]:
    """The annotator's work, through the service in one transaction; returns (spans, relations)."""
    from annotator.model import ActorDraft, RelationDraft, SpanDraft
    from annotator.project import Project

    spans = relations = 0
    with Project.open(path, durable=False) as work, work.db.atomic():
        me = work.annotator_by_name("annotator")
        actors = [a.id for a in work.actors()]
        actors += [work.add_actor(ActorDraft(name=f"تازه {k}", type="ORG"))[0].id for k in range(NEW_ACTORS)]
        for document_id in work.document_ids():
            for slot in range(SPANS):
                label = rng.choice(LABELS)
                start = slot * SLOT + rng.randint(0, 5)
                attr = ATTRS.get(label)
                attrs = {attr[0]: rng.choice(attr[1])} if attr else {}
                span, _ = work.add_span(SpanDraft(document_id, me.id, label, ((start, start + rng.randint(3, 20)),),
                                                  attrs=attrs))
                spans += 1
                if label in LINKS:
                    work.add_relation(RelationDraft(document_id, me.id, LINKS[label], span.id,
                                                    tail_actor=rng.choice(actors)))
                    relations += 1
            work.set_status(document_id, me.id, "done")
    return spans, relations


def _backup(source: Path, target: Path) -> float:
    start = time.perf_counter()
    src, dst = sqlite3.connect(source), sqlite3.connect(target)
    src.backup(dst)
    dst.close()
    src.close()
    return time.perf_counter() - start


def _read_all(path: Path) -> float:
    from annotator.project import Project

    with Project.open(path) as project:
        start = time.perf_counter()
        for document_id in project.document_ids():
            project.spans(document_id)
            project.relations(document_id)
        return time.perf_counter() - start


def _timed_merge(lead_file: Path, package: Path):
    from annotator.handout.merge import merge_databases
    from annotator.project import Project

    with Project.open(lead_file) as lead:
        start, cpu = time.perf_counter(), time.process_time()
        report = merge_databases(lead, [package])
        return time.perf_counter() - start, time.process_time() - cpu, report


def run() -> dict:
    from annotator.handout.package import package_for

    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        start = time.perf_counter()
        lead = build_lead(folder / "lead.db", rng)
        package_file = folder / "annotator.db"
        package_start = time.perf_counter()
        package_for(lead, package_file, "annotator", lead.document_ids())
        package_s = time.perf_counter() - package_start
        lead.close()
        spans, relations = fill_package(package_file, rng)
        build_s = time.perf_counter() - start
        first_s, first_cpu, first = _timed_merge(folder / "lead.db", package_file)
        again_s, again_cpu, again = _timed_merge(folder / "lead.db", package_file)
        backup_s = _backup(package_file, folder / "backup.db")
        read_s = _read_all(package_file)
        counts = first.annotators["annotator"]
        assert counts.spans_added == spans and counts.relations_added == relations and not again.changed
    figures = {
        "documents": DOCUMENTS,
        "spans": spans,
        "relations": relations,
        "build_s": build_s,
        "package_1000_documents_s": package_s,
        "merge_first_s (target <= 10)": first_s,
        "merge_first_cpu_s": first_cpu,
        "merge_again_unchanged_s": again_s,
        "merge_again_unchanged_cpu_s": again_cpu,
        "sqlite_backup_of_the_file_s (baseline)": backup_s,
        "read_all_spans_and_relations_s (baseline)": read_s,
        "ratio_merge_first_to_backup": first_s / backup_s,
        "ratio_merge_first_to_read": first_s / read_s,
        "ratio_merge_again_to_read": again_s / read_s,
        "spans_merged_per_s": spans / first_s,
    }
    write_result("merge", figures)
    return figures


if __name__ == "__main__":
    run()
