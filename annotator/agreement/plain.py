"""The report as plain-text tables, for a terminal."""

from __future__ import annotations

from collections.abc import Sequence

from annotator.agreement.report import AgreementReport, Figures, confusion_json

WORST_DOCUMENTS = 10


def fmt(value: float | None, digits: int = 3) -> str:
    """A figure for a table: ``—`` when undefined."""
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    """Left-aligned first column, right-aligned others, widths fitted to the content."""
    widths = [max(len(str(r[k])) for r in [header, *rows]) for k in range(len(header))]
    lines = []
    for row in [header, *rows]:
        cells = [str(c).ljust(widths[0]) if k == 0 else str(c).rjust(widths[k]) for k, c in enumerate(row)]
        lines.append("  ".join(cells).rstrip())
    return lines


def label_lines(figures: Figures) -> list[str]:
    header = ["label", "F1 exact", "F1 overlap", "alpha", "A", "B", "matched", "only A", "only B",
              "label≠", "bounds≠"]
    rows = []
    items = [*figures.labels.items(), ("(all labels)", figures.all_labels)]
    for label, c in items:
        alpha = figures.all_labels_alpha if label == "(all labels)" else figures.label_alpha.get(label)
        rows.append([label, fmt(c.f1_exact), fmt(c.f1_overlap), fmt(alpha), c.count_a, c.count_b, c.matched,
                     c.only_a, c.only_b, c.label_disagreements_a + c.label_disagreements_b,
                     c.boundary_disagreements])
    return table(header, rows)


def link_lines(figures: Figures) -> list[str]:
    header = ["link (on matched heads)", "accuracy", "alpha", "attrib. F1", "matched", "agree", "differ",
              "only A", "only B", "neither"]
    rows = []
    for name, link in figures.links.items():
        c = link.counts
        if not (c.resolved_a or c.resolved_b or name == figures.speaker_relation):
            continue
        shown = f"{name} (speaker)" if name == figures.speaker_relation else name
        rows.append([shown, fmt(c.accuracy), fmt(link.alpha), fmt(c.attribution_f1), c.matched, c.agree,
                     c.disagree, c.only_a_resolved, c.only_b_resolved, c.neither_resolved])
    return table(header, rows) if rows else []


def attribute_lines(figures: Figures) -> list[str]:
    header = ["label", "attribute", "items", "agree", "alpha", "kappa", "most frequent disagreements"]
    rows = []
    for label, attrs in figures.attributes.items():
        for name, f in attrs.items():
            if not f.items:
                continue
            wrong = sorted((r for r in confusion_json(f.pairs) if r["a"] != r["b"]), key=lambda r: -r["count"])
            shown = ", ".join(f"{r['a']}→{r['b']} {r['count']}" for r in wrong[:3])
            rows.append([label, name, f.items, f.agree, fmt(f.alpha), fmt(f.kappa), shown])
    return table(header, rows) if rows else []


def render_text(report: AgreementReport) -> str:
    """Readable tables: labels, speakers and other links, attributes, pairs, worst documents."""
    overall = report.overall
    out = [
        f"Agreement between {', '.join(report.annotators)} on {overall.documents} document(s)"
        + (f" ({report.documents_skipped} with fewer than two annotators skipped)" if report.documents_skipped else ""),
    ]
    if report.cancelled:
        out.append("Cancelled: these figures cover only the documents read before the stop.")
    if len(report.annotators) > 2:
        out.append("Counts are summed over all pairs; in each pair A is the one named first.")
    else:
        out.append(f"A is {report.annotators[0]}, B is {report.annotators[1]}.")
    out += ["", "Spans (A = reference, B = prediction; F1 is symmetric)", *label_lines(overall)]
    if overall.confusion:
        rows = [f"  {r['a']} (A) / {r['b']} (B): {r['count']}" for r in confusion_json(overall.confusion)]
        out += ["", "Same text, different labels", *rows]
    links = link_lines(overall)
    if links:
        out += ["", "Actor links, by the actor each side resolves to", *links]
    attributes = attribute_lines(overall)
    if attributes:
        out += ["", "Attributes of overlap-matched spans", *attributes]
    if len(report.pairs) > 1:
        rows = [[f"{p.a} / {p.b}", p.figures.documents, fmt(p.figures.all_labels.f1_exact),
                 fmt(p.figures.all_labels.f1_overlap), fmt(p.figures.all_labels_alpha),
                 fmt(p.figures.speaker.counts.accuracy) if p.figures.speaker else "—"] for p in report.pairs]
        out += ["", "Pairs", *table(["pair", "documents", "F1 exact", "F1 overlap", "alpha", "speaker acc."], rows)]
    worst = sorted((d for d in report.documents if d.counts.f1_overlap is not None),
                   key=lambda d: (d.counts.f1_overlap, d.document_id))[:WORST_DOCUMENTS]
    if worst:
        rows = [[str(d.document_id), fmt(d.counts.f1_overlap), fmt(d.alpha), d.counts.only_a + d.counts.only_b,
                 d.counts.label_disagreements_a + d.counts.label_disagreements_b, d.title[:40]] for d in worst]
        out += ["", "Documents with the lowest F1 (overlap)",
                *table(["document", "F1 overlap", "alpha", "only one", "label≠", "title"], rows)]
    return "\n".join(out)
