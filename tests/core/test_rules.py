"""The write rules: spans, attributes, relations, actors and completeness, on a tiny inline tagset
and on every built-in tagset."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator import rules
from annotator.errors import ValidationError
from annotator.ids import ActorId, AnnotatorId, DocumentId, RelationId, SpanId
from annotator.model import ActorDraft, Relation, RelationDraft, Span, SpanDraft
from annotator.rules import (
    Problem,
    apply_defaults,
    check_actor,
    check_fragments,
    check_relation,
    check_span,
    missing_required_relations,
    raise_if,
)
from annotator.tagset import AttributeSpec, Tagset, builtin_names, builtin_tagset, parse_tagset

D = {"fa": "نام", "en": "Name"}
TEXT_LENGTH = 100


def enum_attr(name: str, values: list[str], **extra) -> dict:
    return {"name": name, "display": D, "type": "enum",
            "values": [{"name": v, "display": D} for v in values], **extra}


TINY = parse_tagset({
    "name": "tiny", "version": "1",
    "span_labels": [
        {"name": "NOTE", "display": D, "color": "#EEDD88", "shortcut": "N", "allow_fragments": True,
         "attributes": [
             enum_attr("kind", ["A", "B"], required=True),
             {"name": "flag", "display": D, "type": "bool", "default": False},
             {"name": "due", "display": D, "type": "date"},
             {"name": "span", "display": D, "type": "duration"},
             {"name": "note", "display": D, "type": "text"},
             {"name": "who", "display": D, "type": "actor"},
             enum_attr("tone", ["CALM", "LOUD"], required=True, default="CALM"),
         ]},
        {"name": "NAME", "display": D, "color": "#77AADD", "shortcut": "M", "allow_overlap": False,
         "refers_to_actor": "required"},
        {"name": "WORD", "display": D, "color": "#EE8866", "shortcut": "W", "allow_overlap": False},
        {"name": "ITEM", "display": D, "color": "#FFAABB", "shortcut": "I", "refers_to_actor": "optional"},
    ],
    "relation_types": [
        {"name": "LINK", "display": D, "head": ["NOTE"], "tail": ["NAME", "ACTOR"], "max_per_head": 1,
         "required": True, "required_unless": "flag"},
        {"name": "SEE", "display": D, "head": ["NOTE"], "tail": ["NOTE"], "max_per_head": 2,
         "attributes": [enum_attr("weight", ["LOW", "HIGH"])]},
    ],
    "actor_types": [{"name": "PER", "display": D, "subtypes": [{"name": "X", "display": D}]},
                    {"name": "ORG", "display": D}],
    "actor_attributes": [enum_attr("rank", ["LOW", "HIGH"], required=True),
                         {"name": "since", "display": D, "type": "date"}],
}, source="tiny")


def draft(label: str = "NOTE", fragments=((0, 5),), *, annotator: int = 1, attrs=None,
          actor: int | None = None) -> SpanDraft:
    return SpanDraft(DocumentId(1), AnnotatorId(annotator), label, tuple(fragments),
                     attrs={"kind": "A"} if attrs is None and label == "NOTE" else attrs or {},
                     actor_id=ActorId(actor) if actor is not None else None)


def span(span_id: int, label: str = "NOTE", fragments=((0, 5),), *, annotator: int = 1,
         document: int = 1, attrs=None) -> Span:
    return Span(SpanId(span_id), DocumentId(document), AnnotatorId(annotator), label,
                tuple(fragments), attrs=attrs or {})


def codes(problems: list[Problem]) -> list[str]:
    return [p.code for p in problems]


def messages(problems: list[Problem]) -> list[str]:
    return [p.message for p in problems]


# -- spans ---------------------------------------------------------------------------------------


def test_a_valid_span_has_no_problems():
    assert check_span(TINY, draft(fragments=((0, 5), (10, 20))), text_length=TEXT_LENGTH) == []
    assert check_span(TINY, draft("NAME", actor=3), text_length=TEXT_LENGTH) == []


def test_an_unknown_label_is_named():
    problems = check_span(TINY, draft("NOPE"), text_length=TEXT_LENGTH)
    assert messages(problems) == ["'NOPE' is not a label of tagset tiny; use one of NOTE, NAME, WORD, ITEM"]


@pytest.mark.parametrize("fragments, code, message", [
    ((), "no_fragments", "a span needs at least one stretch of text"),
    (((5, 5),), "empty_fragment", "the part 5-5 is empty or reversed; select some text"),
    (((6, 2),), "empty_fragment", "the part 6-2 is empty or reversed; select some text"),
    (((-1, 3),), "out_of_bounds", "the part -1-3 lies outside the text, which has 100 characters"),
    (((90, 101),), "out_of_bounds", "the part 90-101 lies outside the text, which has 100 characters"),
    (((10, 20), (0, 5)), "unsorted_fragments", "the parts 10-20 and 0-5 are out of order; list them by "
                                               "position"),
    (((0, 10), (5, 20)), "overlapping_fragments", "the parts 0-10 and 5-20 overlap; merge them"),
    (((0, 10), (10, 20)), "touching_fragments", "the parts 0-10 and 10-20 touch; make them one part "
                                                "0-20"),
])
def test_bad_fragments(fragments, code, message):
    problems = check_span(TINY, draft(fragments=fragments), text_length=TEXT_LENGTH)
    assert codes(problems) == [code] and messages(problems) == [message]


def test_the_whole_text_is_in_bounds():
    assert check_fragments(((0, TEXT_LENGTH),), text_length=TEXT_LENGTH) == []


@given(st.lists(st.tuples(st.integers(-3, 30), st.integers(-3, 30)), max_size=4))
def test_fragment_rule_matches_its_definition(fragments):
    ok = bool(fragments) and all(0 <= s < e <= 25 for s, e in fragments) and all(
        e1 < s2 for (_, e1), (s2, _) in zip(fragments, fragments[1:]))
    assert (check_fragments(fragments, text_length=25) == []) == ok


def test_fragments_only_where_the_label_allows_them():
    problems = check_span(TINY, draft("WORD", ((0, 5), (10, 20))), text_length=TEXT_LENGTH)
    assert messages(problems) == ["a WORD must be one continuous stretch of text, but this one has 2 parts"]


def test_overlap_is_refused_only_when_both_labels_refuse_it():
    word = span(7, "WORD", ((3, 8),))
    problems = check_span(TINY, draft("NAME", ((0, 5),), actor=1), text_length=TEXT_LENGTH, others=[word])
    assert messages(problems) == ["this NAME overlaps a WORD at 3-8; NAME and WORD spans may not overlap"]
    same = check_span(TINY, draft("WORD", ((4, 6),)), text_length=TEXT_LENGTH, others=[word])
    assert messages(same) == ["this WORD overlaps another WORD at 3-8; WORD spans may not overlap"]
    assert check_span(TINY, draft("WORD", ((4, 6),)), text_length=TEXT_LENGTH,
                      others=[span(8, "NOTE", ((0, 50),))]) == []
    assert check_span(TINY, draft(fragments=((4, 6),)), text_length=TEXT_LENGTH, others=[word]) == []


def test_overlap_ignores_other_annotators_and_touching_spans():
    assert check_span(TINY, draft("WORD", ((4, 6),), annotator=2), text_length=TEXT_LENGTH,
                      others=[span(7, "WORD", ((3, 8),))]) == []
    assert check_span(TINY, draft("WORD", ((8, 12),)), text_length=TEXT_LENGTH,
                      others=[span(7, "WORD", ((3, 8),))]) == []


def test_overlap_looks_at_every_fragment():
    other = span(7, "WORD", ((0, 2), (30, 40)))
    problems = check_span(TINY, draft("WORD", ((35, 36),)), text_length=TEXT_LENGTH, others=[other])
    assert codes(problems) == ["overlap_not_allowed"]


@pytest.mark.parametrize("attrs, message", [
    ({}, "NOTE needs the attribute kind (one of A, B)"),
    ({"kind": "C"}, "NOTE attribute kind must be one of A, B, not 'C'"),
    ({"kind": "A", "flag": "yes"}, "NOTE attribute flag must be true or false, not 'yes'"),
    ({"kind": "A", "due": "2021-13-01"}, "NOTE attribute due must be an ISO 8601 date such as 2021-10-20, "
                                         "not '2021-13-01'"),
    ({"kind": "A", "span": "20D"}, "NOTE attribute span must be an ISO 8601 duration such as P20D or PT2H, "
                                   "not '20D'"),
    ({"kind": "A", "note": 5}, "NOTE attribute note must be text, not 5"),
    ({"kind": "A", "who": True}, "NOTE attribute who must be an actor id (a whole number above 0), not True"),
    ({"kind": "A", "colour": "red"}, "NOTE has no attribute 'colour'; its attributes are kind, flag, due, "
                                     "span, note, who, tone"),
])
def test_bad_attributes(attrs, message):
    assert messages(check_span(TINY, draft(attrs=attrs), text_length=TEXT_LENGTH)) == [message]


def test_attributes_on_a_label_without_any():
    problems = check_span(TINY, draft("WORD", attrs={"x": 1}), text_length=TEXT_LENGTH)
    assert messages(problems) == ["WORD has no attribute 'x'; it has no attributes"]


@pytest.mark.parametrize("value", ["2021-10-20", "1400-07-28"])
def test_valid_dates(value):
    assert check_span(TINY, draft(attrs={"kind": "A", "due": value}), text_length=TEXT_LENGTH) == []


@pytest.mark.parametrize("value", ["P20D", "P1M", "PT2H", "P1Y2M3DT4H5M6S", "P2W", "PT0.5S"])
def test_valid_durations(value):
    assert check_span(TINY, draft(attrs={"kind": "A", "span": value}), text_length=TEXT_LENGTH) == []


@pytest.mark.parametrize("value", ["P", "PT", "P1DT", "20D", "p20d", "P20D/P1M", ""])
def test_invalid_durations(value):
    problems = check_span(TINY, draft(attrs={"kind": "A", "span": value}), text_length=TEXT_LENGTH)
    assert codes(problems) == ["bad_value"]


@pytest.mark.parametrize("value", ["2021-02-30", "20211020", "2021-W40-1", "2021-10-20T10:00", 20211020])
def test_invalid_dates(value):
    problems = check_span(TINY, draft(attrs={"kind": "A", "due": value}), text_length=TEXT_LENGTH)
    assert codes(problems) == ["bad_value"]


def test_a_required_attribute_with_a_default_may_be_left_out_and_none_is_absent():
    assert check_span(TINY, draft(attrs={"kind": "A", "tone": None, "due": None}),
                      text_length=TEXT_LENGTH) == []


def test_apply_defaults_fills_only_what_is_missing():
    assert apply_defaults(TINY, "NOTE", {"kind": "A"}) == {"kind": "A", "flag": False, "tone": "CALM"}
    assert apply_defaults(TINY, "NOTE", {"flag": True, "tone": None}) == {"flag": True, "tone": "CALM"}
    assert apply_defaults(TINY, "NOPE", {"x": 1}) == {"x": 1}
    given_attrs = {"kind": "B"}
    apply_defaults(TINY, "NOTE", given_attrs)
    assert given_attrs == {"kind": "B"}


def test_apply_defaults_for_actors_and_relations():
    tagset = builtin_tagset("fa-news-attribution")
    assert apply_defaults(tagset, "ACTOR", {}) == {"identifiability": "NAMED"}
    assert apply_defaults(tagset, "HAS_CUE", {}) == {}


@pytest.mark.parametrize("label, actor, code, message", [
    ("WORD", 3, "actor_not_allowed", "a WORD does not refer to an actor; remove the actor link"),
    ("NAME", None, "actor_required", "a NAME must refer to an actor; choose one"),
])
def test_actor_links_follow_refers_to_actor(label, actor, code, message):
    problems = check_span(TINY, draft(label, actor=actor), text_length=TEXT_LENGTH)
    assert codes(problems) == [code] and messages(problems) == [message]


def test_an_optional_actor_link_may_be_given_or_not():
    assert check_span(TINY, draft("ITEM", actor=3), text_length=TEXT_LENGTH) == []
    assert check_span(TINY, draft("ITEM"), text_length=TEXT_LENGTH) == []


# -- relations -----------------------------------------------------------------------------------

NOTE = span(1, "NOTE", attrs={"kind": "A"})
NAME = span(2, "NAME", ((10, 15),))
OTHER_NOTE = span(3, "NOTE", ((20, 25),), attrs={"kind": "B"})


def link(kind: str = "LINK", head: int = 1, *, tail_span: int | None = 2, tail_actor: int | None = None,
         attrs=None, annotator: int = 1) -> RelationDraft:
    return RelationDraft(DocumentId(1), AnnotatorId(annotator), kind, SpanId(head),
                         tail_span=SpanId(tail_span) if tail_span is not None else None,
                         tail_actor=ActorId(tail_actor) if tail_actor is not None else None,
                         attrs=attrs or {})


def stored(relation: RelationDraft, relation_id: int = 50) -> Relation:
    return Relation(RelationId(relation_id), relation.document_id, relation.annotator_id, relation.type,
                    relation.head, relation.tail_span, relation.tail_actor, relation.attrs)


def check(relation: RelationDraft, head: Span = NOTE, tail: Span | None = NAME, *, actor_exists=True,
          existing=()) -> list[Problem]:
    return check_relation(TINY, relation, head=head, tail_span=tail, tail_actor_exists=actor_exists,
                          existing=list(existing))


def test_valid_relations_have_no_problems():
    assert check(link()) == []
    assert check(link(tail_span=None, tail_actor=9), tail=None) == []
    assert check(link("SEE", tail_span=3, attrs={"weight": "LOW"}), tail=OTHER_NOTE) == []


def test_an_unknown_relation_type():
    assert messages(check(link("NOPE"))) == [
        "'NOPE' is not a relation type of tagset tiny; use one of LINK, SEE"]


def test_head_and_tail_labels_must_be_allowed():
    assert messages(check(link(head=2), head=NAME, tail=NAME)) == [
        "LINK must start at a NOTE, not at a NAME",
        "a span cannot be linked to itself",
    ]
    assert messages(check(link(tail_span=3), tail=OTHER_NOTE)) == [
        "LINK must point to a NAME or an actor, not to a NOTE"]


def test_an_actor_tail_must_be_allowed_and_exist():
    assert messages(check(link("SEE", tail_span=None, tail_actor=9), tail=None)) == [
        "SEE cannot point to an actor; it points to a NOTE"]
    assert messages(check(link(tail_span=None, tail_actor=9), tail=None, actor_exists=False)) == [
        "actor 9 does not exist"]


def test_exactly_one_tail():
    assert codes(check(link(tail_span=2, tail_actor=9))) == ["tail_count"]
    assert messages(check(link(tail_span=None), tail=None)) == [
        "LINK must point to exactly one span or actor"]
    assert codes(check(link(tail_span=7), tail=None)) == ["no_such_span"]


def test_a_span_cannot_point_to_itself():
    assert codes(check(link("SEE", tail_span=1), tail=NOTE)) == ["self_link"]


def test_both_ends_in_the_same_document_and_from_the_same_annotator():
    elsewhere = span(2, "NAME", ((10, 15),), document=2)
    assert messages(check(link(), tail=elsewhere)) == ["both ends of a link must be in the same document"]
    someone_else = span(2, "NAME", ((10, 15),), annotator=2)
    assert messages(check(link(), tail=someone_else)) == [
        "both ends of a link must be spans of the annotator making it"]
    assert codes(check(link(annotator=2))) == ["other_annotator"]


def test_cardinality_counts_existing_links_of_that_type_from_that_head():
    first = stored(link(tail_span=None, tail_actor=9))
    assert messages(check(link(), existing=[first])) == [
        "this NOTE already has 1 LINK link and may have at most 1; remove it first"]
    from_elsewhere = stored(link(head=3, tail_span=None, tail_actor=9))
    other_type = stored(link("SEE", tail_span=3))
    assert check(link(), existing=[from_elsewhere, other_type]) == []
    two = [stored(link("SEE", tail_span=3), 1), stored(link("SEE", tail_span=4), 2)]
    assert codes(check(link("SEE", tail_span=5), tail=span(5, "NOTE"))) == []
    assert codes(check(link("SEE", tail_span=5), tail=span(5, "NOTE"), existing=two)) == ["too_many"]


def test_a_duplicate_link_is_refused():
    existing = [stored(link("SEE", tail_span=3))]
    problems = check(link("SEE", tail_span=3), tail=OTHER_NOTE, existing=existing)
    assert messages(problems) == ["this SEE link already exists"]


def test_relation_attributes_are_checked():
    assert messages(check(link("SEE", tail_span=3, attrs={"weight": "HUGE"}), tail=OTHER_NOTE)) == [
        "SEE attribute weight must be one of LOW, HIGH, not 'HUGE'"]


def test_missing_required_relations():
    quiet = span(4, "NOTE", ((30, 35),), attrs={"kind": "A", "flag": True})
    spans = [NOTE, NAME, OTHER_NOTE, quiet]
    relations = [stored(link())]
    problems = missing_required_relations(TINY, spans, relations)
    assert problems == [Problem("missing_relation", "the NOTE at 20-25 has no LINK link", SpanId(3))]
    assert missing_required_relations(TINY, [NOTE], []) == [
        Problem("missing_relation", "the NOTE at 0-5 has no LINK link", SpanId(1))]


# -- actors --------------------------------------------------------------------------------------


def test_a_valid_actor():
    assert check_actor(TINY, ActorDraft("علیرضا زاکانی", "PER", "X", attrs={"rank": "HIGH"})) == []
    municipality = ActorDraft("شهرداری تهران", "ORG", attrs={"rank": "LOW", "since": "2021-08-01"})
    assert check_actor(TINY, municipality) == []


@pytest.mark.parametrize("actor, message", [
    (ActorDraft(" ", "PER", attrs={"rank": "LOW"}), "an actor needs a name"),
    (ActorDraft("x", "PER", aliases=("",), attrs={"rank": "LOW"}), "an actor's aliases must not be empty"),
    (ActorDraft("x", "LOC", attrs={"rank": "LOW"}), "'LOC' is not an actor type; use one of PER, ORG"),
    (ActorDraft("x", "PER", "Y", attrs={"rank": "LOW"}), "'Y' is not a subtype of PER; use one of X"),
    (ActorDraft("x", "ORG", "X", attrs={"rank": "LOW"}),
     "ORG actors have no subtypes; leave the subtype empty"),
    (ActorDraft("x", "PER"), "the actor needs the attribute rank (one of LOW, HIGH)"),
    (ActorDraft("x", "PER", attrs={"rank": "MID"}),
     "the actor attribute rank must be one of LOW, HIGH, not 'MID'"),
    (ActorDraft("x", "PER", attrs={"rank": "LOW", "age": 3}),
     "the actor has no attribute 'age'; its attributes are rank, since"),
])
def test_bad_actors(actor, message):
    assert messages(check_actor(TINY, actor)) == [message]


def test_actors_in_a_tagset_without_actor_types():
    problems = check_actor(builtin_tagset("ner-basic"), ActorDraft("x", "PER"))
    assert messages(problems) == ["'PER' is not an actor type; tagset ner-basic has no actor types"]


# -- raising -------------------------------------------------------------------------------------


def test_raise_if_lists_every_message_and_passes_when_empty():
    raise_if([])
    with pytest.raises(ValidationError) as caught:
        raise_if(check_span(TINY, draft(fragments=((5, 5),), attrs={"kind": "C"}), text_length=TEXT_LENGTH))
    assert str(caught.value).splitlines() == [
        "the part 5-5 is empty or reversed; select some text",
        "NOTE attribute kind must be one of A, B, not 'C'",
    ]


# -- every built-in tagset -----------------------------------------------------------------------


def sample_value(spec: AttributeSpec):
    return {"enum": spec.value_names[:1] and spec.value_names[0], "bool": True, "text": "متن",
            "date": "2021-10-20", "duration": "P20D", "actor": 1}[spec.type]


def valid_span(tagset: Tagset, label: str, span_id: int, start: int) -> Span:
    spec = tagset.label(label)
    attrs = {a.name: sample_value(a) for a in spec.attributes}
    for rt in tagset.relations_from(label):  # so that completeness counts every required relation
        if rt.required_unless:
            attrs[rt.required_unless] = False
    return Span(SpanId(span_id), DocumentId(1), AnnotatorId(1), label, ((start, start + 5),), attrs=attrs,
                actor_id=ActorId(1) if spec.refers_to_actor == "required" else None)


@pytest.mark.parametrize("name", builtin_names())
def test_rules_run_on_every_builtin_tagset(name):
    tagset = builtin_tagset(name)
    spans = [valid_span(tagset, label, i + 1, i * 10) for i, label in enumerate(tagset.label_names)]
    for s in spans:
        others = [o for o in spans if o is not s]
        assert check_span(tagset, s.draft(), text_length=TEXT_LENGTH, others=others) == []
        assert codes(check_span(tagset, s.draft(), text_length=3)) == ["out_of_bounds"]
    by_label = {s.label: s for s in spans}
    for rt in tagset.relation_types:
        head = by_label[rt.head[0]]
        tail = by_label.get(rt.tail_labels[0]) if rt.tail_labels else None
        if tail is None or tail.id == head.id:
            continue
        relation = RelationDraft(DocumentId(1), AnnotatorId(1), rt.name, head.id, tail_span=tail.id)
        assert check_relation(tagset, relation, head=head, tail_span=tail, tail_actor_exists=False,
                              existing=[]) == []
    required = [rt for rt in tagset.relation_types if rt.required]
    assert len(missing_required_relations(tagset, spans, [])) == sum(len(rt.head) for rt in required)
    for actor_type in tagset.actor_types:
        attrs = apply_defaults(tagset, "ACTOR", {})
        assert check_actor(tagset, ActorDraft("نام", actor_type.name, attrs=attrs)) == []


def test_the_default_tagset_gives_the_documented_message():
    tagset = builtin_tagset("fa-news-attribution")
    quote = SpanDraft(DocumentId(1), AnnotatorId(1), "QUOTE", ((0, 5),))
    assert messages(check_span(tagset, quote, text_length=10)) == [
        "QUOTE needs the attribute quote_type (one of DIRECT, INDIRECT, MIXED)"]


def test_a_continuation_quote_needs_no_cue():
    tagset = builtin_tagset("fa-news-attribution")
    quote = span(1, "QUOTE", attrs={"quote_type": "DIRECT", "continuation": True})
    assert [p.message for p in missing_required_relations(tagset, [quote], [])] == [
        "the QUOTE at 0-5 has no ATTRIBUTED_TO link"]


@pytest.mark.parametrize("module", ["rules.py", "tagset.py", "tagset_checks.py"])
def test_nothing_is_hard_wired_to_one_tagset(module):
    source = (Path(__file__).resolve().parents[2] / "annotator" / module).read_text(encoding="utf-8")
    for name in ("QUOTE", "ATTRIBUTED_TO", "COMMITMENT"):
        assert name not in source, (module, name)


def test_problem_is_a_small_frozen_value():
    problem = Problem("x", "y")
    assert problem.span_id is None
    with pytest.raises(AttributeError):
        problem.code = "z"  # type: ignore[misc]
    assert rules.Problem is Problem
