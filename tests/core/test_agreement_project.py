"""Agreement over a real (in-memory) project, the report's JSON, the dataset-card summary and the CLI."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from annotator.agreement import NotEnoughAnnotatorsError, compute_agreement, summary
from annotator.agreement.html import render_html
from annotator.agreement.plain import render_text
from annotator.cli import main
from annotator.errors import NotFoundError
from annotator.model import ActorDraft, RelationDraft, SpanDraft
from annotator.project import Project
from tests.core.conftest import SHORT_ARTICLE, add_text


def _span(project, document, who, label, start, end, **kw):
    return project.add_span(SpanDraft(document.id, who.id, label, ((start, end),), **kw))[0]


def _annotate(project: Project, document, *, second_speaker_is_same: bool = True):
    """Two annotators on the short article; B links the quote to an actor directly (pro-drop style)."""
    text = document.text
    maryam, ali = project.add_annotator("مریم"), project.add_annotator("علی")
    mayor, _ = project.add_actor(ActorDraft(name="زاکانی", type="PER"))
    other, _ = project.add_actor(ActorDraft(name="ناجا", type="ORG"))
    quote = (text.index("«"), text.index("»") + 1)
    cue = (text.index("گفت"), text.index("گفت") + 3)
    mention = _span(project, document, maryam, "ACTOR_MENTION", 0, 12, actor_id=mayor.id)
    q_a = _span(project, document, maryam, "QUOTE", *quote, attrs={"quote_type": "DIRECT"})
    project.add_relation(RelationDraft(document.id, maryam.id, "ATTRIBUTED_TO", q_a.id, tail_span=mention.id))
    _span(project, document, maryam, "CUE", *cue)
    q_b = _span(project, document, ali, "QUOTE", quote[0] + 1, quote[1] - 1, attrs={"quote_type": "INDIRECT"})
    actor = mayor if second_speaker_is_same else other
    project.add_relation(RelationDraft(document.id, ali.id, "ATTRIBUTED_TO", q_b.id, tail_actor=actor.id))
    _span(project, document, ali, "TIME_EXPR", *cue)  # same text, another label
    return maryam, ali


def test_two_annotators_end_to_end(project, document):
    _annotate(project, document)
    report = compute_agreement(project, annotators=["مریم", "علی"])
    data = report.to_json()
    json.dumps(data, allow_nan=False)  # never NaN
    quote = data["labels"]["QUOTE"]
    assert (quote["f1_exact"], quote["f1_overlap"], quote["matched"], quote["boundary_disagreements"]) == (0.0, 1.0, 1, 1)
    assert data["labels"]["ACTOR_MENTION"]["only_a"] == 1 and data["labels"]["ACTOR_MENTION"]["f1_overlap"] == 0.0
    assert data["labels"]["CUE"]["label_disagreements_a"] == 1 and data["labels"]["CUE"]["only_a"] == 0
    assert data["labels"]["COMMITMENT"]["f1_overlap"] is None and data["labels"]["COMMITMENT"]["alpha"] is None
    assert data["label_confusion"] == [{"a": "CUE", "b": "TIME_EXPR", "count": 1}]
    speaker = data["speaker"]
    assert (speaker["accuracy"], speaker["attribution_f1"], speaker["agree"]) == (1.0, 1.0, 1)
    assert data["attributes"]["QUOTE"]["quote_type"]["confusion"] == [{"a": "DIRECT", "b": "INDIRECT", "count": 1}]
    assert len(data["pairs"]) == 1 and data["pairs"][0]["a"] == "مریم"
    assert data["documents"][0]["id"] == document.id
    assert -1.0 <= data["labels"]["QUOTE"]["alpha"] <= 1.0


def test_different_speaker_is_a_disagreement(project, document):
    _annotate(project, document, second_speaker_is_same=False)
    speaker = compute_agreement(project).to_json()["speaker"]
    assert (speaker["accuracy"], speaker["disagree"], speaker["attribution_f1"]) == (0.0, 1, 0.0)


def test_gold_is_left_out_by_default_and_three_annotators_pair_up(project, document):
    _annotate(project, document)
    gold = project.add_annotator("gold")
    _span(project, document, gold, "CUE", 0, 3)
    assert compute_agreement(project).annotators == ("علی", "مریم")
    sara = project.add_annotator("سارا")
    _span(project, document, sara, "ACTOR_MENTION", 0, 12)
    report = compute_agreement(project)
    assert len(report.annotators) == 3 and len(report.pairs) == 3
    mention = report.labels["ACTOR_MENTION"]
    assert mention.matched == 1  # مریم and سارا; علی marked none
    assert report.overall.label_alpha["ACTOR_MENTION"] is not None


def test_annotator_counts_on_a_document_only_when_they_worked_on_it(project, document):
    maryam, ali = _annotate(project, document)
    second = add_text(project, "خبر دوم: وزیر گفت که کار تمام است.", title="دوم")
    _span(project, second, maryam, "CUE", 10, 13)
    report = compute_agreement(project)
    assert report.overall.documents == 1 and report.documents_skipped == 1
    project.set_status(second.id, ali.id, "done")  # Ali read it and found nothing
    report = compute_agreement(project)
    assert report.overall.documents == 2 and report.labels["CUE"].only_b == 1  # علی is A (name order)


def test_errors_are_readable(project, document):
    with pytest.raises(NotEnoughAnnotatorsError, match="at least two annotators"):
        compute_agreement(project)
    _annotate(project, document)
    with pytest.raises(NotFoundError, match="known: .*مریم"):
        compute_agreement(project, annotators=["مریم", "nobody"])
    project.add_annotator("idle")
    with pytest.raises(NotEnoughAnnotatorsError, match="others with annotations: علی"):
        compute_agreement(project, annotators=["مریم", "idle"])


def test_progress_and_cancel(project, document):
    _annotate(project, document)
    add_text(project, "خبر دوم: وزیر گفت که کار تمام است.")
    seen = []
    compute_agreement(project, progress=lambda done, total: seen.append((done, total)))
    assert seen == [(1, 2), (2, 2)]
    report = compute_agreement(project, cancelled=lambda: True)
    assert report.cancelled and report.overall.documents == 0
    json.dumps(report.to_json(), allow_nan=False)


def test_summary_for_dataset_cards(project, document):
    assert summary(project) is None
    _annotate(project, document)
    card = summary(project)
    assert set(card) == {"annotators", "documents", "labels", "all_labels", "speaker"}
    assert "COMMITMENT" not in card["labels"]  # nobody marked one
    assert set(card["labels"]["QUOTE"]) == {"f1_exact", "f1_overlap", "alpha"}
    assert card["speaker"]["accuracy"] == 1.0


def test_text_and_html_renderings(project, document):
    _annotate(project, document)
    report = compute_agreement(project)
    text = render_text(report)
    assert "QUOTE" in text and "ATTRIBUTED_TO (speaker)" in text and "quote_type" in text
    page = render_html(report)
    assert page.startswith("<!DOCTYPE html>") and "<svg" in page and 'dir="auto" lang="fa"' in page
    assert "<script" not in page and not re.search(r"""(src|href)=["']?https?:""", page)
    assert "Krippendorff" in page  # the explanations travel with the numbers


# -- CLI -----------------------------------------------------------------------------------------


@pytest.fixture
def project_file(tmp_path):
    path = tmp_path / "p.db"
    with Project.init(path) as project:
        _annotate(project, add_text(project, SHORT_ARTICLE))
    return path


def test_cli_tables_json_and_html(project_file, tmp_path):
    runner = CliRunner()
    plain = runner.invoke(main, ["agreement", str(project_file)])
    assert plain.exit_code == 0, plain.output
    assert "F1 overlap" in plain.output
    as_json = runner.invoke(main, ["agreement", str(project_file), "--json", "--annotators", "علی,مریم"])
    data = json.loads(as_json.stdout)
    assert data["annotators"] == ["علی", "مریم"] and set(data["labels"]["QUOTE"]) >= {
        "f1_exact", "f1_overlap", "alpha", "only_a", "only_b", "matched"}
    out = tmp_path / "report.html"
    written = runner.invoke(main, ["agreement", str(project_file), "--html", str(out), "--json"])
    assert written.exit_code == 0 and out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    json.loads(written.stdout)  # the "Wrote" line goes to stderr


@pytest.mark.parametrize("args, message", [
    (["--annotators", "مریم,nobody"], "known:"),
    (["--annotators", "مریم"], "at least two annotators"),
])
def test_cli_errors_are_one_line(project_file, args, message):
    result = CliRunner().invoke(main, ["agreement", str(project_file), *args])
    assert result.exit_code == 1 and message in result.output and "Traceback" not in result.output
    assert result.output.strip().count("\n") == 0


def test_unaccepted_suggestions_and_the_preannotator_do_not_count(project):
    from annotator.agreement import compute_agreement
    from annotator.model import SpanDraft
    from tests.core.conftest import add_text

    document = add_text(project, "شهردار تهران گفت که کار تمام است.")
    a, b, machine = (project.add_annotator(n) for n in ("الف", "ب", "preannotator"))
    for who, origin in ((a, "manual"), (b, "manual"), (b, "suggested"), (machine, "suggested")):
        start = 0 if origin == "manual" else 13
        project.add_span(SpanDraft(document.id, who.id, "CUE", ((start, start + 3),), origin=origin))
    report = compute_agreement(project).to_json()
    assert report["annotators"] == ["الف", "ب"]
    assert report["labels"]["CUE"]["matched"] == 1 and report["labels"]["CUE"]["only_b"] == 0
