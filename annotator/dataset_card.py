"""The dataset card (``README.md``) written beside every export.

It says what was exported and how: counts per label and split, who annotated, inter-annotator
agreement when the project has computed it, the tagset and canonicalisation versions, and the
command that made it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from annotator.text import CANON_VERSION

if TYPE_CHECKING:
    from annotator.exporters import ExportReport
    from annotator.project import Project

FORMAT_NOTES = {
    "jsonl": "`documents.jsonl`: one JSON object per layer document (text, spans with fragments, "
             "relations, actors, meta).",
    "hf": "A Hugging Face `DatasetDict`; load it with `datasets.load_from_disk(\"<this folder>\")`.",
    "spacy": "`train.spacy`, `dev.spacy`, `test.spacy`: spaCy `DocBin`s; spans in `doc.spans[label]` "
             "and `doc.spans[\"sc\"]`, relations in `doc.user_data`.",
    "conll": "Token-per-line BIO files, a blank line between sentences, one column per label group.",
    "brat": "brat standoff `.txt`/`.ann` pairs with `annotation.conf` and `visual.conf`.",
}


def agreement_summary(project: Project) -> str:
    """The project's agreement summary (:func:`annotator.agreement.summary`) as Markdown, or why there is none."""
    from annotator.agreement import summary

    try:
        result = summary(project)
    except Exception as exc:  # noqa: BLE001 - a card is written whatever the agreement code does
        return f"No agreement computed ({exc})."
    if result is None:
        return "No agreement computed (fewer than two annotators on shared documents)."
    return result.to_markdown()


def _table(header: list[str], rows: list[list[Any]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    return lines + ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]


def _split_rows(report: ExportReport) -> list[list[Any]]:
    rows = [[name, c["documents"], c["spans"], c["relations"]] for name, c in report.per_split.items()]
    rows.append(["**total**", report.documents, report.spans, report.relations])
    return rows


def _label_rows(report: ExportReport) -> tuple[list[str], list[list[Any]]]:
    splits = list(report.per_split)
    rows = [[label, *(counts.get(s, 0) for s in splits), sum(counts.values())]
            for label, counts in sorted(report.labels.items())]
    return ["label", *splits, "total"], rows


def render_card(report: ExportReport, project: Project, *, title: str, exported_at: str,
                version: str, command: str | None) -> str:
    """The Markdown text of the dataset card.

    :param report: what the export wrote
    :param project: the project it came from (tagset, agreement)
    :param title: a heading, usually the project file's name
    :param exported_at: an ISO timestamp
    :param version: annotator's version
    :param command: the command line that made the export, when known
    """
    tagset = project.tagset
    lines = [f"# {title}", "", f"Exported {exported_at} by annotator {version}.", ""]
    if command:
        lines += ["```", command, "```", ""]
    lines += ["## Contents", "", f"- format: **{report.format}**. {FORMAT_NOTES[report.format]}",
              f"- layer: **{report.layer}**; documents: **{report.status}**",
              f"- split: {report.split or 'none'}" + (f" (by document, seed {report.seed})" if report.split else ""),
              f"- distinct documents: {report.distinct_documents}", ""]
    lines += _table(["split", "documents", "spans", "relations"], _split_rows(report)) + [""]
    header, rows = _label_rows(report)
    lines += ["## Spans per label", ""] + (_table(header, rows) if rows else ["No spans."]) + [""]
    lines += ["## Annotators", ""]
    lines += _table(["annotator", "documents", "spans"],
                    [[name, c["documents"], c["spans"]] for name, c in sorted(report.annotators.items())]) + [""]
    lines += ["## Agreement", "", agreement_summary(project), ""]
    lines += ["## Tagset and text", "", f"- tagset: `{tagset.name}` version {tagset.version}",
              (f"- canonicalisation version: {CANON_VERSION} (offsets are code points into the stored, "
               "canonical text)"), ""]
    if report.notes or report.warnings:
        lines += ["## Notes", ""] + [f"- {n}" for n in report.notes] + [f"- warning: {w}" for w in report.warnings]
    return "\n".join(lines).rstrip() + "\n"


def manifest(report: ExportReport, project: Project, *, exported_at: str, version: str,
             command: str | None) -> Mapping[str, Any]:
    """``export.json``: the same facts as the card, for programs."""
    return {"format": report.format, "layer": report.layer, "status": report.status,
            "split": report.split, "seed": report.seed, "documents": report.documents,
            "distinct_documents": report.distinct_documents, "spans": report.spans,
            "relations": report.relations, "per_split": report.per_split, "labels": report.labels,
            "annotators": report.annotators, "files": report.files, "warnings": report.warnings,
            "tagset": {"name": project.tagset.name, "version": project.tagset.version},
            "canon_version": CANON_VERSION, "annotator_version": version,
            "exported_at": exported_at, "command": command}
