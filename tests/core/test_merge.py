"""Merging annotators' databases back: first merge, idempotence, re-merge after edits, actors,
statuses, added documents, cancellation. Refusals are in test_merge_refusals.py."""

from __future__ import annotations

import hashlib

import pytest

from annotator.handout.merge import MergeError, merge_databases
from annotator.model import ActorDraft, RelationDraft, SpanDraft
from annotator.project import Project
from annotator.tagset import default_tagset, parse_tagset
from tests.core.conftest import add_text
from tests.core.test_package import TEXTS, annotate, docs, make_lead, package, state
from tests.core.test_project import find


@pytest.fixture
def lead(tmp_path):
    with make_lead(tmp_path) as project:
        yield project


def digest(path) -> str | None:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else None


def layer(project, document_id, name):
    """An annotator's layer in comparable form: spans and relations without ids or timestamps."""
    annotator = project.annotator_by_name(name)
    spans = project.spans(document_id, annotator_id=annotator.id)
    names = {a.id: (a.name, a.type) for a in project.actors()}
    by_id = {s.id: (s.label, s.fragments) for s in spans}
    return (
        sorted((s.label, s.fragments, sorted(s.attrs.items()), s.origin, names.get(s.actor_id)) for s in spans),
        sorted((r.type, by_id[r.head], by_id.get(r.tail_span), names.get(r.tail_actor))
               for r in project.relations(document_id, annotator_id=annotator.id)),
    )


@pytest.fixture
def worked(lead, tmp_path):
    """Maryam's package after a session: a new mention of a new actor, a cue, status done."""
    _, second, _ = docs(lead)
    path = package(lead, tmp_path)
    with Project.open(path) as work:
        maryam = work.annotator_by_name("مریم")
        speaker, _ = work.add_actor(ActorDraft(name="وزیر نیرو", type="PER"))
        mention, _ = work.add_span(SpanDraft(second.id, maryam.id, "ACTOR_MENTION",
                                             (find(second.text, "وزیر نیرو"),), actor_id=speaker.id))
        quote, _ = work.add_span(SpanDraft(second.id, maryam.id, "QUOTE",
                                           (find(second.text, "سد تا پایان سال آماده می‌شود."),),
                                           {"quote_type": "DIRECT"}))
        work.add_relation(RelationDraft(second.id, maryam.id, "ATTRIBUTED_TO", quote.id, tail_span=mention.id))
        work.set_status(second.id, maryam.id, "done")
        work.add_time(second.id, maryam.id, 300)
    return path


def test_first_merge_brings_the_work_and_keeps_others_untouched(lead, worked, tmp_path):
    first, second, _ = docs(lead)
    ali_before = layer(lead, first.id, "علی")
    report = merge_databases(lead, [worked])
    counts = report.annotators["مریم"]
    assert (counts.documents, counts.documents_changed) == (2, 1)
    assert (counts.spans_added, counts.spans_removed, counts.spans_unchanged) == (2, 0, 3)
    assert (counts.relations_added, counts.relations_removed, counts.relations_unchanged) == (1, 0, 2)
    assert counts.status_updated == 1 and report.actors_added == 1 and report.changed
    with Project.open(worked) as work:
        assert layer(lead, second.id, "مریم") == layer(work, second.id, "مریم")
        maryam = work.annotator_by_name("مریم")
        theirs = work.status(second.id, maryam.id)
    ours = lead.status(second.id, lead.annotator_by_name("مریم").id)
    assert (ours.status, ours.seconds_spent, ours.updated_at) == ("done", theirs.seconds_spent, theirs.updated_at)
    assert layer(lead, first.id, "علی") == ali_before
    assert report.backup is not None and report.backup.exists()
    assert [a.name for a in lead.actors() if a.name == "وزیر نیرو"] == ["وزیر نیرو"]
    entries = [e for e in lead.audit_log() if e.action == "merge"]
    assert {e.entity for e in entries} == {"layer", "project"}


def test_merging_the_same_file_twice_changes_nothing(lead, worked):
    digest_before = digest(worked)
    merge_databases(lead, [worked])
    after_first = state(lead.db)
    report = merge_databases(lead, [worked])
    assert state(lead.db) == after_first
    assert not report.changed and report.backup is None
    counts = report.annotators["مریم"]
    assert counts.documents_changed == 0 and counts.spans_added == counts.spans_removed == 0
    assert counts.relations_added == counts.relations_removed == 0 and counts.status_updated == 0
    assert report.actors_added == 0 and report.actors_aliases_updated == 0
    assert any("nothing changed" in line for line in report.lines())
    assert digest(worked) == digest_before  # the annotator's file is only read


def test_remerge_after_further_edits_replaces_that_annotators_layer(lead, worked):
    first, second, _ = docs(lead)
    merge_databases(lead, [worked])
    maryam = lead.annotator_by_name("مریم")
    kept_cue = next(s for s in lead.spans(first.id, annotator_id=maryam.id) if s.label == "CUE")
    ali_before = layer(lead, first.id, "علی")
    with Project.open(worked) as work:
        me = work.annotator_by_name("مریم")
        quote = next(s for s in work.spans(first.id, annotator_id=me.id) if s.label == "QUOTE")
        work.update_span(quote.id, attrs={"quote_type": "MIXED"})  # an edit: one out, one in
        mention = next(s for s in work.spans(second.id, annotator_id=me.id) if s.label == "ACTOR_MENTION")
        work.delete_span(mention.id)  # and its link goes with it
        work.add_span(SpanDraft(second.id, me.id, "CUE", (find(second.text, "اعلام کرد"),)))
        expected = {d: layer(work, d, "مریم") for d in (first.id, second.id)}
    report = merge_databases(lead, [worked])
    counts = report.annotators["مریم"]
    assert (counts.spans_added, counts.spans_removed) == (2, 2)
    assert counts.documents_changed == 2
    assert {d: layer(lead, d, "مریم") for d in (first.id, second.id)} == expected
    assert lead.span(kept_cue.id) == kept_cue  # unchanged spans keep their ids
    assert layer(lead, first.id, "علی") == ali_before
    assert not merge_databases(lead, [worked]).changed


def test_a_status_changed_by_the_lead_later_is_kept(lead, worked):
    _, second, _ = docs(lead)
    merge_databases(lead, [worked])
    maryam = lead.annotator_by_name("مریم")
    lead.db.execute("UPDATE document_status SET status = 'in_progress', updated_at = '2999-01-01T00:00:00+00:00'"
                    " WHERE document_id = ? AND annotator_id = ?", [second.id, maryam.id])
    report = merge_databases(lead, [worked])
    assert report.annotators["مریم"].status_updated == 0
    assert lead.status(second.id, maryam.id).status == "in_progress"


def test_new_annotator_is_created_with_the_same_role(lead, tmp_path):
    lead_file = tmp_path / "other-project.db"
    with Project.init(lead_file) as other:
        reviewer = other.add_annotator("نیما", role="lead")
        document = add_text(other, TEXTS[0])
        other.add_span(SpanDraft(document.id, reviewer.id, "CUE", (find(document.text, "گفت"),)))
    report = merge_databases(lead, [lead_file])
    assert report.annotators["نیما"].created
    nima = lead.annotator_by_name("نیما")
    assert nima.role == "lead"
    assert [s.label for s in lead.spans(docs(lead)[0].id, annotator_id=nima.id)] == ["CUE"]


def test_actors_reconcile_by_name_and_type(lead, tmp_path):
    """A file made apart (other actor ids): same name+type merges, aliases unite, mentions follow;
    same name with another type, and new names, are added; unused new actors are not."""
    path = tmp_path / "apart.db"
    with Project.init(path) as other:
        sara = other.add_annotator("سارا")
        other.add_actor(ActorDraft(name="بی‌کار", type="PER"))  # unused: not brought over
        group, _ = other.add_actor(ActorDraft(name="شهرداری تهران", type="GROUP"))  # another type
        mayor, _ = other.add_actor(ActorDraft(name="شهردار تهران", type="PER", aliases=("زاکانی", "شهردار")))
        document = add_text(other, TEXTS[0])
        annotate(other, document, sara, actor=mayor)
        other.add_span(SpanDraft(document.id, sara.id, "ACTOR_MENTION", (find(document.text, "تهران"),),
                                 actor_id=group.id))
        assert mayor.id != lead.actors(search="شهردار تهران")[0].id
    report = merge_databases(lead, [path])
    assert (report.actors_matched, report.actors_added, report.actors_unused) == (1, 1, 1)
    assert report.actors_aliases_updated == 1
    target = next(a for a in lead.actors() if a.name == "شهردار تهران")
    assert target.aliases == ("شهردار", "زاکانی")
    assert {(a.name, a.type) for a in lead.actors()} == {
        ("شهردار تهران", "PER"), ("شهرداری تهران", "ORG"), ("شهرداری تهران", "GROUP")}
    sara_id = lead.annotator_by_name("سارا").id
    mentions = [s for s in lead.spans(docs(lead)[0].id, annotator_id=sara_id) if s.label == "ACTOR_MENTION"]
    linked = {lead.actor(s.actor_id).type for s in mentions}
    assert linked == {"PER", "GROUP"} and target.id in {s.actor_id for s in mentions}
    assert not merge_databases(lead, [path]).changed


def test_actors_spelled_apart_or_sharing_a_kb_id_are_one_actor(lead, tmp_path):
    """Files made apart spell the mayor with Arabic ي and a ZWNJ, or name him otherwise but with
    the project's kb id; a new actor two files spell differently is added once."""
    lead.update_actor(lead.actors(search="شهردار تهران")[0].id, kb_id="Q1")
    paths = []
    for name, spelled, kb_id, newcomer in [("سارا", "شهردار  تهران", None, "علیرضا زاکانی"),
                                           ("نرگس", "زاکانی", "Q1", "علی‌رضا زاکاني")]:
        path = tmp_path / f"{name}.db"
        with Project.init(path) as other:
            person = other.add_annotator(name)
            mayor, _ = other.add_actor(ActorDraft(name=spelled, type="PER", kb_id=kb_id))
            new, _ = other.add_actor(ActorDraft(name=newcomer, type="PER"))
            document = add_text(other, TEXTS[0])
            annotate(other, document, person, actor=mayor)
            other.add_span(SpanDraft(document.id, person.id, "ACTOR_MENTION", (find(document.text, "تهران"),),
                                     actor_id=new.id))
        paths.append(path)
    report = merge_databases(lead, paths)
    assert (report.actors_matched, report.actors_added) == (2, 1)
    mayor = next(a for a in lead.actors() if a.kb_id == "Q1")
    assert mayor.name == "شهردار تهران" and set(mayor.aliases) >= {"شهردار  تهران", "زاکانی"}
    [newcomer] = [a for a in lead.actors() if "زاکان" in a.name and a.id != mayor.id]
    assert newcomer.name == "علیرضا زاکانی" and "علی‌رضا زاکاني" in newcomer.aliases


def test_the_name_key_forgives_spelling_but_not_other_words():
    from annotator.actor_names import name_key

    assert name_key("محمدباقر قالیباف") == name_key("محمد‌باقر  قاليباف") == name_key("«محمد باقر قالیباف»")
    assert name_key("Hamid Rezaei") == name_key("hamid rezaei")
    assert name_key("وزیر نیرو") != name_key("وزیر نفت")
    assert name_key("شهردار تهران") != name_key("شهرداری تهران")


def actor_attribute_tagset():
    data = default_tagset().to_json()
    for label in data["relation_types"]:
        if label["name"] == "ATTRIBUTED_TO":
            label["attributes"] = [{"name": "on_behalf_of", "display": {"fa": "از طرف", "en": "on behalf of"},
                                    "type": "actor", "required": False}]
    return parse_tagset(data)


def test_actor_typed_attributes_and_actor_tails_follow_the_mapping(tmp_path):
    tagset = actor_attribute_tagset()
    with Project.init(tmp_path / "lead.db", tagset=tagset) as lead_project:
        lead_project.add_actor(ActorDraft(name="کسی", type="PER"))
        city, _ = lead_project.add_actor(ActorDraft(name="شهرداری تهران", type="ORG"))
        add_text(lead_project, TEXTS[0])
        with Project.init(tmp_path / "other.db", tagset=tagset) as other:
            ann = other.add_annotator("مریم")
            org, _ = other.add_actor(ActorDraft(name="شهرداری تهران", type="ORG"))
            document = add_text(other, TEXTS[0])
            quote, _ = other.add_span(SpanDraft(document.id, ann.id, "QUOTE", (find(document.text, "ما این کار"),),
                                                {"quote_type": "DIRECT"}))
            other.add_relation(RelationDraft(document.id, ann.id, "ATTRIBUTED_TO", quote.id, tail_actor=org.id,
                                             attrs={"on_behalf_of": org.id}))
            assert org.id != city.id
        merge_databases(lead_project, [tmp_path / "other.db"])
        (relation,) = lead_project.relations(document.id)
        assert relation.tail_actor == city.id and relation.attrs == {"on_behalf_of": city.id}
        assert not merge_databases(lead_project, [tmp_path / "other.db"]).changed


def test_unknown_documents_are_added_on_request(lead, tmp_path):
    path = tmp_path / "new-doc.db"
    with Project.init(path) as other:
        maryam = other.add_annotator("مریم")
        document = add_text(other, "خبر تازه: رئیس سازمان گفت کار ادامه دارد.")
        other.add_span(SpanDraft(document.id, maryam.id, "CUE", (find(document.text, "گفت"),)))
        tokens = other.tokenization(document.id)
    with pytest.raises(MergeError, match="not in this project.*--add-documents"):
        merge_databases(lead, [path])
    report = merge_databases(lead, [path], add_documents=True)
    assert report.documents_added == 1
    added = lead.document(lead.document_ids()[-1])
    assert added.uid == document.uid and lead.tokenization(added.id) == tokens
    assert lead.count_documents(search="تازه") == 1
    assert [s.label for s in lead.spans(added.id)] == ["CUE"]
    assert not merge_databases(lead, [path], add_documents=True).changed


def test_two_files_with_the_same_layer_are_refused(lead, worked, tmp_path):
    copy = tmp_path / "copy.db"
    copy.write_bytes(worked.read_bytes())
    with pytest.raises(MergeError, match="both hold مریم's annotations"):
        merge_databases(lead, [worked, copy])


def test_several_files_in_one_merge(lead, worked, tmp_path):
    ali_file = package(lead, tmp_path, name="علی", ids=[docs(lead)[2].id], file="ali.db")
    with Project.open(ali_file) as work:
        third = docs(work)[0]
        work.add_span(SpanDraft(third.id, work.annotator_by_name("علی").id, "CUE", (find(third.text, "گفت"),)))
    report = merge_databases(lead, [worked, ali_file])
    assert report.annotators["علی"].spans_added == 1 and report.annotators["مریم"].spans_added == 2


@pytest.mark.parametrize("answered_no", range(5))
def test_cancelled_merge_writes_nothing_and_reports_progress(lead, worked, answered_no):
    """Polls: one per file read, one per layer checked, one before writing, then while writing."""
    before = state(lead.db)
    seen = []
    polls = iter([False] * answered_no)
    report = merge_databases(lead, [worked], progress=lambda *step: seen.append(step),
                             cancelled=lambda: next(polls, True))
    assert report.cancelled and state(lead.db) == before and report.backup is None
    assert seen and seen[0][2].startswith("reading")


def test_in_memory_project_merges_without_backup(worked, tmp_path):
    with Project.open(":memory:") as memory:
        for text in TEXTS:
            add_text(memory, text)
        report = merge_databases(memory, [worked])
    assert report.backup is None and report.annotators["مریم"].spans_added == 5


def test_an_emptied_layer_in_a_package_empties_the_projects(lead, worked):
    first, _, _ = docs(lead)
    merge_databases(lead, [worked])
    with Project.open(worked) as work:
        me = work.annotator_by_name("مریم")
        for span in work.spans(first.id, annotator_id=me.id):
            work.delete_span(span.id)
    report = merge_databases(lead, [worked])
    assert report.annotators["مریم"].spans_removed == 3 and report.annotators["مریم"].relations_removed == 2
    assert lead.spans(first.id, annotator_id=lead.annotator_by_name("مریم").id) == []
    assert len(lead.spans(first.id, annotator_id=lead.annotator_by_name("علی").id)) == 3


def test_a_file_from_an_older_version_is_merged_and_left_as_it_was(lead, worked, tmp_path):
    import sqlite3

    older = tmp_path / "older.db"
    older.write_bytes(worked.read_bytes())
    conn = sqlite3.connect(older)
    conn.executescript("DELETE FROM _sqlite_migrations WHERE name = '0004_assignments';"
                       "DROP TABLE assignments; DROP TABLE adjudication;")
    conn.close()
    before = digest(older)
    report = merge_databases(lead, [older])
    assert report.annotators["مریم"].spans_added == 2 and digest(older) == before
