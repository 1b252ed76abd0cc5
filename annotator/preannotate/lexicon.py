"""The cue lexicon, as data: Persian speech verbs and phrases with their tense, negation and
light-verb variants, keyed by a spelling-insensitive form of the words.

Every entry is expanded into the surface forms news prose uses («گفت»، «نگفت»، «گفته است»،
«می‌گوید»، «خواهد گفت» ...; «تاکید کرد»، «تأکید کرده است»، «تاکید نمود» ...). :func:`key`
folds a form so that ZWNJ, spaces and hamza spellings do not matter: «می‌گوید» and «می گوید»,
«تأکید» and «تاکید» meet on one key, and a cue is matched on the project's tokens by joining
the keys of consecutive tokens (see :mod:`annotator.preannotate.cues`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

SPEECH, WRITING, THOUGHT = "SPEECH", "WRITING", "THOUGHT"
VERB, NOUN_PHRASE, ACCORDING_TO = "VERB", "NOUN_PHRASE", "ACCORDING_TO"

# How a cue introduces what was said (see detect.py):
INTRO_VERB = "verb"  # «گفت: ...»، «گفت که ...»، «گفت، «...»»
INTRO_CLAUSE = "clause"  # «با بیان اینکه ...، گفت»: a که-clause before the main verb
INTRO_SUMMARY = "summary"  # «با اشاره به ...»: a noun phrase that sums up what was said
INTRO_ACCORDING = "according"  # «به گفته X، ...»: X is the speaker
INTRO_AGENCY = "agency"  # «به گزارش X، ...»: X is the medium, not the speaker


@dataclass(frozen=True, slots=True)
class CueForm:
    """One surface form of a cue: what it means and how much to trust it."""

    lemma: str
    medium: str
    kind: str
    intro: str
    tense: str  # past, perfect, pluperfect, present, progressive, future, phrase
    negated: bool
    score: float
    words: int  # how many words the form has (a split light verb keeps its noun apart)


_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "ٱ": "ا", "ؤ": "و", "ئ": "ی", "ة": "ه", "ۀ": "ه",
                       "ي": "ی", "ك": "ک", "ـ": "", "\u200c": "", "\u200d": "", " ": ""})
_MARKS = re.compile("[\u064b-\u065f\u0670]")


@lru_cache(maxsize=65536)
def key(text: str) -> str:
    """The matching key of a word or phrase: no spaces, ZWNJ, harakat or hamza spelling."""
    return _MARKS.sub("", text.translate(_FOLD))


# -- verbs -------------------------------------------------------------------------------------
# (past stem, present 3rd person singular, plural): light verbs and simple speech verbs.
_KARD = ("کرد", "کند", "کنند")
_NAMUD = ("نمود", "نماید", "نمایند")
_DASHT = ("داشت", "دارد", "دارند")
_DAD = ("داد", "دهد", "دهند")
_SHOD = ("شد", "شود", "شوند")
_SAKHT = ("ساخت", "سازد", "سازند")

# simple verbs: lemma -> (stems, medium, score, irregular negative past)
SIMPLE_VERBS = {
    "گفتن": (("گفت", "گوید", "گویند"), SPEECH, 0.9, "نگفت"),
    "افزودن": (("افزود", "افزاید", "افزایند"), SPEECH, 0.9, "نیفزود"),
    "نوشتن": (("نوشت", "نویسد", "نویسند"), WRITING, 0.8, "ننوشت"),
    "پرسیدن": (("پرسید", "پرسد", "پرسند"), SPEECH, 0.7, "نپرسید"),
}

# light-verb compounds: noun -> (light verbs, medium, score)
_SAY = (_KARD, _NAMUD)
COMPOUNDS = {
    "تاکید": (_SAY, SPEECH, 0.9), "بیان": (_SAY + (_DASHT,), SPEECH, 0.9),
    "تصریح": (_SAY, SPEECH, 0.9), "عنوان": (_SAY, SPEECH, 0.85), "اعلام": (_SAY + (_DASHT,), SPEECH, 0.85),
    "اضافه": (_SAY, SPEECH, 0.85), "خاطرنشان": (_SAY + (_SAKHT,), SPEECH, 0.9),
    "خاطر نشان": (_SAY + (_SAKHT,), SPEECH, 0.9), "اظهار": (_SAY + (_DASHT,), SPEECH, 0.9),
    "تشریح": (_SAY, SPEECH, 0.75), "اذعان": (_SAY + (_DASHT,), SPEECH, 0.8), "ابراز": (_SAY + (_DASHT,), SPEECH, 0.75),
    "اعتراف": (_SAY, SPEECH, 0.75), "ادعا": (_SAY, SPEECH, 0.8), "یادآوری": (_SAY, SPEECH, 0.8),
    "توصیه": (_SAY, SPEECH, 0.7), "تایید": (_SAY, SPEECH, 0.7), "تکذیب": (_SAY, SPEECH, 0.7),
    "پیش‌بینی": (_SAY, SPEECH, 0.65), "اظهار امیدواری": (_SAY, SPEECH, 0.8),
    "ابراز امیدواری": (_SAY, SPEECH, 0.8), "ابراز نگرانی": (_SAY, SPEECH, 0.7),
    "ادامه": ((_DAD,), SPEECH, 0.9), "توضیح": ((_DAD,), SPEECH, 0.9), "هشدار": ((_DAD,), SPEECH, 0.85),
    "پاسخ": ((_DAD,), SPEECH, 0.75), "گزارش": ((_DAD,), WRITING, 0.7), "اطمینان": ((_DAD,), SPEECH, 0.75),
    "خبر": ((_DAD,), SPEECH, 0.6), "احتمال": ((_DAD,), SPEECH, 0.65),
    "یادآور": ((_SHOD,), SPEECH, 0.9), "متذکر": ((_SHOD,), SPEECH, 0.85), "مدعی": ((_SHOD,), SPEECH, 0.8),
}
# copular «معتقد است»: adjective -> (medium, score)
COPULAR = {"معتقد": (THOUGHT, 0.8), "بر این باور": (THOUGHT, 0.75), "بر این عقیده": (THOUGHT, 0.75),
           "مدعی": (SPEECH, 0.7)}
_COPULAS = ("است", "اند", "ند", "بود", "بودند", "هستند", "نیست")


def verb_forms(past: str, sg: str, pl: str) -> list[tuple[str, str, bool]]:
    """(form, tense, negated) for a past stem and present forms: third person only."""
    forms = [(past, "past", False), (past + "ند", "past", False)]
    for aux, tense in (("است", "perfect"), ("اند", "perfect"), ("بود", "pluperfect"), ("بودند", "pluperfect")):
        forms.append((f"{past}ه {aux}", tense, False))
        forms.append((f"ن{past}ه {aux}", tense, True))
    forms += [(f"می‌{sg}", "present", False), (f"می‌{pl}", "present", False),
              (f"نمی‌{sg}", "present", True), (f"نمی‌{pl}", "present", True),
              (f"می‌{past}", "progressive", False), (f"می‌{past}ند", "progressive", False),
              (f"خواهد {past}", "future", False), (f"خواهند {past}", "future", False),
              (f"نخواهد {past}", "future", True), (f"نخواهند {past}", "future", True),
              (f"ن{past}", "past", True), (f"ن{past}ند", "past", True)]
    return forms


def _simple_forms() -> dict[str, CueForm]:
    out: dict[str, CueForm] = {}
    for lemma, (stems, medium, score, neg_past) in SIMPLE_VERBS.items():
        for form, tense, negated in verb_forms(*stems):
            if negated and form.startswith("ن" + stems[0]):
                form = neg_past + form[len("ن" + stems[0]):]
            out[key(form)] = CueForm(lemma, medium, VERB, INTRO_VERB, tense, negated,
                                     score * (0.6 if negated else 1.0), 1 + form.count(" "))
    return out


def _compound_forms() -> dict[str, CueForm]:
    out: dict[str, CueForm] = {}
    for noun, (lights, medium, score) in COMPOUNDS.items():
        for stems in lights:
            for form, tense, negated in verb_forms(*stems):
                surface = f"{noun} {form}"
                out[key(surface)] = CueForm(f"{noun} {stems[0]}ن", medium, VERB, INTRO_VERB, tense, negated,
                                            score * (0.6 if negated else 1.0), 1 + surface.count(" "))
        for stems in lights:  # the participle alone, as news writes it («اعلام کرده که»)
            surface = f"{noun} {stems[0]}ه"
            out.setdefault(key(surface), CueForm(f"{noun} {stems[0]}ن", medium, VERB, INTRO_VERB, "perfect", False,
                                                 score * 0.8, 1 + surface.count(" ")))
    for adjective, (medium, score) in COPULAR.items():
        for copula in _COPULAS:
            surface = f"{adjective} {copula}"
            out[key(surface)] = CueForm(adjective, medium, VERB, INTRO_VERB, "present", copula == "نیست",
                                        score, 1 + surface.count(" "))
        out[key(adjective + "ند")] = CueForm(adjective, medium, VERB, INTRO_VERB, "present", False, score, 1)
    return out


# -- noun phrases ------------------------------------------------------------------------------
# «به گفته X، ...» and friends: phrase -> (medium, intro, score)
ACCORDING = {
    "به گفته": (SPEECH, INTRO_ACCORDING, 0.85), "به نوشته": (WRITING, INTRO_ACCORDING, 0.8),
    "به اعتقاد": (THOUGHT, INTRO_ACCORDING, 0.75), "به عقیده": (THOUGHT, INTRO_ACCORDING, 0.75),
    "به باور": (THOUGHT, INTRO_ACCORDING, 0.75), "به اذعان": (SPEECH, INTRO_ACCORDING, 0.75),
    "از قول": (SPEECH, INTRO_ACCORDING, 0.6), "به تصریح": (SPEECH, INTRO_ACCORDING, 0.7),
    "به گزارش": (WRITING, INTRO_AGENCY, 0.8), "بنا بر گزارش": (WRITING, INTRO_AGENCY, 0.8),
    "بنابر گزارش": (WRITING, INTRO_AGENCY, 0.8), "طبق گزارش": (WRITING, INTRO_AGENCY, 0.7),
    "به نقل از": (SPEECH, INTRO_AGENCY, 0.75),
}
# «با بیان اینکه ...» / «با اشاره به ...»: (preposition, noun, particle) -> score
_CLAUSE_NOUNS = {"بیان": "", "تاکید": "بر", "اشاره": "به", "یادآوری": "", "اعلام": "", "تصریح": "",
                 "اذعان": "به", "ابراز": "", "اظهار": "", "توضیح": "", "تشریح": ""}
_SUMMARY_NOUNS = {"اشاره": "به", "تاکید": "بر", "انتقاد": "از", "تشریح": ""}
_COMPLEMENTIZERS = ("اینکه", "این که", "آنکه", "آن که")


def _phrase_forms() -> dict[str, CueForm]:
    out: dict[str, CueForm] = {}
    for phrase, (medium, intro, score) in ACCORDING.items():
        out[key(phrase)] = CueForm(phrase, medium, ACCORDING_TO, intro, "phrase", False, score,
                                   1 + phrase.count(" "))
    for prep in ("با", "ضمن"):
        for noun, particle in _CLAUSE_NOUNS.items():
            head = " ".join(w for w in (prep, noun, particle) if w)
            for comp in _COMPLEMENTIZERS:
                surface = f"{head} {comp}"
                out[key(surface)] = CueForm(f"{prep} {noun}", SPEECH, NOUN_PHRASE, INTRO_CLAUSE, "phrase",
                                            False, 0.85, 1 + surface.count(" "))
        for noun, particle in _SUMMARY_NOUNS.items():
            surface = " ".join(w for w in (prep, noun, particle) if w)
            out.setdefault(key(surface), CueForm(f"{prep} {noun}", SPEECH, NOUN_PHRASE, INTRO_SUMMARY,
                                                 "phrase", False, 0.45, 1 + surface.count(" ")))
    return out


def build_lexicon() -> dict[str, CueForm]:
    """Every cue form, by :func:`key`."""
    return {**_simple_forms(), **_compound_forms(), **_phrase_forms()}


LEXICON: dict[str, CueForm] = build_lexicon()
MAX_WORDS = max(form.words for form in LEXICON.values())

# nouns of light verbs that may stand apart from their verb («تاکید زیادی کرد»)
SPLIT_NOUNS = {key(noun): noun for noun, (lights, _, _) in COMPOUNDS.items()
               if " " not in noun and _KARD in lights}
SPLIT_LIGHT_VERBS = {key(f): (tense, negated) for f, tense, negated in verb_forms(*_KARD) + verb_forms(*_NAMUD)}
SPLIT_GAP = 3  # at most this many words between the noun and its light verb

# words before a cue that make it something other than a report («سخن می‌گفت» = was speaking)
NOT_A_REPORT_BEFORE = {key(w) for w in ("سخن", "صحبت", "حرف")}

# A directive to one's own people («شهردار خواست تا ظرف ۲۰ روز همکارانی ... معرفی شوند»): an
# intended commitment, weaker than a promise, and only with a deadline in what is asked and nobody
# else asked («از استانداران خواست»: a request to others); see detect.py. form key -> (strength, score)
DIRECTIVES = {key("خواست"): ("INTENDED", 0.45)}

# what the promise verbs commit to (see detect.py): form key -> (strength, score)
PROMISES = {key(f"{noun} {form}"): ("FIRM", 0.7)
            for noun, stems in (("قول", _DAD), ("وعده", _DAD), ("تعهد", _DAD), ("تعهد", _KARD),
                                ("متعهد", _SHOD))
            for form, tense, negated in verb_forms(*stems) if not negated and tense != "progressive"}
