"""Writing suggestions into a layer: idempotent re-runs, manual work untouched, rejections
remembered, actors matched in the registry and created as suggestions."""

from __future__ import annotations

from annotator.model import ActorDraft, SpanDraft
from annotator.preannotate import preannotate, preannotate_document, suggestions
from annotator.preannotate.model import Suggestions
from tests.core.conftest import add_text
from tests.core.test_project import find

ARTICLE = (
    "به گزارش ایرنا، پروین صالحی معاون وزیر راه روز شنبه گفت: جاده چالوس ظرف ۲۰ روز بازگشایی می‌شود.\n"
    "وی افزود: مسیر جایگزین هم آماده است.\n"
    "صالحی با بیان اینکه بودجه تأمین شده است، تصریح کرد: کار شبانه‌روزی ادامه دارد."
)


def layer(project, document, annotator):
    spans = project.spans(document.id, annotator_id=annotator.id)
    relations = project.relations(document.id, annotator_id=annotator.id)
    return spans, relations


def test_suggestions_are_stored_with_origin_and_score(project, annotator):
    document = add_text(project, ARTICLE)
    report = preannotate_document(project, document.id, annotator.id)
    spans, relations = layer(project, document, annotator)
    assert spans and all(s.origin == "suggested" and 0 < s.score < 1 for s in spans)
    assert relations and all(r.origin == "suggested" for r in relations)
    assert report.added["QUOTE"] == 4 and report.kept == 0
    assert {s.label for s in suggestions(project, document.id, annotator.id)} >= {"QUOTE", "CUE", "ACTOR_MENTION"}


def test_rerunning_changes_nothing_and_duplicates_nothing(project, annotator, ticking_clock):
    document = add_text(project, ARTICLE)
    preannotate_document(project, document.id, annotator.id)
    before = layer(project, document, annotator), project.actors()
    report = preannotate_document(project, document.id, annotator.id)
    assert layer(project, document, annotator) == before[0] and project.actors() == before[1]
    assert report.added == {} and report.removed == 0 and report.relations == 0
    assert report.kept == len(before[0][0])


def test_a_manual_quote_is_never_duplicated_or_changed(project, annotator):
    document = add_text(project, ARTICLE)
    manual, _ = project.add_span(SpanDraft(document.id, annotator.id, "QUOTE",
                                           (find(document.text, "مسیر جایگزین هم آماده است"),),
                                           {"quote_type": "DIRECT"}))
    report = preannotate_document(project, document.id, annotator.id)
    quotes = [s for s in project.spans(document.id, annotator_id=annotator.id) if s.label == "QUOTE"]
    assert project.span(manual.id) == manual
    assert [q.id for q in quotes if q.start <= manual.start < q.end or manual.start <= q.start < manual.end] == [manual.id]
    assert report.skipped["manual"] >= 1


def test_other_layers_are_left_alone(project, annotator):
    document = add_text(project, ARTICLE)
    other = project.add_annotator("علی")
    preannotate_document(project, document.id, annotator.id)
    assert project.spans(document.id, annotator_id=other.id) == []


def test_a_rejected_suggestion_is_not_made_again(project, annotator):
    from annotator.preannotate import RejectSuggestion

    document = add_text(project, ARTICLE)
    preannotate_document(project, document.id, annotator.id)
    quote = next(s for s in suggestions(project, document.id, annotator.id) if s.label == "QUOTE")
    RejectSuggestion(quote.id).apply(project)
    report = preannotate_document(project, document.id, annotator.id)
    assert report.skipped["rejected"] >= 1
    assert all(s.fragments != quote.fragments for s in project.spans(document.id) if s.label == "QUOTE")


def test_speakers_become_suggested_actors_and_titles_become_aliases(project, annotator):
    document = add_text(project, ARTICLE)
    preannotate_document(project, document.id, annotator.id)
    actors = {a.name: a for a in project.actors()}
    person = actors["پروین صالحی"]
    assert person.origin == "suggested" and set(person.aliases) == {"معاون وزیر راه", "صالحی"}
    assert actors["ایرنا"].type == "ORG"
    mentions = [s for s in project.spans(document.id) if s.label == "ACTOR_MENTION" and s.actor_id == person.id]
    assert {document.text[s.start:s.end] for s in mentions} == {"پروین صالحی معاون وزیر راه", "وی", "صالحی"}


def test_a_known_actor_is_reused_and_not_changed(project, annotator):
    known, _ = project.add_actor(ActorDraft(name="پروین صالحی", type="PER", aliases=("خانم صالحی",)))
    document = add_text(project, ARTICLE)
    preannotate_document(project, document.id, annotator.id)
    assert project.actor(known.id) == known
    assert not any(a.name == "پروین صالحی" and a.id != known.id for a in project.actors())
    assert any(s.actor_id == known.id for s in project.spans(document.id))


def test_stale_suggestions_and_their_unused_actors_go(project, annotator):
    document = add_text(project, ARTICLE)
    preannotate_document(project, document.id, annotator.id)
    report = preannotate_document(project, document.id, annotator.id, found=Suggestions())
    assert report.removed > 0 and project.spans(document.id) == []
    assert [a for a in project.actors() if a.origin == "suggested"] == []


def test_the_publication_date_anchors_deadlines(project, annotator):
    document = add_text(project, "وزیر گفت: کار تا پایان سال تمام می‌شود.")
    project.db.execute("UPDATE documents SET published = '2024-05-01' WHERE id = ?", [document.id])
    preannotate_document(project, document.id, annotator.id)
    timex = next(s for s in project.spans(document.id) if s.label == "TIME_EXPR")
    assert timex.attrs["value"] == "2025-03-20" and timex.attrs["deadline_mod"] == "BY"


def test_preannotate_many_into_a_named_layer(project):
    documents = [add_text(project, ARTICLE), add_text(project, "وزیر نیرو گفت: برق قطع نمی‌شود.")]
    seen = []
    report = preannotate(project, [d.id for d in documents], annotator="preannotator",
                         progress=lambda document_id, r: seen.append(document_id))
    assert report.documents == 2 and seen == [d.id for d in documents]
    layer_owner = project.annotator_by_name("preannotator")
    assert layer_owner.role == "annotator"
    assert all(s.annotator_id == layer_owner.id for s in project.spans(documents[1].id))
    assert report.added["QUOTE"] == 5 and report.to_json()["documents"] == 2
