"""Agreement over 1,000 documents x 3 annotators x 40 spans: target <= 5 s.

The project is built with tiny precomputed tokenisations, and spans and speaker links go through
the service inside one transaction. The service checks each new span against the annotator's
others in the document, so building takes a minute or two; the file is kept in
``bench-results/cache/`` (keyed by schema version and generator version) and reused by later runs.
The baseline measured in the same run is the time to read every document's spans and relations
through the Project, which any agreement computation must do. Times are best of ``REPEATS``,
wall clock and CPU (the CPU figures vary less on a busy machine).
"""

from __future__ import annotations

import random
import time
from pathlib import Path

from benchmarks.common import RESULTS, write_result

DOCUMENTS, ANNOTATORS, SPANS = 1000, 3, 40
SLOT = 60  # characters per span slot; documents are SPANS * SLOT characters long
WORDS = ["شهردار", "تهران", "گفت", "ما", "این", "کار", "را", "ظرف", "۲۰", "روز", "تمام", "می‌کنیم", "و", "وی",
         "افزود", "که", "بودجه", "آن", "آماده", "است"]
LABELS = ["QUOTE", "CUE", "ACTOR_MENTION", "COMMITMENT", "TIME_EXPR", "CONDITION"]
ATTRS = {"QUOTE": ("quote_type", ["DIRECT", "INDIRECT", "MIXED"]), "CUE": ("medium", ["SPEECH", "WRITING"]),
         "COMMITMENT": ("strength", ["FIRM", "INTENDED", "POSSIBLE"]), "TIME_EXPR": ("timex_type", ["DATE", "DURATION"])}


def _text(rng: random.Random, number: int) -> str:
    words, length = [], 0
    while length < SPANS * SLOT:
        word = rng.choice(WORDS)
        words.append(word)
        length += len(word) + 1
    return f"سند {number} " + " ".join(words)


def _plan(rng: random.Random, speakers: int) -> list[tuple[str, int, int, str | None, int]]:
    """A document's "true" spans: one per slot, so labels that may not overlap never do."""
    plan = []
    for slot in range(SPANS):
        label = rng.choice(LABELS)
        start = slot * SLOT + rng.randint(0, 10)
        attr = ATTRS.get(label)
        plan.append((label, start, start + rng.randint(5, 40), rng.choice(attr[1]) if attr else None,
                     rng.randrange(speakers)))
    return plan


def _annotate(rng: random.Random, plan, slot_end):
    """One annotator's version of the plan: mostly right, sometimes shifted, relabelled or missed."""
    out = []
    for label, start, end, value, speaker in plan:
        roll = rng.random()
        if roll < 0.06:
            continue
        if roll < 0.12:
            label, value = rng.choice(LABELS), None
            value = rng.choice(ATTRS[label][1]) if label in ATTRS else None
        if rng.random() < 0.3:
            start, end = start + rng.randint(-3, 3), end + rng.randint(-3, 3)
        start = max(start, 0)
        end = min(max(end, start + 1), slot_end(start))
        if rng.random() < 0.15 and value is not None:
            value = rng.choice(ATTRS[label][1])
        out.append((label, start, end, value, speaker))
    return out


def build(path: Path, *, seed: int = 1) -> tuple[object, float]:
    """A project of DOCUMENTS documents, each annotated by ANNOTATORS annotators; returns it and the build time."""
    from annotator.ingest import uid_of
    from annotator.model import ActorDraft, RelationDraft, SpanDraft, Tokenization
    from annotator.project import Project
    from annotator.store.documents import DocumentRow
    from annotator.text import CANON_VERSION

    rng = random.Random(seed)
    start_time = time.perf_counter()
    project = Project.open(path, create=True, durable=False)
    people = [project.add_annotator(f"annotator{k}") for k in range(ANNOTATORS)]
    actors = [project.add_actor(ActorDraft(name=f"کنشگر {k}", type="PER"))[0] for k in range(5)]
    with project.db.atomic():
        for number in range(DOCUMENTS):
            text = _text(rng, number)
            tokens = Tokenization(sentences=((0, len(text)),), tokens=((0, len(text)),))
            row = DocumentRow(uid=uid_of(text), title=f"سند {number}", text=text, raw_text=None,
                              canon_version=CANON_VERSION)
            document_id, _ = project.add_document(row, tokens, tokenizer="bench")
            plan = _plan(rng, len(actors))
            length = len(text)
            for person in people:
                version = _annotate(rng, plan, lambda s, n=length: min(n, (s // SLOT + 1) * SLOT))
                for label, s, e, value, speaker in version:
                    attrs = {ATTRS[label][0]: value} if label in ATTRS and value is not None else {}
                    span, _ = project.add_span(SpanDraft(document_id, person.id, label, ((s, e),), attrs=attrs))
                    if label == "QUOTE":
                        actor = actors[speaker] if rng.random() < 0.85 else rng.choice(actors)
                        project.add_relation(RelationDraft(document_id, person.id, "ATTRIBUTED_TO", span.id,
                                                           tail_actor=actor.id))
    return project, time.perf_counter() - start_time


GENERATOR_VERSION = 1
REPEATS = 3


def _cached_project(folder: Path) -> tuple[Path, float | None]:
    """The benchmark project, built on first use; returns its path and the build time (None if cached)."""
    from annotator.store.db import SCHEMA_VERSION

    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"agreement-g{GENERATOR_VERSION}-s{SCHEMA_VERSION}-{DOCUMENTS}x{ANNOTATORS}x{SPANS}.db"
    if path.exists():
        return path, None
    partial = path.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    project, elapsed = build(partial)
    project.close()  # type: ignore[attr-defined]
    partial.rename(path)
    return path, elapsed


def _read_everything(project) -> int:
    count = 0
    for document_id in project.document_ids():
        count += len(project.spans(document_id)) + len(project.relations(document_id))
    return count


def _best(func) -> tuple[float, float, object]:
    """Best wall-clock and best CPU time of ``REPEATS`` runs, and the last result."""
    wall, cpu, result = [], [], None
    for _ in range(REPEATS):
        start, start_cpu = time.perf_counter(), time.process_time()
        result = func()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return min(wall), min(cpu), result


def run(*, cache: Path = RESULTS / "cache") -> dict:
    from annotator.agreement import compute_agreement
    from annotator.project import Project

    path, build_s = _cached_project(cache)
    with Project.open(path) as project:
        read_s, read_cpu, items = _best(lambda: _read_everything(project))
        compute_s, compute_cpu, report = _best(lambda: compute_agreement(project))
    spans = sum(c.count_a + c.count_b for c in report.labels.values()) // (ANNOTATORS - 1)  # type: ignore[attr-defined]
    figures = {
        "documents": DOCUMENTS,
        "annotators": ANNOTATORS,
        "spans": spans,
        "spans_and_relations_read": items,
        "build_s (None: reused from cache)": build_s,
        "read_spans_and_relations_s (baseline)": read_s,
        "compute_agreement_s (target <= 5)": compute_s,
        "ratio_compute_to_read (target <= 3)": compute_s / read_s,
        "read_cpu_s": read_cpu,
        "compute_cpu_s": compute_cpu,
        "ratio_compute_to_read_cpu": compute_cpu / read_cpu,
        "f1_overlap_all_labels": report.overall.all_labels.f1_overlap,  # type: ignore[attr-defined]
        "alpha_all_labels": report.overall.all_labels_alpha,  # type: ignore[attr-defined]
        "speaker_accuracy": report.speaker.counts.accuracy if report.speaker else None,  # type: ignore[attr-defined]
    }
    write_result("agreement", figures)
    return figures


if __name__ == "__main__":
    run()
