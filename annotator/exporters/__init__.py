"""Export a project's annotations: jsonl, Hugging Face datasets, spaCy, CoNLL or brat.

    report = export_project(project, "out/", format="spacy", layer="gold", split="80/10/10")

One call reads the chosen layer document by document, checks every span's offsets against its
text (and stops with an :class:`~annotator.errors.AnnotatorError` naming the document when one
does not fit), hands a record per layer document to the format's writer, and writes a dataset
card (``README.md``) and ``export.json`` beside the data. Everything is written into a hidden
folder next to ``out`` and moved into place at the end, so a failed or cancelled export leaves
nothing behind.
"""

from __future__ import annotations

import shutil
import tempfile
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

from annotator.dataset_card import manifest, render_card
from annotator.errors import InputError
from annotator.exporters.base import ExportContext, Writer
from annotator.exporters.layers import ALL, LayerReader
from annotator.exporters.records import build_record
from annotator.ids import ActorId, DocumentId
from annotator.model import GOLD_LAYER, Actor
from annotator.project import Project
from annotator.splits import DEFAULT_SEED, DEFAULT_SPLIT, SPLIT_NAMES, assign_splits, parse_split

FORMATS: tuple[str, ...] = ("jsonl", "hf", "spacy", "conll", "brat")
STATUSES: tuple[str, ...] = ("any", "done")
#: Formats whose output always has train/validation/test parts.
ALWAYS_SPLIT = frozenset({"hf", "spacy"})
PROGRESS_EVERY = 50
MANIFEST = "export.json"

__all__ = ["FORMATS", "STATUSES", "ExportReport", "export_project"]


@dataclass
class ExportReport:
    """What an export wrote; ``done``/``total`` count documents read, for progress bars."""

    format: str
    out: str
    layer: str
    status: str
    split: str | None
    seed: int
    total: int = 0
    done: int = 0
    documents: int = 0
    spans: int = 0
    relations: int = 0
    per_split: dict[str, dict[str, int]] = field(default_factory=dict)
    labels: dict[str, dict[str, int]] = field(default_factory=dict)
    annotators: dict[str, dict[str, int]] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    cancelled: bool = False
    seconds: float = 0.0
    _uids: set[str] = field(default_factory=set, repr=False)

    @property
    def distinct_documents(self) -> int:
        return len(self._uids)

    def count(self, record: dict[str, Any]) -> None:
        """Add one written record to the figures."""
        split = record.get("split", "all")
        spans, relations = len(record["spans"]), len(record["relations"])
        self.documents += 1
        self.spans += spans
        self.relations += relations
        self._uids.add(record["uid"])
        part = self.per_split.setdefault(split, {"documents": 0, "spans": 0, "relations": 0})
        part["documents"] += 1
        part["spans"] += spans
        part["relations"] += relations
        who = self.annotators.setdefault(record["annotator"], {"documents": 0, "spans": 0})
        who["documents"] += 1
        who["spans"] += spans
        for label, n in Counter(s["label"] for s in record["spans"]).items():
            by_split = self.labels.setdefault(label, {})
            by_split[split] = by_split.get(split, 0) + n


def _writer(fmt: str, context: ExportContext, *, layer: str) -> Writer:
    if fmt == "jsonl":
        from annotator.exporters.jsonl import JsonlWriter
        return JsonlWriter(context)
    if fmt == "conll":
        from annotator.exporters.conll import ConllWriter
        return ConllWriter(context)
    if fmt == "brat":
        from annotator.exporters.brat import BratWriter
        return BratWriter(context, per_annotator=layer == ALL)
    if fmt == "hf":
        from annotator.exporters.hf import HfWriter
        return HfWriter(context)
    from annotator.exporters.spacy_docbin import SpacyWriter
    return SpacyWriter(context)


def _check_options(fmt: str, status: str) -> None:
    if fmt not in FORMATS:
        raise InputError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    if status not in STATUSES:
        raise InputError(f"unknown status {status!r}; use one of {', '.join(STATUSES)}")


def _check_target(out: Path, overwrite: bool) -> None:
    if not out.parent.is_dir():
        raise InputError(f"{out.parent}: no such folder; create it first")
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        if not out.is_dir() or not (out / MANIFEST).is_file():
            raise InputError(f"{out}: already exists and is not an export; choose a new folder name")
        if not overwrite:
            raise InputError(f"{out}: holds an earlier export; choose a new folder or pass --overwrite")


def _assign(reader: LayerReader, ids: list[DocumentId], ratios: tuple[float, float, float], seed: int,
            cancelled: Callable[[], bool] | None) -> dict[str, str]:
    uids = [layers[0].document.uid for _, layers in reader.read(ids, cancelled, outline=True) if layers]
    return assign_splits(uids, ratios, seed=seed)


def _version() -> str:
    try:
        return metadata.version("annotator")
    except metadata.PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "unknown"


def export_project(
    project: Project, out: str | Path, *, format: str = "jsonl", layer: str = GOLD_LAYER,
    status: str = "any", split: str | None = None, seed: int = DEFAULT_SEED, overwrite: bool = False,
    command: str | None = None, progress: Callable[[ExportReport], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ExportReport:
    """Export one layer of ``project`` into the folder ``out``.

    :param format: jsonl, hf, spacy, conll or brat
    :param layer: an annotator's name, ``gold`` or ``all``
    :param status: ``done`` (only documents the layer's annotator marked done) or ``any``
    :param split: e.g. ``"80/10/10"`` to split by document (hf and spacy always split, 80/10/10 by default)
    :param seed: the seed of the split
    :param overwrite: replace an earlier export in ``out``
    :param command: the command line, recorded in the dataset card
    :param progress: called every few documents with the report so far (``done`` of ``total``)
    :param cancelled: polled between documents; when it returns true nothing is written
    :raises AnnotatorError: a bad option, an unknown annotator, a missing extra, or a span whose
      offsets do not fit its text (naming the document)
    """
    _check_options(format, status)
    if split is None and format in ALWAYS_SPLIT:
        split = DEFAULT_SPLIT
    ratios = parse_split(split) if split else None
    out = Path(out)
    reader = LayerReader(project, layer=layer, status=status)
    _check_target(out, overwrite)
    report = ExportReport(format, str(out), layer, status, split, seed)
    started = datetime.now(UTC)
    ids = reader.document_ids()
    report.total = len(ids)
    assignment = _assign(reader, ids, ratios, seed, cancelled) if ratios else None
    temp = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    context = ExportContext(temp, project.tagset, SPLIT_NAMES if ratios else None, report.warnings, report.notes)
    writer: Writer | None = None
    try:
        writer = _writer(format, context, layer=layer)
        _write_records(project, reader, ids, writer, assignment, report, progress, cancelled)
        if not report.cancelled:
            report.files = writer.finish()
            _finish(project, temp, out, report, started, command)
    finally:
        close = getattr(writer, "close", None)
        if close is not None:
            close()
        if temp.exists():
            shutil.rmtree(temp, ignore_errors=True)
    report.seconds = (datetime.now(UTC) - started).total_seconds()
    return report


def _write_records(project: Project, reader: LayerReader, ids: list[DocumentId], writer: Writer,
                   assignment: dict[str, str] | None, report: ExportReport,
                   progress: Callable[[ExportReport], None] | None,
                   cancelled: Callable[[], bool] | None) -> None:
    actors: dict[ActorId, Actor] = {}

    def actor(actor_id: ActorId) -> Actor:
        if actor_id not in actors:
            actors[actor_id] = project.actor(actor_id)
        return actors[actor_id]

    needs_tokens = report.format != "jsonl"
    for document_id, layers in reader.read(ids, cancelled):
        tokenization = project.tokenization(document_id) if layers and needs_tokens else None
        for layer_document in layers:
            split = assignment[layer_document.document.uid] if assignment is not None else None
            record = build_record(layer_document, actor, split)
            writer.add(record, tokenization)  # type: ignore[arg-type]
            report.count(record)
        report.done += 1
        if progress is not None and report.done % PROGRESS_EVERY == 0:
            progress(report)
    report.cancelled = report.done < report.total and cancelled is not None and cancelled()
    if progress is not None and not report.cancelled:
        progress(report)


def _finish(project: Project, temp: Path, out: Path, report: ExportReport, started: datetime,
            command: str | None) -> None:
    import json

    if report.split:
        report.per_split = {s: report.per_split.get(s, {"documents": 0, "spans": 0, "relations": 0})
                            for s in SPLIT_NAMES}
    stamp = started.isoformat(timespec="seconds")
    title = f"{project.path.name if project.path else 'annotator'}: annotator export"
    card = render_card(report, project, title=title, exported_at=stamp, version=_version(), command=command)
    (temp / "README.md").write_text(card, encoding="utf-8")
    facts = manifest(report, project, exported_at=stamp, version=_version(), command=command)
    (temp / MANIFEST).write_text(json.dumps(facts, ensure_ascii=False, indent=2, default=list), encoding="utf-8")
    if out.exists():
        shutil.rmtree(out)
    temp.rename(out)


def count_by_label(report: ExportReport) -> dict[str, int]:
    """Spans per label over all splits."""
    totals: dict[str, int] = defaultdict(int)
    for label, by_split in report.labels.items():
        totals[label] += sum(by_split.values())
    return dict(totals)
