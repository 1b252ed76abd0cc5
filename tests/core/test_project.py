"""The service API: validation, transactions, audit, undo-friendly restore."""

from __future__ import annotations

import sqlite3

import pytest

from annotator.errors import NotFoundError, ProjectFileError, ValidationError
from annotator.model import ActorDraft, RelationDraft, SpanDraft
from annotator.project import Project
from annotator.store.db import SCHEMA_VERSION, schema_version
from tests.core.conftest import add_text


def find(text: str, needle: str) -> tuple[int, int]:
    start = text.index(needle)
    return start, start + len(needle)


def quote_draft(document, annotator, needle="ما این کار را ظرف ۲۰ روز تمام می‌کنیم.", **attrs):
    return SpanDraft(
        document_id=document.id, annotator_id=annotator.id, label="QUOTE",
        fragments=(find(document.text, needle),), attrs=attrs or {"quote_type": "DIRECT"},
    )


def test_add_span_stores_code_point_offsets_and_audits(project, annotator, document):
    span, changes = project.add_span(quote_draft(document, annotator))
    assert changes.spans and document.id in changes.document_ids
    assert span.text_in(document.text) == "ما این کار را ظرف ۲۰ روز تمام می‌کنیم."
    assert project.spans(document.id) == [span]
    entry = project.audit_log(document_id=document.id)[0]
    assert (entry.action, entry.entity, entry.entity_id) == ("add", "span", span.id)
    assert entry.after["label"] == "QUOTE"


def test_span_with_unknown_label_or_missing_attribute_is_refused(project, annotator, document):
    with pytest.raises(ValidationError, match="NOPE"):
        project.add_span(SpanDraft(document.id, annotator.id, "NOPE", ((0, 3),)))
    with pytest.raises(ValidationError, match="quote_type"):
        project.add_span(SpanDraft(document.id, annotator.id, "QUOTE", ((0, 3),)))
    assert project.spans(document.id) == []


def test_offsets_outside_the_text_are_refused(project, annotator, document):
    n = len(document.text)
    with pytest.raises(ValidationError):
        project.add_span(SpanDraft(document.id, annotator.id, "CUE", ((n - 2, n + 1),)))


def test_database_enforces_offsets_even_without_the_service(project, annotator, document):
    with pytest.raises(sqlite3.IntegrityError):
        project.db.execute(
            "INSERT INTO spans (document_id, annotator_id, label, start, \"end\", fragments, created_at, updated_at)"
            " VALUES (?, ?, 'CUE', 5, 3, '[[5,3]]', 'x', 'x')", [document.id, annotator.id])
    with pytest.raises(sqlite3.IntegrityError, match="outside the document"):
        project.db.execute(
            "INSERT INTO spans (document_id, annotator_id, label, start, \"end\", fragments, created_at, updated_at)"
            " VALUES (?, ?, 'CUE', 0, 100000, '[[0,100000]]', 'x', 'x')", [document.id, annotator.id])


def test_fragments_make_one_discontinuous_span(project, annotator, document):
    first, second = find(document.text, "ما این کار"), find(document.text, "تمام می‌کنیم")
    span, _ = project.add_span(SpanDraft(document.id, annotator.id, "QUOTE", (second, first),
                                         attrs={"quote_type": "DIRECT"}))
    assert span.fragments == (first, second)
    assert span.text_in(document.text) == "ما این کار … تمام می‌کنیم"


def test_update_span_checks_and_records_before_and_after(project, annotator, document):
    span, _ = project.add_span(quote_draft(document, annotator))
    updated, _ = project.update_span(span.id, attrs={"quote_type": "INDIRECT"})
    assert updated.attrs["quote_type"] == "INDIRECT"
    entry = project.audit_log()[0]
    assert entry.before["attrs"]["quote_type"] == "DIRECT" and entry.after["attrs"]["quote_type"] == "INDIRECT"
    with pytest.raises(ValidationError):
        project.update_span(span.id, attrs={"quote_type": "SHOUTED"})
    assert project.span(span.id).attrs["quote_type"] == "INDIRECT"


def test_delete_span_takes_its_relations_and_restore_brings_both_back(project, annotator, document):
    quote, _ = project.add_span(quote_draft(document, annotator))
    mention, _ = project.add_span(SpanDraft(document.id, annotator.id, "ACTOR_MENTION",
                                            (find(document.text, "شهردار تهران"),),
                                            attrs={"mention_type": "NOM"}))
    relation, _ = project.add_relation(RelationDraft(document.id, annotator.id, "ATTRIBUTED_TO",
                                                     head=quote.id, tail_span=mention.id))
    span, relations, changes = project.delete_span(mention.id)
    assert relations == [relation] and changes.relations
    assert project.relations(document.id) == []
    project.restore_span(span, relations)
    assert project.span(mention.id) == span
    assert project.relations(document.id) == [relation]


def test_relation_rules_are_enforced(project, annotator, document):
    quote, _ = project.add_span(quote_draft(document, annotator))
    cue, _ = project.add_span(SpanDraft(document.id, annotator.id, "CUE", (find(document.text, "گفت"),)))
    with pytest.raises(ValidationError):
        project.add_relation(RelationDraft(document.id, annotator.id, "ATTRIBUTED_TO", head=quote.id, tail_span=cue.id))
    project.add_relation(RelationDraft(document.id, annotator.id, "HAS_CUE", head=quote.id, tail_span=cue.id))


def test_actor_crud_and_refusal_to_delete_a_used_actor(project, annotator, document):
    actor, _ = project.add_actor(ActorDraft(name="علی رضایی", type="PER", aliases=("رضایی",)))
    assert project.actors(search="رضایی") == [actor]
    project.add_span(SpanDraft(document.id, annotator.id, "ACTOR_MENTION", (find(document.text, "وی"),),
                               attrs={"mention_type": "PRON"}, actor_id=actor.id))
    with pytest.raises(ValidationError, match="still used"):
        project.delete_actor(actor.id)
    with pytest.raises(ValidationError):
        project.add_actor(ActorDraft(name="x", type="ALIEN"))


def test_status_and_time(project, annotator, document):
    assert project.status(document.id, annotator.id).status == "todo"
    project.set_status(document.id, annotator.id, "done")
    project.add_time(document.id, annotator.id, 12.5)
    status = project.status(document.id, annotator.id)
    assert (status.status, status.seconds_spent) == ("done", 12.5)
    assert project.count_documents(status="done", annotator_id=annotator.id) == 1
    assert project.count_documents(status="todo", annotator_id=annotator.id) == 0
    with pytest.raises(ValidationError):
        project.set_status(document.id, annotator.id, "finished")


def test_full_text_search_finds_persian_words(project, document):
    add_text(project, "خبر دیگری درباره فوتبال", title="ورزش")
    assert [d.title for d in project.documents(search="فوتبال")] == ["ورزش"]
    assert project.count_documents(search="بودجه") == 1
    assert project.count_documents(search='"; DROP') == 0


def test_document_index_places_a_document_in_the_filtered_list(project, annotator, document):
    second = add_text(project, "خبر دیگری درباره فوتبال", title="ورزش")
    third = add_text(project, "فوتبال و بودجه باشگاه", title="باشگاه")
    assert [project.document_index(d.id) for d in (document, second, third)] == [0, 1, 2]
    assert project.document_index(third.id, search="فوتبال") == 1
    assert project.document_index(document.id, search="فوتبال") == 0  # not listed: where it would be
    project.set_status(second.id, annotator.id, "done")
    assert project.document_index(third.id, status="todo", annotator_id=annotator.id) == 1


def test_annotators(project):
    project.add_annotator("لیلا", role="lead")
    with pytest.raises(ValidationError, match="already exists"):
        project.add_annotator("لیلا")
    with pytest.raises(NotFoundError, match="annotators DB add"):
        project.annotator_by_name("نیما")
    assert project.ensure_annotator("نیما").name == "نیما"


def test_duplicate_text_is_a_no_op(project, document):
    again = add_text(project, document.text)
    assert again.id == document.id and project.count_documents() == 1


def test_tagset_is_stored_in_the_file(tmp_path):
    path = tmp_path / "p.db"
    Project.init(path).close()
    with Project.open(path) as project:
        assert project.tagset.label("QUOTE") is not None
        assert schema_version(project.db) == SCHEMA_VERSION
    with pytest.raises(ValidationError, match="already exists"):
        Project.init(path)


def test_a_stored_tagset_changed_behind_the_service_is_validated_again(tmp_path):
    import json

    from annotator.errors import TagsetError
    from annotator.store import meta as meta_sql

    path = tmp_path / "p.db"
    with Project.init(path) as project:
        data = project.tagset.to_json()
        data["span_labels"][0]["color"] = "not a colour"
        with project.db.atomic():
            meta_sql.put_setting(project.db, "tagset", json.dumps(data, ensure_ascii=False))
    with Project.open(path) as project, pytest.raises(TagsetError, match="#tagset"):
        _ = project.tagset


def test_refuses_foreign_and_corrupt_files(tmp_path):
    text_file = tmp_path / "notes.db"
    text_file.write_text("hello")
    with pytest.raises(ProjectFileError, match="not an SQLite file"):
        Project.open(text_file)
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE x (a)").connection.close()
    with pytest.raises(ProjectFileError, match="not an annotator project"):
        Project.open(other)
    with pytest.raises(ProjectFileError, match="annotator init"):
        Project.open(tmp_path / "missing.db")


def test_refuses_a_newer_schema(tmp_path):
    path = tmp_path / "p.db"
    Project.init(path).close()
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('annotator', '9999_future', 'x')")
    conn.commit()
    conn.close()
    with pytest.raises(ProjectFileError, match="newer version"):
        Project.open(path)


def test_migrations_are_recorded_and_reapplying_is_a_no_op(tmp_path):
    path = tmp_path / "p.db"
    Project.init(path).close()
    with Project.open(path) as project:
        names = [row[0] for row in project.db.execute("SELECT name FROM _sqlite_migrations ORDER BY id")]
    assert len(names) == SCHEMA_VERSION and names == sorted(names)


def test_span_counts_can_leave_suggestions_out(project, annotator, document):
    project.add_span(SpanDraft(document.id, annotator.id, "CUE", (find(document.text, "گفت"),)))
    project.add_span(SpanDraft(document.id, annotator.id, "CUE", (find(document.text, "افزود"),), origin="suggested"))
    assert project.span_counts([document.id])[document.id] == 2
    assert project.span_counts([document.id], include_suggested=False)[document.id] == 1


def test_an_annotator_added_meanwhile_by_another_connection_is_a_readable_error(tmp_path):
    path = tmp_path / "p.db"
    with Project.init(path) as first, Project.open(path) as second:
        second.add_annotator("نیما")
        with pytest.raises(ValidationError, match="already exists"):
            first.add_annotator("نیما")
