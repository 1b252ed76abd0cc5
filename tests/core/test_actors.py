"""Actors: merge keeps every mention and link, undo restores exactly; who said what."""

from annotator.attribution import format_who_said_what, who_said_what
from annotator.edits import AddRelation, AddSpan, CreateActorForMention, MergeActors
from annotator.model import ActorDraft, RelationDraft, SpanDraft
from tests.core.test_project import find

TEXT = (
    "علی رضایی شهردار شیراز گفت: «قطار جدید ظرف ۲۰ روز می‌رسد.»\n"
    "وی افزود: بودجه آماده است.\n"
    "افزود: کار از فردا شروع می‌شود."
)


def mention(project, document, annotator, needle, kind, actor_id=None):
    span, _ = project.add_span(SpanDraft(document.id, annotator.id, "ACTOR_MENTION", (find(document.text, needle),),
                                         attrs={"mention_type": kind}, actor_id=actor_id))
    return span


def quote(project, document, annotator, needle):
    span, _ = project.add_span(SpanDraft(document.id, annotator.id, "QUOTE", (find(document.text, needle),),
                                         attrs={"quote_type": "DIRECT"}))
    return span


def test_merge_moves_every_mention_and_link_and_undo_restores(project, annotator):
    from tests.core.conftest import add_text
    document = add_text(project, TEXT)
    a, _ = project.add_actor(ActorDraft(name="علی رضایی", type="PER"))
    b, _ = project.add_actor(ActorDraft(name="شهردار شیراز", type="PER", aliases=("رضایی",)))
    m1 = mention(project, document, annotator, "علی رضایی", "NAME", a.id)
    m2 = mention(project, document, annotator, "وی", "PRON", b.id)
    q3 = quote(project, document, annotator, "کار از فردا شروع می‌شود.")
    project.add_relation(RelationDraft(document.id, annotator.id, "ATTRIBUTED_TO", head=q3.id, tail_actor=b.id))
    merge = MergeActors(a.id, b.id)
    merge.apply(project)
    assert project.span(m2.id).actor_id == a.id
    assert project.relations(document.id)[0].tail_actor == a.id
    assert set(project.actor(a.id).aliases) == {"شهردار شیراز", "رضایی"}
    assert [x.id for x in project.actors()] == [a.id]
    merge.revert(project)
    assert project.span(m2.id).actor_id == b.id and project.span(m1.id).actor_id == a.id
    assert project.relations(document.id)[0].tail_actor == b.id
    assert project.actor(b.id) == b and project.actor(a.id) == a


def test_create_actor_from_mention_is_one_undo_step(project, annotator):
    from tests.core.conftest import add_text
    document = add_text(project, TEXT)
    m = mention(project, document, annotator, "علی رضایی", "NAME")
    edit = CreateActorForMention(m.id, ActorDraft(name="علی رضایی", type="PER"))
    edit.apply(project)
    actor_id = project.span(m.id).actor_id
    assert project.actor(actor_id).name == "علی رضایی"
    edit.revert(project)
    assert project.span(m.id).actor_id is None and project.actors() == []
    edit.apply(project)
    assert project.span(m.id).actor_id == actor_id


def test_who_said_what_follows_pronouns_and_pro_drop(project, annotator):
    from tests.core.conftest import add_text
    document = add_text(project, TEXT)
    actor, _ = project.add_actor(ActorDraft(name="علی رضایی", type="PER"))
    name = mention(project, document, annotator, "علی رضایی", "NAME", actor.id)
    pronoun = mention(project, document, annotator, "وی", "PRON", actor.id)
    quotes = [quote(project, document, annotator, q) for q in
              ("قطار جدید ظرف ۲۰ روز می‌رسد.", "بودجه آماده است.", "کار از فردا شروع می‌شود.")]
    for q, tail in zip(quotes, (name, pronoun), strict=False):
        AddRelation(RelationDraft(document.id, annotator.id, "ATTRIBUTED_TO", head=q.id, tail_span=tail.id)).apply(project)
    project.add_relation(RelationDraft(document.id, annotator.id, "ATTRIBUTED_TO", head=quotes[2].id, tail_actor=actor.id))
    entries = who_said_what(project.tagset, project.spans(document.id), project.relations(document.id),
                            {a.id: a for a in project.actors()})
    assert len(entries) == 1
    assert [s.id for s in entries[0].statements["ATTRIBUTED_TO"]] == [q.id for q in quotes]
    text = format_who_said_what(project.tagset, entries, document.text)
    assert "علی رضایی" in text and "بودجه آماده است." in text and "کار از فردا" in text


def test_add_span_edit_for_a_pronoun_linked_to_an_actor(project, annotator):
    from tests.core.conftest import add_text
    document = add_text(project, TEXT)
    actor, _ = project.add_actor(ActorDraft(name="علی رضایی", type="PER"))
    edit = AddSpan(SpanDraft(document.id, annotator.id, "ACTOR_MENTION", (find(document.text, "وی"),),
                             attrs={"mention_type": "PRON"}, actor_id=actor.id))
    edit.apply(project)
    assert project.actor_usage(actor.id) == (1, 0)
