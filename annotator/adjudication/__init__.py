"""Adjudication: a lead compares the annotators' versions of a document and decides, unit by
unit, what goes into the gold layer (the annotator ``gold``; every span origin ``adjudicated``).

    review = review_document(project, document_id)        # units, classified, with gold's state
    edit = AcceptIntoGold(review.disagreements[0].versions["مریم"].span.id)
    edit.apply(project); edit.revert(project)             # every decision is undoable and audited

Qt-free; the review window (``ui/review``) pushes these edits on its undo stack.
"""

from annotator.adjudication.edits import (
    ATTRIBUTES,
    LINKS,
    AcceptAllAgreed,
    AcceptIntoGold,
    AcceptLinkIntoGold,
    AcceptPartIntoGold,
    EditGold,
    RejectAll,
    SetAdjudicationStatus,
)
from annotator.adjudication.gold import (
    GOLD,
    Rejection,
    adjudication_counts,
    adjudication_status,
    find_gold,
    gold_annotator,
    gold_spans,
    is_gold,
    is_lead,
    rejections,
    set_adjudication_status,
    start_adjudication,
)
from annotator.adjudication.review import (
    ACCEPTED,
    AGREE,
    ATTRIBUTE,
    BOUNDARY,
    EDITED,
    GOLD_ONLY,
    KINDS,
    LABEL,
    LINK,
    ONLY_SOME,
    OPEN,
    REJECTED,
    SPEAKER,
    Disagreement,
    DocumentReview,
    Version,
    compared_annotators,
    disagreements,
    review_document,
)

__all__ = [
    "ACCEPTED",
    "AGREE",
    "ATTRIBUTE",
    "ATTRIBUTES",
    "BOUNDARY",
    "EDITED",
    "GOLD",
    "GOLD_ONLY",
    "KINDS",
    "LABEL",
    "LINK",
    "LINKS",
    "ONLY_SOME",
    "OPEN",
    "REJECTED",
    "SPEAKER",
    "AcceptAllAgreed",
    "AcceptIntoGold",
    "AcceptLinkIntoGold",
    "AcceptPartIntoGold",
    "Disagreement",
    "DocumentReview",
    "EditGold",
    "RejectAll",
    "Rejection",
    "SetAdjudicationStatus",
    "Version",
    "adjudication_counts",
    "adjudication_status",
    "compared_annotators",
    "disagreements",
    "find_gold",
    "gold_annotator",
    "gold_spans",
    "is_gold",
    "is_lead",
    "rejections",
    "review_document",
    "set_adjudication_status",
    "start_adjudication",
]
