"""CoNLL import: tag schemes, documents, columns, bad lines, a tagset from the tags, our own
export read back, and two annotators' files compared by agreement."""

from __future__ import annotations

import pytest

from annotator.agreement import compute_agreement
from annotator.errors import InputError
from annotator.interchange import import_annotations, read_documents
from annotator.interchange.conll import _spans, tagset_from_conll
from annotator.project import Project

# Written for these tests: two short Persian "tweets", a ZWNJ word and a nested organisation name.
ANNOTATOR_A = """\
علی\tB-PER
رضایی\tI-PER
به\tO
شیراز\tB-LOC
رفت\tO
.\tO

شهرداری\tB-ORG
تهران\tI-ORG
می‌گوید\tO

مریم\tB-PER
آمد\tO
"""
ANNOTATOR_B = """\
علی\tB-PER
رضایی\tI-PER
به\tO
شیراز\tO
رفت\tO
.\tO

شهرداری\tB-ORG
تهران\tB-LOC
می‌گوید\tO

مریم\tO
آمد\tO
"""


def tokens(*tags: str) -> list[tuple[int, int, str, int]]:
    return [(2 * i, 2 * i + 1, tag, i + 1) for i, tag in enumerate(tags)]


@pytest.mark.parametrize(
    ("tags", "expected"),
    [
        (("B-PER", "I-PER", "O", "B-LOC"), [("PER", 0, 3), ("LOC", 6, 7)]),
        (("I-PER", "I-PER", "I-LOC", "B-LOC"), [("PER", 0, 3), ("LOC", 4, 5), ("LOC", 6, 7)]),  # IOB1
        (("B-ORG", "E-ORG", "S-PER", "U-LOC"), [("ORG", 0, 3), ("PER", 4, 5), ("LOC", 6, 7)]),  # BIOES, BILOU
        (("PER", "PER", "O", "LOC"), [("PER", 0, 3), ("LOC", 6, 7)]),  # IO
        (("B_PER", "I_PER", "B-PER", "L-PER"), [("PER", 0, 3), ("PER", 4, 7)]),
    ],
)
def test_tag_schemes(tags, expected):
    assert [(label, s, e) for label, s, e, _ in _spans(tokens(*tags))] == expected


def test_a_file_without_document_marks_gives_one_document_per_sentence(tmp_path):
    path = tmp_path / "a.conll"
    path.write_text(ANNOTATOR_A, encoding="utf-8")
    first, second, _ = read_documents([path], "conll")
    assert first.text == "علی رضایی به شیراز رفت ."
    assert [(s.label, first.text[s.fragments[0][0]:s.fragments[0][1]]) for s in first.spans] == [
        ("PER", "علی رضایی"), ("LOC", "شیراز")]
    assert second.text == "شهرداری تهران می‌گوید" and second.line == 8


def test_docstart_groups_sentences_and_the_last_of_four_columns_is_the_tag(tmp_path):
    path = tmp_path / "c03.txt"
    path.write_text("-DOCSTART- -X- -X- O\n\nوزیر NN B-NP O\nنیرو NN I-NP O\nگفت VB B-VP O\n\n"
                    "سد NN B-NP B-FAC\nکرج NN I-NP I-FAC\n\n-DOCSTART- -X- -X- O\n\nپایان NN B-NP O\n",
                    encoding="utf-8")
    first, second = read_documents([path], "conll")
    assert first.text == "وزیر نیرو گفت\nسد کرج" and second.text == "پایان"
    assert [(s.label, s.fragments) for s in first.spans] == [("FAC", [(14, 20)])]


def test_a_line_without_a_tag_is_refused_with_its_line(tmp_path):
    path = tmp_path / "bad.conll"
    path.write_text("علی\tB-PER\nرضایی\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"bad.conll:2: expected a token and its tag"):
        read_documents([path], "conll")
    empty = tmp_path / "empty.conll"
    empty.write_text("\n\n# nothing\n", encoding="utf-8")
    with pytest.raises(InputError, match="no tokens found"):
        read_documents([empty], "conll")


def test_a_tagset_from_the_tags(tmp_path):
    path = tmp_path / "a.conll"
    path.write_text(ANNOTATOR_A, encoding="utf-8")
    tagset = tagset_from_conll(path)
    assert [label.name for label in tagset.span_labels] == ["PER", "LOC", "ORG"]
    assert len({label.shortcut for label in tagset.span_labels}) == 3 and tagset.name == "a"


def test_two_annotators_files_are_compared_even_where_one_marked_nothing(tmp_path):
    """«مریم» is a PER for one annotator and nothing for the other: that document is compared
    too (an imported file is the annotator's finished work), so the miss counts."""
    for name, body in (("a", ANNOTATOR_A), ("b", ANNOTATOR_B)):
        (tmp_path / f"{name}.conll").write_text(body, encoding="utf-8")
    with Project.init(tmp_path / "p.db", tagset=tagset_from_conll(tmp_path / "a.conll")) as project:
        import_annotations(project, [tmp_path / "a.conll"], fmt="conll", annotator="الف")
        report = import_annotations(project, [tmp_path / "b.conll"], fmt="conll", annotator="ب")
        assert report.new_documents == 0, "the same tokens make the same documents"
        figures = compute_agreement(project).to_json()
    assert figures["documents_compared"] == 3 and figures["documents_skipped"] == 0
    per = figures["labels"]["PER"]
    assert (per["matched"], per["only_a"], per["only_b"]) == (1, 1, 0)
    assert per["f1_exact"] == pytest.approx(2 / 3)


def test_our_own_export_reads_back(project, annotator, document, tmp_path):
    from annotator.exporters import export_project
    from annotator.model import SpanDraft
    from tests.core.test_project import find

    project.add_span(SpanDraft(document.id, annotator.id, "ACTOR_MENTION", (find(document.text, "شهردار تهران"),),
                               attrs={"mention_type": "NOM"}))
    project.add_span(SpanDraft(document.id, annotator.id, "CUE", (find(document.text, "گفت"),)))
    export_project(project, tmp_path / "out", format="conll", layer=annotator.name)
    [read] = read_documents([tmp_path / "out" / "data.conll"], "conll")
    assert read.annotator == annotator.name
    assert sorted((s.label, read.text[s.fragments[0][0]:s.fragments[0][1]]) for s in read.spans) == [
        ("ACTOR_MENTION", "شهردار تهران"), ("CUE", "گفت")]
