"""Undoable edits: apply, revert, re-apply, with ids kept so links survive."""

from annotator.edits import AddRelation, AddSpan, Compound, DeleteSpan, SetStatus, UpdateSpan
from annotator.model import RelationDraft, SpanDraft
from tests.core.test_project import find


def mention(document, annotator, needle):
    return SpanDraft(document.id, annotator.id, "ACTOR_MENTION", (find(document.text, needle),),
                     attrs={"mention_type": "NOM"})


def test_add_span_undo_redo_keeps_the_id(project, annotator, document):
    edit = AddSpan(mention(document, annotator, "شهردار تهران"))
    edit.apply(project)
    span_id = edit.span.id
    edit.revert(project)
    assert project.spans(document.id) == []
    edit.apply(project)
    assert [s.id for s in project.spans(document.id)] == [span_id]


def quote_with_speaker(project, document, annotator):
    """A quote linked to its speaker's mention, made through edits; returns (quote, mention)."""
    add_mention = AddSpan(mention(document, annotator, "شهردار تهران"))
    add_mention.apply(project)
    add_quote = AddSpan(SpanDraft(document.id, annotator.id, "QUOTE",
                                  (find(document.text, "ما این کار"),), attrs={"quote_type": "DIRECT"}))
    add_quote.apply(project)
    AddRelation(RelationDraft(document.id, annotator.id, "ATTRIBUTED_TO", head=add_quote.span.id,
                              tail_span=add_mention.span.id)).apply(project)
    return add_quote.span, add_mention.span


def test_delete_span_with_links_is_one_step(project, annotator, document):
    _, speaker = quote_with_speaker(project, document, annotator)
    delete = DeleteSpan(speaker.id)
    delete.apply(project)
    assert project.relations(document.id) == []
    delete.revert(project)
    assert len(project.relations(document.id)) == 1


def test_update_span_revert_and_merge_of_edge_moves(project, annotator, document):
    add = AddSpan(mention(document, annotator, "شهردار تهران"))
    add.apply(project)
    s, e = add.span.fragments[0]
    first = UpdateSpan(add.span.id, {"fragments": ((s, e - 1),)}, kind="move end")
    first.apply(project)
    second = UpdateSpan(add.span.id, {"fragments": ((s, e - 2),)}, kind="move end")
    second.apply(project)
    assert first.merge(second)
    first.revert(project)
    assert project.span(add.span.id).fragments == ((s, e),)
    assert not UpdateSpan(add.span.id, {}, kind="edit").merge(UpdateSpan(add.span.id, {}, kind="edit"))


def test_compound_reverts_in_reverse_order(project, annotator, document):
    edits = [AddSpan(mention(document, annotator, "شهردار تهران")), AddSpan(mention(document, annotator, "وی"))]
    compound = Compound("add two", edits)
    compound.apply(project)
    assert len(project.spans(document.id)) == 2
    compound.revert(project)
    assert project.spans(document.id) == []


def test_set_status_is_undoable(project, annotator, document):
    edit = SetStatus(document.id, annotator.id, "done")
    edit.apply(project)
    assert project.status(document.id, annotator.id).status == "done"
    edit.revert(project)
    assert project.status(document.id, annotator.id).status == "todo"


def test_ids_are_never_reused_so_undo_in_another_document_cannot_clash(project, annotator, document):
    from tests.core.conftest import add_text

    other = add_text(project, "متن دیگری برای سند دوم است.")
    first = AddSpan(mention(document, annotator, "شهردار تهران"))
    first.apply(project)
    delete = DeleteSpan(first.span.id)
    delete.apply(project)
    newer = AddSpan(SpanDraft(other.id, annotator.id, "ACTOR_MENTION", ((0, 3),), attrs={"mention_type": "NOM"}))
    newer.apply(project)
    assert newer.span.id != first.span.id
    delete.revert(project)
    assert project.span(first.span.id).document_id == document.id


def test_undo_puts_rows_back_exactly_timestamps_included(project, annotator, document, ticking_clock):
    quote, speaker = quote_with_speaker(project, document, annotator)
    before = project.spans(document.id), project.relations(document.id)
    for edit in (DeleteSpan(speaker.id), UpdateSpan(quote.id, {"attrs": {"quote_type": "MIXED"}})):
        edit.apply(project)
        edit.revert(project)
        assert (project.spans(document.id), project.relations(document.id)) == before
