"""The report as one standalone HTML page: no scripts, no fetched styles or fonts.

Bars are inline SVG, confusion tables are coloured HTML tables, and every name that may be
Persian (labels, annotators, titles) sits in a ``<bdi dir="auto">`` so it reads right to left
inside the left-to-right page. It survives being emailed as an attachment.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Hashable, Mapping, Sequence
from html import escape

from annotator.agreement.plain import WORST_DOCUMENTS, fmt
from annotator.agreement.report import AgreementReport, Figures, value_json, value_sort_key

_PERSIAN = re.compile(r"[\u0600-\u06FF\uFB50-\uFDFF\uFE70-\uFEFF]")
_BARS = (("F1 exact", "#88CCEE"), ("F1 overlap", "#332288"), ("alpha", "#CC6677"))

EXPLANATIONS = (
    ("F1 exact", ("the share of spans the two annotators marked with the same label and exactly the same "
                 "characters (2 × matched / (spans of A + spans of B)); it does not depend on who is A.")),
    ("F1 overlap", ("the same, but a pair counts when the spans share at least one character; spans are "
                   "paired one-to-one, as many pairs as possible, preferring the largest overlap.")),
    ("alpha", ("Krippendorff's alpha over characters: 1 is perfect agreement on which characters carry the "
              "label, 0 is what chance would give, below 0 is systematic disagreement.")),
    ("all-labels alpha", "the same over every character, comparing the set of labels covering it."),
    ("only A / only B", "spans one annotator marked where the other marked nothing of any label."),
    ("label ≠", "spans both annotators marked (overlapping) but with different labels."),
    ("bounds ≠", "matched spans (same label) whose characters differ."),
    ("speaker accuracy", ("on quotes both marked, the share where both speakers resolve to the same actor, "
                         "among quotes where both resolve; quotes with one side's speaker missing are counted apart.")),
    ("attribution F1", "F1 over (quote, actor) pairs: a pair matches when the quotes match and the actors agree."),
    ("kappa", ("Cohen's kappa on an attribute's values over matched spans (mean over pairs when there are "
              "more than two annotators); like alpha, chance-corrected.")),
)

_CSS = """
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Tahoma,sans-serif;max-width:64rem;margin:2rem auto;
padding:0 1rem;color:#222}
h1{font-size:1.5rem;margin-bottom:.2rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #ccc}
h3{font-size:1rem}table{border-collapse:collapse;margin:.5rem 0}
th,td{padding:.2rem .6rem;border:1px solid #ddd;text-align:right;vertical-align:middle}
th:first-child,td:first-child{text-align:left}th{background:#f4f4f4}
.meta{color:#555}.none{color:#999}dl.explain dt{font-weight:600}dl.explain dd{margin:0 0 .4rem 1rem}
.legend span{display:inline-block;margin-right:1rem}.swatch{display:inline-block;width:.8rem;height:.8rem;
margin-right:.3rem;vertical-align:middle}td.heat{text-align:center;min-width:2.5rem}td.diag{outline:2px solid #444;
outline-offset:-2px}
@media print{body{margin:0}}
"""


def name(text: object) -> str:
    """A name that may be Persian, isolated so it reads in its own direction."""
    shown = escape(str(text))
    lang = ' lang="fa"' if _PERSIAN.search(str(text)) else ""
    return f'<bdi dir="auto"{lang}>{shown}</bdi>'


def _value(value: Hashable) -> str:
    shown = value_json(value)
    return '<span class="none">(unset)</span>' if shown is None else name(shown)


def _bars(values: Sequence[float | None]) -> str:
    """Three horizontal bars (0..1; alpha below 0 is drawn at 0) with their figures."""
    width, row = 240, 14
    parts = [f'<svg width="{width + 50}" height="{row * len(values)}" role="img" aria-label="bars">']
    for k, (value, (title, colour)) in enumerate(zip(values, _BARS)):
        y = k * row
        length = 0 if value is None else max(0.0, min(1.0, value)) * width
        parts.append(f'<rect x="0" y="{y + 2}" width="{length:.1f}" height="{row - 4}" fill="{colour}">'
                     f'<title>{title}: {fmt(value)}</title></rect>')
        parts.append(f'<text x="{length + 4:.1f}" y="{y + row - 3}" font-size="10">{fmt(value, 2)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    head = "".join(f"<th>{h}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def heatmap(pairs: Mapping[tuple[Hashable, Hashable], int], *, a: str = "A", b: str = "B") -> str:
    """A confusion table, rows A's values, columns B's, cells shaded by count (diagonal outlined)."""
    values = sorted({v for pair in pairs for v in pair}, key=value_sort_key)
    top = max(pairs.values(), default=0) or 1
    head = f"<th>{name(a)} ↓ / {name(b)} →</th>" + "".join(f"<th>{_value(v)}</th>" for v in values)
    rows = []
    for va in values:
        cells = []
        for vb in values:
            count = pairs.get((va, vb), 0)
            shade = count / top
            ink = "#fff" if shade > 0.55 else "#222"
            hue = "51,34,136" if va == vb else "204,102,119"
            cls = "heat diag" if va == vb else "heat"
            cells.append(f'<td class="{cls}" style="background:rgba({hue},{shade:.2f});color:{ink}">'
                         f'{count or ""}</td>')
        rows.append(f"<tr><th>{_value(va)}</th>{''.join(cells)}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _labels_section(figures: Figures, display: Mapping[str, str]) -> str:
    rows = []
    items = [*figures.labels.items(), ("(all labels)", figures.all_labels)]
    for label, c in items:
        alpha = figures.all_labels_alpha if label == "(all labels)" else figures.label_alpha.get(label)
        shown = name(label) + (f"<br>{name(display[label])}" if display.get(label) else "")
        rows.append([shown, _bars([c.f1_exact, c.f1_overlap, alpha]), fmt(c.f1_exact), fmt(c.f1_overlap),
                     fmt(alpha), str(c.matched), str(c.only_a), str(c.only_b),
                     str(c.label_disagreements_a + c.label_disagreements_b), str(c.boundary_disagreements)])
    legend = "".join(f'<span><i class="swatch" style="background:{c}"></i>{t}</span>' for t, c in _BARS)
    return (f'<h2>Spans</h2><p class="legend">{legend}</p>'
            + _table(["label", "chart", "F1 exact", "F1 overlap", "alpha", "matched", "only A", "only B",
                      "label ≠", "bounds ≠"], rows))


def _links_section(figures: Figures) -> str:
    rows = []
    for relation, link in figures.links.items():
        c = link.counts
        if not (c.resolved_a or c.resolved_b or relation == figures.speaker_relation):
            continue
        shown = name(relation) + (" (speaker)" if relation == figures.speaker_relation else "")
        rows.append([shown, ", ".join(map(name, link.heads)), fmt(c.accuracy), fmt(link.alpha),
                     fmt(c.attribution_f1), str(c.matched), str(c.agree), str(c.disagree),
                     str(c.only_a_resolved), str(c.only_b_resolved), str(c.neither_resolved)])
    if not rows:
        return ""
    return ("<h2>Speakers and other actor links</h2><p>Judged on matched head spans, by the actor each side "
            "resolves to (a link's actor, or the actor of the mention it points to).</p>"
            + _table(["link", "heads", "accuracy", "alpha", "attribution F1", "matched heads", "same actor",
                      "different actor", "only A resolved", "only B resolved", "neither"], rows))


def _attributes_section(figures: Figures, a: str, b: str) -> str:
    parts = []
    for label, attrs in figures.attributes.items():
        for attr, f in attrs.items():
            if not f.items:
                continue
            parts.append(f"<h3>{name(label)} · {name(attr)}</h3><p>{f.items} matched span(s), {f.agree} agree; "
                         f"alpha {fmt(f.alpha)}, kappa {fmt(f.kappa)}.</p>" + heatmap(f.pairs, a=a, b=b))
    return "<h2>Attributes of matched spans</h2>" + "".join(parts) if parts else ""


def _confusion_section(confusion: Counter[tuple[str, str]], a: str, b: str) -> str:
    if not confusion:
        return ""
    return ("<h2>Same text, different labels</h2><p>Overlapping spans left unmatched because their labels differ.</p>"
            + heatmap(confusion, a=a, b=b))


def _pairs_section(report: AgreementReport) -> str:
    if len(report.pairs) < 2:
        return ""
    rows = [[f"{name(p.a)} / {name(p.b)}", str(p.figures.documents), fmt(p.figures.all_labels.f1_exact),
             fmt(p.figures.all_labels.f1_overlap), fmt(p.figures.all_labels_alpha),
             fmt(p.figures.speaker.counts.accuracy) if p.figures.speaker else "—"] for p in report.pairs]
    return "<h2>Pairs</h2>" + _table(["pair", "documents", "F1 exact", "F1 overlap", "alpha", "speaker accuracy"], rows)


def _documents_section(report: AgreementReport) -> str:
    worst = sorted((d for d in report.documents if d.counts.f1_overlap is not None),
                   key=lambda d: (d.counts.f1_overlap, d.document_id))[:WORST_DOCUMENTS * 2]
    if not worst:
        return ""
    rows = [[str(d.document_id), name(d.title), fmt(d.counts.f1_overlap), fmt(d.alpha),
             str(d.counts.only_a + d.counts.only_b),
             str(d.counts.label_disagreements_a + d.counts.label_disagreements_b),
             fmt(d.speaker.disagree) if d.speaker else "—"] for d in worst]
    return ("<h2>Documents with the lowest agreement</h2>"
            + _table(["id", "title", "F1 overlap", "alpha", "only one", "label ≠", "different speaker"], rows))


def render_html(report: AgreementReport, *, title: str | None = None) -> str:
    """The whole page as a string."""
    project = report.project or "project"
    title = title or f"Inter-annotator agreement: {project}"
    overall = report.overall
    a, b = (report.annotators[0], report.annotators[1]) if len(report.annotators) == 2 else ("A", "B")
    explain = "".join(f"<dt>{t}</dt><dd>{escape(d)}</dd>" for t, d in EXPLANATIONS)
    notes = []
    if report.cancelled:
        notes.append("<p><strong>Cancelled:</strong> only the documents read before the stop are covered.</p>")
    if len(report.annotators) > 2:
        notes.append("<p>Counts are summed over every pair of annotators; in each pair A is the one named first.</p>")
    else:
        notes.append(f"<p>A is {name(a)}, B is {name(b)}.</p>")
    meta = (f"Project {name(project)}; tagset {escape(report.scheme.tagset or '—')}; created "
            f"{escape(report.created or '—')}.<br>Annotators: {', '.join(map(name, report.annotators))}; "
            f"{overall.documents} document(s) compared"
            + (f", {report.documents_skipped} with fewer than two annotators skipped" if report.documents_skipped else "")
            + ".")
    body = "".join([
        f"<h1>{escape(title)}</h1><p class=\"meta\">{meta}</p>",
        *notes,
        _labels_section(overall, report.scheme.display),
        _confusion_section(overall.confusion, a, b),
        _links_section(overall),
        _attributes_section(overall, a, b),
        _pairs_section(report),
        _documents_section(report),
        f'<h2>How to read this</h2><dl class="explain">{explain}</dl>',
    ])
    return (f'<!DOCTYPE html>\n<html lang="en" dir="ltr"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{escape(title)}</title><style>{_CSS}</style></head><body>{body}</body></html>\n")
