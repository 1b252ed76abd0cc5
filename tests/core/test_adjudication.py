"""Adjudication: units across annotators, their kinds, and the decisions that build gold.

Also holds :func:`two_versions`, the shared fixture data of the review-window tests: one short
article annotated differently by two annotators.
"""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from annotator.adjudication import (
    ACCEPTED,
    AGREE,
    ATTRIBUTE,
    BOUNDARY,
    EDITED,
    LABEL,
    ONLY_SOME,
    OPEN,
    REJECTED,
    SPEAKER,
    AcceptAllAgreed,
    AcceptIntoGold,
    AcceptLinkIntoGold,
    AcceptPartIntoGold,
    EditGold,
    RejectAll,
    SetAdjudicationStatus,
    adjudication_status,
    disagreements,
    gold_spans,
    review_document,
)
from annotator.errors import ValidationError
from annotator.model import ActorDraft, RelationDraft, SpanDraft
from annotator.project import Project
from tests.core.conftest import SHORT_ARTICLE, add_text
from tests.core.test_project import find

QUOTE_1 = "ما این کار را ظرف ۲۰ روز تمام می‌کنیم."
QUOTE_2 = "بودجه آن آماده است"


def two_versions(project: Project, document) -> dict:
    """مریم and علی annotate ``SHORT_ARTICLE``; they agree on the mayor, «گفت» and the first
    quote's speaker, and differ on: the first quote's edges (علی includes «»), the time
    expression's value, «وی» (only مریم), «افزود» (CUE against CONDITION) and the second quote's
    speaker (مریم: «وی» = the mayor; علی: the municipality)."""
    text = document.text
    lead = project.ensure_annotator("لیلا", role="lead")
    maryam, ali = project.ensure_annotator("مریم"), project.ensure_annotator("علی")
    mayor, _ = project.add_actor(ActorDraft(name="شهردار تهران", type="PER"))
    city, _ = project.add_actor(ActorDraft(name="شهرداری تهران", type="ORG", subtype="MUNICIPALITY"))
    out = {"lead": lead, "maryam": maryam, "ali": ali, "mayor": mayor, "city": city}

    def span(who, label, needle, attrs=None, actor=None, widen=0):
        start, end = find(text, needle)
        draft = SpanDraft(document.id, who.id, label, ((start - widen, end + widen),), attrs or {},
                          actor_id=actor.id if actor else None)
        return project.add_span(draft)[0]

    def link(who, kind, head, tail=None, actor=None):
        draft = RelationDraft(document.id, who.id, kind, head.id, tail_span=tail.id if tail else None,
                              tail_actor=actor.id if actor else None)
        return project.add_relation(draft)[0]

    for who, key in ((maryam, "m"), (ali, "a")):
        out[f"{key}_mayor"] = span(who, "ACTOR_MENTION", "شهردار تهران", {"mention_type": "NOM"}, mayor)
        out[f"{key}_said"] = span(who, "CUE", "گفت", {"medium": "SPEECH"})
        out[f"{key}_q1"] = span(who, "QUOTE", QUOTE_1, {"quote_type": "DIRECT"}, widen=1 if key == "a" else 0)
        out[f"{key}_time"] = span(who, "TIME_EXPR", "ظرف ۲۰ روز",
                                  {"timex_type": "DURATION", "value": "P20D" if key == "m" else "P3W"})
        out[f"{key}_q2"] = span(who, "QUOTE", QUOTE_2, {"quote_type": "INDIRECT"})
        link(who, "ATTRIBUTED_TO", out[f"{key}_q1"], out[f"{key}_mayor"])
        link(who, "HAS_CUE", out[f"{key}_q1"], out[f"{key}_said"])
    out["m_he"] = span(maryam, "ACTOR_MENTION", "وی", {"mention_type": "PRON"}, mayor)
    out["m_added"] = span(maryam, "CUE", "افزود")
    out["a_added"] = span(ali, "CONDITION", "افزود")
    out["m_speaker2"] = link(maryam, "ATTRIBUTED_TO", out["m_q2"], out["m_he"])
    out["a_speaker2"] = link(ali, "ATTRIBUTED_TO", out["a_q2"], actor=city)
    project.user = lead.id
    return out


@pytest.fixture
def data(project, document):
    return two_versions(project, document)


def unit_of(review, span):
    return review.units[review.unit_of[span.id]]


def gold_rows(project, document):
    return sorted((s.label, s.fragments, s.origin) for s in gold_spans(project, document.id))


def test_units_are_classified(project, document, data):
    review = review_document(project, document.id)
    assert review.names == ("مریم", "علی")
    kinds = {review.units[review.unit_of[data[k].id]].kind for k in ("m_mayor", "m_said")}
    assert kinds == {AGREE}
    q1 = unit_of(review, data["m_q1"])
    assert (q1.kind, q1.label, set(q1.versions)) == (BOUNDARY, "QUOTE", {"مریم", "علی"})
    assert unit_of(review, data["a_q1"]) is q1
    time = unit_of(review, data["m_time"])
    assert (time.kind, time.attributes) == (ATTRIBUTE, ("value",))
    assert unit_of(review, data["m_he"]).kind == ONLY_SOME
    assert unit_of(review, data["m_he"]).missing() == ("علی",)
    assert unit_of(review, data["m_added"]).kind == LABEL
    assert unit_of(review, data["m_q2"]).kind == SPEAKER  # وی -> mayor against the municipality
    assert [u.start for u in review.units] == sorted(u.start for u in review.units)
    assert all(u.status == OPEN for u in review.units)
    assert len(disagreements(project, document.id)) == 5


def test_speaker_agreement_is_by_actor_not_by_mention(project, document, data):
    """Both first quotes point at their own «شهردار تهران», which refers to the mayor: same speaker."""
    review = review_document(project, document.id)
    q1 = unit_of(review, data["m_q1"])
    assert SPEAKER not in q1.differences
    assert q1.versions["مریم"].links == q1.versions["علی"].links


def test_accept_one_side_then_undo(project, document, data):
    edit = AcceptIntoGold(data["a_q1"].id)
    edit.apply(project)
    [gold] = [s for s in gold_spans(project, document.id) if s.label == "QUOTE"]
    assert (gold.label, gold.fragments, gold.origin, dict(gold.attrs)) == (
        "QUOTE", data["a_q1"].fragments, "adjudicated", {"quote_type": "DIRECT", "continuation": False})
    assert project.annotator(gold.annotator_id).role == "lead"
    q1 = unit_of(review_document(project, document.id), data["m_q1"])
    # its speaker mention came along (the link needs it); the cue did not (not a who-link)
    assert q1.status == ACCEPTED and q1.accepted_from == ("علی",)
    assert gold_rows(project, document) == sorted([
        ("QUOTE", data["a_q1"].fragments, "adjudicated"),
        ("ACTOR_MENTION", data["a_mayor"].fragments, "adjudicated")])
    assert project.audit_log(document_id=document.id, limit=1)[0].action == "accept"
    edit.revert(project)
    assert gold_spans(project, document.id) == []
    assert project.audit_log(document_id=document.id, limit=1)[0].action == "undo-accept"
    edit.apply(project)  # redo: the same rows again, under the same ids
    assert edit.gold_span_id in {s.id for s in gold_spans(project, document.id)}
    assert len(gold_spans(project, document.id)) == 2


def test_accepting_the_other_side_replaces_in_place(project, document, data):
    AcceptIntoGold(data["m_q1"].id).apply(project)
    first = {s.label: s for s in gold_spans(project, document.id)}
    AcceptIntoGold(data["a_q1"].id).apply(project)
    after = {s.label: s for s in gold_spans(project, document.id)}
    assert after["QUOTE"].id == first["QUOTE"].id
    assert after["QUOTE"].fragments == data["a_q1"].fragments
    relations = project.relations(document.id, annotator_id=after["QUOTE"].annotator_id)
    assert [(r.type, r.tail_span) for r in relations] == [("ATTRIBUTED_TO", after["ACTOR_MENTION"].id)]


def test_links_follow_when_their_other_end_is_in_gold(project, document, data):
    AcceptIntoGold(data["m_said"].id).apply(project)
    AcceptIntoGold(data["m_q1"].id).apply(project)
    gold = {s.label: s for s in gold_spans(project, document.id)}
    relations = {r.type: r for r in project.relations(document.id, annotator_id=gold["QUOTE"].annotator_id)}
    assert relations["HAS_CUE"].tail_span == gold["CUE"].id
    assert relations["ATTRIBUTED_TO"].tail_span == gold["ACTOR_MENTION"].id
    assert unit_of(review_document(project, document.id), data["m_q1"]).accepted_from == ("مریم",)


def test_accept_a_speaker_link(project, document, data):
    AcceptIntoGold(data["m_q2"].id).apply(project)  # with «وی» -> the mayor
    edit = AcceptLinkIntoGold(data["a_speaker2"].id)  # علی: the municipality
    edit.apply(project)
    gold_q2 = next(s for s in gold_spans(project, document.id) if s.fragments == data["m_q2"].fragments)
    [speaker] = [r for r in project.relations(document.id, annotator_id=gold_q2.annotator_id)
                 if r.head == gold_q2.id]
    assert speaker.tail_actor == data["city"].id
    assert unit_of(review_document(project, document.id), data["m_q2"]).accepted_from == ("علی",)
    edit.revert(project)
    [speaker] = [r for r in project.relations(document.id, annotator_id=gold_q2.annotator_id)
                 if r.head == gold_q2.id]
    assert speaker.tail_span is not None


def test_accept_only_the_attributes_of_the_other_side(project, document, data):
    AcceptIntoGold(data["m_time"].id).apply(project)  # مریم's edges, her value P20D
    edit = AcceptPartIntoGold(data["a_time"].id, "attributes")  # only علی's value P3W
    edit.apply(project)
    [gold] = [s for s in gold_spans(project, document.id) if s.label == "TIME_EXPR"]
    assert gold.attrs["value"] == "P3W" and gold.fragments == data["m_time"].fragments
    assert project.audit_log(document_id=document.id, limit=1)[0].before["part"] == "attributes"
    edit.revert(project)
    [gold] = [s for s in gold_spans(project, document.id) if s.label == "TIME_EXPR"]
    assert gold.attrs["value"] == "P20D"
    with pytest.raises(ValidationError, match="gold already has these attributes"):
        AcceptPartIntoGold(data["m_time"].id, "attributes").apply(project)


def test_accept_only_the_links_of_the_other_side(project, document, data):
    AcceptIntoGold(data["m_q2"].id).apply(project)  # مریم: «وی» (the mayor) speaks
    AcceptPartIntoGold(data["a_q2"].id, "links").apply(project)  # علی: the municipality
    gold_q2 = next(s for s in gold_spans(project, document.id) if s.label == "QUOTE")
    [speaker] = [r for r in project.relations(document.id, annotator_id=gold_q2.annotator_id) if r.head == gold_q2.id]
    assert (speaker.type, speaker.tail_actor) == ("ATTRIBUTED_TO", data["city"].id)
    assert gold_q2.fragments == data["m_q2"].fragments


def test_a_part_needs_its_unit_in_gold(project, document, data):
    with pytest.raises(ValidationError, match="accept a whole version first"):
        AcceptPartIntoGold(data["a_time"].id, "attributes").apply(project)
    AcceptIntoGold(data["m_added"].id).apply(project)  # a CUE; علی made it a CONDITION
    with pytest.raises(ValidationError, match="accept the whole version instead"):
        AcceptPartIntoGold(data["a_added"].id, "attributes").apply(project)


def test_a_link_needs_its_head_in_gold(project, document, data):
    with pytest.raises(ValidationError, match="accept the QUOTE"):
        AcceptLinkIntoGold(data["a_speaker2"].id).apply(project)


def test_accept_all_agreed_is_one_step(project, document, data):
    edit = AcceptAllAgreed(document.id)
    edit.apply(project)
    assert edit.accepted == 2
    assert gold_rows(project, document) == sorted([
        ("ACTOR_MENTION", data["m_mayor"].fragments, "adjudicated"), ("CUE", data["m_said"].fragments, "adjudicated")])
    review = review_document(project, document.id)
    assert {u.status for u in review.units if u.kind == AGREE} == {ACCEPTED}
    with pytest.raises(ValidationError, match="nothing to accept"):
        AcceptAllAgreed(document.id).apply(project)
    edit.revert(project)
    assert gold_spans(project, document.id) == []


def test_accept_all_agreed_includes_the_agreed_speaker(project, document, data):
    """Make the first quotes agree: then the quote goes in with its speaker and cue links."""
    project.update_span(data["a_q1"].id, fragments=data["m_q1"].fragments)
    AcceptAllAgreed(document.id).apply(project)
    gold = {s.label: s for s in gold_spans(project, document.id)}
    links = {(r.type, r.tail_span) for r in project.relations(document.id, annotator_id=gold["QUOTE"].annotator_id)}
    assert links == {("ATTRIBUTED_TO", gold["ACTOR_MENTION"].id), ("HAS_CUE", gold["CUE"].id)}


def test_reject_with_a_reason_is_in_the_audit_log(project, document, data):
    unit = unit_of(review_document(project, document.id), data["m_added"])
    edit = RejectAll(unit, "neither: «افزود» is already the cue of the second quote")
    edit.apply(project)
    entry = project.audit_log(document_id=document.id, limit=1)[0]
    assert (entry.action, entry.entity, entry.annotator_id) == ("reject", "span", data["lead"].id)
    assert entry.after["reason"].startswith("neither")
    assert sorted(entry.after["spans"]) == sorted([data["m_added"].id, data["a_added"].id])
    unit = unit_of(review_document(project, document.id), data["m_added"])
    assert (unit.status, unit.reason) == (REJECTED, entry.after["reason"])
    edit.revert(project)
    assert project.audit_log(document_id=document.id, limit=1)[0].action == "undo-reject"
    assert unit_of(review_document(project, document.id), data["m_added"]).status == OPEN


def test_reject_removes_what_gold_held(project, document, data):
    AcceptIntoGold(data["m_time"].id).apply(project)
    unit = unit_of(review_document(project, document.id), data["m_time"])
    edit = RejectAll(unit, "")
    edit.apply(project)
    assert gold_spans(project, document.id) == []
    edit.revert(project)
    assert [s.label for s in gold_spans(project, document.id)] == ["TIME_EXPR"]


def test_edit_gold_moves_an_edge_and_stays_adjudicated(project, document, data):
    accept = AcceptIntoGold(data["m_time"].id)
    accept.apply(project)
    start, end = data["m_time"].fragments[0]
    edit = EditGold(accept.gold_span_id, {"fragments": ((start, end - 4),)}, kind="move end")
    edit.apply(project)
    span = project.span(accept.gold_span_id)
    assert (span.fragments, span.origin) == (((start, end - 4),), "adjudicated")
    assert unit_of(review_document(project, document.id), data["m_time"]).status == EDITED
    edit.revert(project)
    assert project.span(accept.gold_span_id).fragments == ((start, end),)
    with pytest.raises(ValidationError, match="only gold"):
        EditGold(data["m_time"].id, {"attrs": {}}).apply(project)


def test_adjudication_status_is_undoable(project, document, data):
    assert adjudication_status(project, document.id) == "todo"
    edit = SetAdjudicationStatus(document.id, "done")
    edit.apply(project)
    assert adjudication_status(project, document.id) == "done"
    edit.revert(project)
    assert adjudication_status(project, document.id) == "todo"
    with pytest.raises(ValidationError):
        SetAdjudicationStatus(document.id, "finished").apply(project)


def test_the_gold_export_holds_the_accepted_spans(tmp_path):
    path = tmp_path / "p.db"
    with Project.init(path) as project:
        document = add_text(project, SHORT_ARTICLE)
        data = two_versions(project, document)
        AcceptAllAgreed(document.id).apply(project)
        AcceptIntoGold(data["a_q1"].id).apply(project)
    from annotator.cli import main

    out = tmp_path / "gold"
    result = CliRunner().invoke(main, ["export", str(path), str(out), "--format", "jsonl", "--layer", "gold",
                                       "--quiet"])
    assert result.exit_code == 0, result.output
    [record] = [json.loads(line) for line in (out / "documents.jsonl").read_text(encoding="utf-8").splitlines()]
    assert record["annotator"] == "gold"
    texts = sorted((s["label"], s["text"]) for s in record["spans"])
    assert texts == sorted([("ACTOR_MENTION", "شهردار تهران"), ("CUE", "گفت"), ("QUOTE", f"«{QUOTE_1}»")])
    assert {r["type"] for r in record["relations"]} == {"ATTRIBUTED_TO", "HAS_CUE"}


def test_one_annotator_alone_counts_as_agreed(project, document):
    maryam = project.add_annotator("مریم")
    project.add_span(SpanDraft(document.id, maryam.id, "CUE", (find(document.text, "گفت"),)))
    [unit] = review_document(project, document.id).units
    assert unit.kind == AGREE
