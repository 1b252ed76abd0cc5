"""Units across three annotators, nested spans, and the bookkeeping the lead's tools read."""

from __future__ import annotations

from annotator.adjudication import (
    AGREE,
    GOLD_ONLY,
    LABEL,
    ONLY_SOME,
    AcceptIntoGold,
    compared_annotators,
    review_document,
)
from annotator.model import SpanDraft
from annotator.store.documents import ASSIGNED
from tests.core.conftest import SHORT_ARTICLE
from tests.core.test_project import find


def mark(project, document, who, label, needle, **attrs):
    return project.add_span(SpanDraft(document.id, who.id, label, (find(document.text, needle),), attrs))[0]


def test_three_annotators_one_unit_each(project, document):
    a, b, c = (project.add_annotator(n) for n in ("الف", "ب", "پ"))
    spans = [mark(project, document, who, "CUE", "گفت") for who in (a, b, c)]
    mark(project, document, c, "CUE", "افزود")
    review = review_document(project, document.id)
    assert review.names == ("الف", "ب", "پ")
    said = review.units[review.unit_of[spans[0].id]]
    assert said.kind == AGREE and {review.unit_of[s.id] for s in spans} == {said.index}
    added = [u for u in review.units if u is not said]
    assert [(u.kind, u.missing()) for u in added] == [(ONLY_SOME, ("الف", "ب"))]


def test_a_mention_inside_a_quote_is_not_a_label_disagreement(project, document):
    a, b = project.add_annotator("الف"), project.add_annotator("ب")
    quote = "ما این کار را ظرف ۲۰ روز تمام می‌کنیم."
    mark(project, document, a, "QUOTE", quote, quote_type="DIRECT")
    mark(project, document, b, "ACTOR_MENTION", "ما")
    review = review_document(project, document.id)
    assert sorted(u.kind for u in review.units) == [ONLY_SOME, ONLY_SOME]
    mark(project, document, b, "CONDITION", quote)  # the same words under another label: a pair
    assert LABEL in {u.kind for u in review_document(project, document.id).units}


def test_gold_alone_is_its_own_unit_and_gold_is_never_compared(project, document):
    a = project.add_annotator("الف")
    cue = mark(project, document, a, "CUE", "گفت")
    AcceptIntoGold(cue.id).apply(project)
    gold = project.annotator_by_name("gold")
    mark(project, document, gold, "ACTOR_MENTION", "وی")
    review = review_document(project, document.id)
    assert [a.name for a in compared_annotators(project, document.id)] == ["الف"]
    assert sorted(u.kind for u in review.units) == [AGREE, GOLD_ONLY]


def test_opening_a_document_does_not_make_the_lead_an_annotator(project, document):
    lead = project.add_annotator("لیلا", role="lead")
    a = project.add_annotator("الف")
    mark(project, document, a, "CUE", "گفت")
    project.set_status(document.id, lead.id, "in_progress")
    assert [x.name for x in compared_annotators(project, document.id)] == ["الف"]
    project.set_status(document.id, lead.id, "done")  # done with nothing marked: a version too
    assert [x.name for x in compared_annotators(project, document.id)] == ["لیلا", "الف"]


def test_progress_counts_nothing_for_an_annotator_with_no_assignments(project, document):
    project.add_annotator("الف")
    [row] = project.assignment_progress()
    assert (row.assigned, row.todo, row.in_progress, row.done) == (0, 0, 0, 0)


def test_the_assigned_filter_lists_only_assigned_documents(project, document):
    from tests.core.conftest import add_text

    other = add_text(project, SHORT_ARTICLE + " دوباره", title="دوم")
    a = project.add_annotator("الف")
    project.assign([other.id], [a.id])
    assert project.count_documents(status=ASSIGNED, annotator_id=a.id) == 1
    assert [d.id for d in project.documents(status=ASSIGNED, annotator_id=a.id)] == [other.id]
    assert project.document_index(other.id, status=ASSIGNED, annotator_id=a.id) == 0
