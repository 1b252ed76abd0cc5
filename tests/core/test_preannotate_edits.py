"""Accepting and rejecting suggestions as undoable edits: apply, revert, apply again."""

from __future__ import annotations

import pytest

from annotator.errors import ValidationError
from annotator.model import SpanDraft
from annotator.preannotate import (
    AcceptAll,
    AcceptSuggestion,
    RejectAll,
    RejectSuggestion,
    preannotate_document,
    rejected_places,
    suggestions,
)
from tests.core.conftest import add_text
from tests.core.test_project import find

ARTICLE = ("حمید رضایی مدیرکل هواشناسی گفت: بارش‌ها از فردا آغاز می‌شود.\n"
           "وی افزود: جاده‌های شمالی لغزنده است.")


@pytest.fixture
def suggested(project, annotator):
    document = add_text(project, ARTICLE)
    preannotate_document(project, document.id, annotator.id)
    return document


def snapshot(project, document):
    return project.spans(document.id), project.relations(document.id), project.actors()


def first_quote(project, document, annotator):
    return next(s for s in suggestions(project, document.id, annotator.id) if s.label == "QUOTE")


def test_accept_makes_the_quote_its_cue_mention_links_and_actor_manual(project, annotator, suggested, ticking_clock):
    before = snapshot(project, suggested)
    quote = first_quote(project, suggested, annotator)
    edit = AcceptSuggestion(quote.id)
    changes = edit.apply(project)
    assert changes.spans and changes.relations and suggested.id in changes.document_ids
    manual = {s.label for s in project.spans(suggested.id) if s.origin == "manual"}
    assert manual == {"QUOTE", "CUE", "ACTOR_MENTION"}
    assert {r.origin for r in project.relations(suggested.id) if r.head == quote.id} == {"manual"}
    assert project.actors()[0].origin == "manual"
    edit.revert(project)
    assert snapshot(project, suggested) == before[:2] + (before[2],)
    edit.apply(project)
    assert project.span(quote.id).origin == "manual"


def test_accepting_a_span_that_is_not_a_suggestion_is_refused(project, annotator, suggested, ticking_clock):
    manual, _ = project.add_span(SpanDraft(suggested.id, annotator.id, "QUOTE",
                                           (find(suggested.text, "بارش‌ها"),), {"quote_type": "DIRECT"}))
    with pytest.raises(ValidationError, match="not a suggestion"):
        AcceptSuggestion(manual.id).apply(project)


def test_reject_removes_the_quote_and_what_only_it_used_and_remembers(project, annotator, suggested, ticking_clock):
    before = snapshot(project, suggested)
    quote = first_quote(project, suggested, annotator)
    edit = RejectSuggestion(quote.id)
    edit.apply(project)
    first_line = [s.label for s in project.spans(suggested.id) if s.start < suggested.text.index("\n")]
    assert first_line == ["TIME_EXPR"]  # its quote, cue and mention are gone; «از فردا» stands alone
    assert (quote.label, quote.fragments) in rejected_places(project, suggested.id, annotator.id)
    edit.revert(project)
    assert snapshot(project, suggested) == before
    assert rejected_places(project, suggested.id, annotator.id) == set()


def test_reject_keeps_a_mention_other_quotes_still_use(project, annotator, ticking_clock):
    document = add_text(project, "رئیس سازمان با بیان اینکه آب کم است، گفت: باید صرفه‌جویی کرد.")
    preannotate_document(project, document.id, annotator.id)
    indirect = next(s for s in suggestions(project, document.id, annotator.id)
                    if s.label == "QUOTE" and s.attrs["quote_type"] == "INDIRECT")
    RejectSuggestion(indirect.id).apply(project)
    labels = sorted(s.label for s in project.spans(document.id))
    assert labels == ["ACTOR_MENTION", "CUE", "QUOTE"]


def test_reject_drops_an_actor_nothing_uses_and_undo_brings_it_back(project, annotator, ticking_clock):
    document = add_text(project, "مدیرکل بیمه گفت: حقوق‌ها پرداخت شد.")
    preannotate_document(project, document.id, annotator.id)
    actor = project.actors()[0]
    edit = RejectSuggestion(first_quote(project, document, annotator).id)
    edit.apply(project)
    assert project.actors() == []
    edit.revert(project)
    assert project.actors() == [actor]


def test_accept_all_and_reject_all_are_one_step_each(project, annotator, suggested, ticking_clock):
    before = snapshot(project, suggested)
    accept = AcceptAll(suggested.id, annotator.id)
    accept.apply(project)
    assert suggestions(project, suggested.id, annotator.id) == []
    assert {s.origin for s in project.spans(suggested.id)} == {"manual"}
    accept.revert(project)
    assert snapshot(project, suggested) == before
    reject = RejectAll(suggested.id, annotator.id)
    reject.apply(project)
    assert project.spans(suggested.id) == [] and project.actors() == []
    reject.revert(project)
    assert snapshot(project, suggested) == before
    reject.apply(project)
    assert project.spans(suggested.id) == []
    assert accept.text and reject.text and AcceptSuggestion(1).text and RejectSuggestion(1).text


def test_accepting_a_commitment_does_not_take_the_quote_it_is_expressed_in(project, annotator, ticking_clock):
    document = add_text(project, "شهردار تهران گفت: «ما این کار را ظرف ۲۰ روز تمام می‌کنیم.»")
    preannotate_document(project, document.id, annotator.id)
    commitment = next(s for s in suggestions(project, document.id, annotator.id) if s.label == "COMMITMENT")
    quote = next(s for s in suggestions(project, document.id, annotator.id) if s.label == "QUOTE")
    accept = AcceptSuggestion(commitment.id)
    accept.apply(project)
    labels = {s.label: s.origin for s in project.spans(document.id)}
    assert labels["COMMITMENT"] == "manual" and labels["QUOTE"] == "suggested", "the quote is reviewed on its own"
    assert labels["TIME_EXPR"] == "manual" and labels["ACTOR_MENTION"] == "manual"  # its deadline and committer
    RejectSuggestion(quote.id).apply(project)
    assert {s.label for s in project.spans(document.id)} >= {"COMMITMENT", "TIME_EXPR", "ACTOR_MENTION"}
    assert not any(r.type == "EXPRESSED_IN" for r in project.relations(document.id))
