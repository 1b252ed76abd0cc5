"""The detector, pattern family by pattern family, on short texts written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from annotator.preannotate import detect
from annotator.text import canonicalize, tokenize


def run(text: str, published: dt.date | None = None) -> dict:
    text = canonicalize(text)
    return detect(text, tokenize(text), published=published).to_record(text)


def of(record: dict, label: str) -> list[dict]:
    return [s for s in record["spans"] if s["label"] == label]


def quote(record: dict, text: str) -> dict:
    found = [s for s in of(record, "QUOTE") if s["text"] == text]
    assert found, f"no quote {text!r} in {[s['text'] for s in of(record, 'QUOTE')]}"
    return found[0]


def linked(record: dict, head: dict, type_: str):
    """The span (or actor) a link of ``type_`` from ``head`` points at."""
    spans = {s["id"]: s for s in record["spans"]}
    actors = {a["id"]: a for a in record["actors"]}
    for relation in record["relations"]:
        if relation["type"] == type_ and relation["head"] == head["id"]:
            tail = relation["tail"]
            return actors[int(tail[6:])] if isinstance(tail, str) else spans[tail]
    return None


def speaker_name(record: dict, head: dict) -> str | None:
    """The name of the actor a quote is attributed to (through its mention, or directly)."""
    tail = linked(record, head, "ATTRIBUTED_TO")
    if tail is None:
        return None
    if "label" not in tail:
        return tail["name"]
    actors = {a["id"]: a for a in record["actors"]}
    return actors[tail["actor"]]["name"] if tail["actor"] is not None else None


def test_colon_quote_runs_to_the_end_of_the_paragraph():
    rec = run("وزیر نیرو روز شنبه گفت: سد کرج تا پایان سال آبگیری می‌شود و مشکل آب حل خواهد شد.\nخبر دیگر.")
    q = quote(rec, "سد کرج تا پایان سال آبگیری می‌شود و مشکل آب حل خواهد شد")
    assert q["attrs"] == {"quote_type": "DIRECT"} and 0 < q["score"] < 1
    assert linked(rec, q, "HAS_CUE")["text"] == "گفت"
    mention = linked(rec, q, "ATTRIBUTED_TO")
    assert mention["text"] == "وزیر نیرو" and mention["attrs"] == {"mention_type": "NOM"}


def test_guillemet_quote_stops_at_the_closing_mark():
    rec = run("مدیرکل هواشناسی اظهار داشت: «بارش‌ها از فردا آغاز می‌شود.» وی افزود: «جاده‌ها لغزنده است.»")
    assert {s["text"] for s in of(rec, "QUOTE")} == {"بارش‌ها از فردا آغاز می‌شود", "جاده‌ها لغزنده است"}


def test_straight_quotes_and_a_comma_before_guillemets():
    rec = run('کاپیتان تیم گفت:" ما برای قهرمانی آماده‌ایم."\nسرمربی تیم گفت، «هیچ بازی آسانی نداریم».')
    assert quote(rec, "ما برای قهرمانی آماده‌ایم")["attrs"]["quote_type"] == "DIRECT"
    assert quote(rec, "هیچ بازی آسانی نداریم")["attrs"]["quote_type"] == "DIRECT"


def test_indirect_and_mixed_quotes():
    rec = run("رئیس سازمان برنامه گفت که بودجه عمرانی افزایش می‌یابد.\n"
              "سخنگوی پلیس گفت که سارقان «در کمتر از یک ساعت دستگیر شدند».")
    assert quote(rec, "بودجه عمرانی افزایش می‌یابد")["attrs"]["quote_type"] == "INDIRECT"
    assert quote(rec, "سارقان «در کمتر از یک ساعت دستگیر شدند»")["attrs"]["quote_type"] == "MIXED"


def test_according_to_a_speaker():
    rec = run("به گفته مدیر مدرسه، کلاس‌ها از شنبه به صورت حضوری تشکیل می‌شود.")
    q = quote(rec, "کلاس‌ها از شنبه به صورت حضوری تشکیل می‌شود")
    assert q["attrs"]["quote_type"] == "INDIRECT"
    assert linked(rec, q, "HAS_CUE")["attrs"] == {"medium": "SPEECH", "cue_kind": "ACCORDING_TO"}
    assert linked(rec, q, "ATTRIBUTED_TO")["text"] == "مدیر مدرسه"


@pytest.mark.parametrize("comma", ["،", ""])
def test_ba_bayan_inke_shares_the_speaker_of_the_main_verb(comma):
    rec = run(f"رئیس اتاق بازرگانی با بیان اینکه صادرات کاهش یافته است{comma} افزود: باید موانع را برداشت.")
    first, second = quote(rec, "صادرات کاهش یافته است"), quote(rec, "باید موانع را برداشت")
    assert first["attrs"]["quote_type"] == "INDIRECT" and second["attrs"]["quote_type"] == "DIRECT"
    assert linked(rec, first, "HAS_CUE")["text"] == "با بیان اینکه"
    assert linked(rec, first, "ATTRIBUTED_TO") == linked(rec, second, "ATTRIBUTED_TO")


def test_ba_eshare_be_is_a_reported_summary():
    rec = run("استاندار تهران با اشاره به کمبود آب، گفت: مردم باید صرفه‌جویی کنند.")
    summary = quote(rec, "کمبود آب")
    assert summary["attrs"] == {"quote_type": "INDIRECT", "reported_summary": True}
    assert summary["score"] < quote(rec, "مردم باید صرفه‌جویی کنند")["score"]


def test_agency_is_the_medium_not_the_speaker():
    rec = run("به گزارش خبرگزاری ایسنا، وزیر کار گفت: بیمه بیکاری افزایش می‌یابد.")
    q = quote(rec, "بیمه بیکاری افزایش می‌یابد")
    assert linked(rec, q, "ATTRIBUTED_TO")["text"] == "وزیر کار"
    assert linked(rec, q, "VIA_MEDIUM")["text"] == "خبرگزاری ایسنا"
    media = {a["name"]: a for a in rec["actors"]}["خبرگزاری ایسنا"]
    assert (media["type"], media["subtype"]) == ("ORG", "MEDIA")
    assert any(c["text"] == "به گزارش" and c["attrs"]["cue_kind"] == "ACCORDING_TO" for c in of(rec, "CUE"))


def test_a_country_or_capital_that_speaks_is_a_gpe():
    rec = run("روسیه اعلام کرد: مذاکرات ادامه می‌یابد.\nکره جنوبی تاکید کرد: همکاری ادامه دارد.\n"
              "ایران خودرو اعلام کرد: تولید افزایش یافت.")
    types = {a["name"]: a["type"] for a in rec["actors"]}
    assert types["روسیه"] == "GPE" and types["کره جنوبی"] == "GPE"
    assert types.get("ایران خودرو") != "GPE", "a company named after a country is not the country"


@pytest.mark.parametrize(("text", "speaker"), [
    ("رئیس کمیته مسابقات سازمان لیگ سه شنبه گفت: جلسه برگزار می‌شود.", "رئیس کمیته مسابقات سازمان لیگ"),
    ("مدیرعامل باشگاه تاکنون گفته است: تصمیمی گرفته نشده.", "مدیرعامل باشگاه"),
    ("این مدرس دانشگاه گفت: ارتباط خوب مهم است.", "این مدرس دانشگاه"),
    ("این مقام روسی احتمال داد که لندن وارد جنگ شده است.", "این مقام روسی"),
])
def test_days_and_adverbs_end_the_speaker_and_a_lecturer_is_a_person(text, speaker):
    rec = run(text)
    [mention] = of(rec, "ACTOR_MENTION")
    assert mention["text"] == speaker
    assert [a["type"] for a in rec["actors"]] == ["PER"]


def test_a_promise_in_the_speakers_own_words_is_a_commitment_expressed_in_the_quote():
    rec = run("شهردار تهران گفت: «ما این کار را ظرف ۲۰ روز تمام می‌کنیم.»\n"
              "وی افزود: «مشکل تأمین برطرف شده و پل جدید تا پایان سال باز خواهد شد.»")
    first, second = of(rec, "COMMITMENT")
    assert first["text"] == "ما این کار را ظرف ۲۰ روز تمام می‌کنیم"
    assert (first["attrs"]["commit_kind"], first["attrs"]["on_behalf"]) == ("ACTION", "INSTITUTION")
    assert linked(rec, first, "COMMITTED_BY")["text"] == "شهردار تهران"
    assert linked(rec, first, "HAS_DEADLINE")["text"] == "ظرف ۲۰ روز"
    assert linked(rec, first, "EXPRESSED_IN")["text"] == first["text"]
    assert second["text"] == "پل جدید تا پایان سال باز خواهد شد", "the clause, not the whole sentence"
    assert second["attrs"]["commit_kind"] == "OUTCOME" and linked(rec, second, "COMMITTED_BY")["text"] == "وی"


def test_the_end_of_a_season_is_a_deadline_without_a_value():
    rec = run("او گفت: «تا پایان فصل درباره آینده‌ام تصمیم می‌گیرم.»")
    [deadline] = of(rec, "TIME_EXPR")
    assert deadline["text"] == "تا پایان فصل" and "value" not in deadline["attrs"]
    assert deadline["attrs"]["deadline_mod"] == "BY"
    [commitment] = of(rec, "COMMITMENT")
    assert commitment["attrs"]["on_behalf"] == "SELF"


def test_two_promises_in_one_sentence_are_two_commitments():
    rec = run("شهردار گفت: «ما پل را تا پایان سال باز می‌کنیم و جاده را ظرف دو ماه تعمیر می‌کنیم.»")
    assert [c["text"] for c in of(rec, "COMMITMENT")] == ["ما پل را تا پایان سال باز می‌کنیم",
                                                          "جاده را ظرف دو ماه تعمیر می‌کنیم"]
    assert [linked(rec, c, "HAS_DEADLINE")["text"] for c in of(rec, "COMMITMENT")] == ["تا پایان سال", "ظرف دو ماه"]


@pytest.mark.parametrize("said", [
    "از فدراسیون می‌خواهیم ظرف یک هفته گزارش را منتشر کند.",  # a request to others
    "ما این کار را ظرف ۲۰ روز تمام نمی‌کنیم.",  # negated
    "ما این کار را ظرف ۲۰ روز گذشته تمام کردیم.",  # past
    "۱۰ میلیارد تومان تا پایان سال لازم است.",  # no committing verb («میلیارد» is not one)
    "بارش‌ها از فردا آغاز می‌شود.",  # a forecast
    "میلیون‌ها نفر در طی ۱۰۰ سال گذشته به برزیل آمده‌اند و آنجا زندگی می‌کنند.",  # a time behind
])
def test_no_commitment_without_a_committing_verb(said):
    assert of(run(f"وزیر گفت: «{said}»"), "COMMITMENT") == []


def test_quoting_a_source_through_a_paper():
    rec = run("روزنامه همشهری به نقل از یک مقام آگاه نوشت: قیمت بلیت مترو افزایش نمی‌یابد.")
    q = quote(rec, "قیمت بلیت مترو افزایش نمی‌یابد")
    assert linked(rec, q, "ATTRIBUTED_TO")["text"] == "یک مقام آگاه"
    assert linked(rec, q, "VIA_MEDIUM")["text"] == "روزنامه همشهری"
    assert linked(rec, q, "HAS_CUE")["attrs"]["medium"] == "WRITING"


def test_pronoun_and_dropped_subject_resolve_to_the_last_speaker():
    rec = run("علی ربیعی سخنگوی دولت گفت: جلسه فردا برگزار می‌شود.\nوی افزود: همه وزیران حضور دارند.\n"
              "مدیرکل بیمه گفت: حقوق‌ها پرداخت شد.\nدر ادامه افزود: معوقات هم پرداخت می‌شود.")
    pronoun = linked(rec, quote(rec, "همه وزیران حضور دارند"), "ATTRIBUTED_TO")
    assert pronoun["text"] == "وی" and pronoun["attrs"] == {"mention_type": "PRON"}
    assert speaker_name(rec, quote(rec, "همه وزیران حضور دارند")) == "علی ربیعی"
    dropped = linked(rec, quote(rec, "معوقات هم پرداخت می‌شود"), "ATTRIBUTED_TO")
    assert "label" not in dropped and dropped["name"] == "مدیرکل بیمه"  # ATTRIBUTED_TO -> ACTOR


def test_they_refers_to_the_latest_group_that_spoke_and_to_nobody_else():
    rec = run("وزیر نیرو گفت: سد آماده است.\nبرخی کارشناسان گفتند: آب کافی نیست.\nآنها افزودند: بارش کم بوده است.")
    they = linked(rec, quote(rec, "بارش کم بوده است"), "ATTRIBUTED_TO")
    assert they["text"] == "آنها" and they["attrs"] == {"mention_type": "PRON"}
    assert speaker_name(rec, quote(rec, "بارش کم بوده است")) == "برخی کارشناسان"
    alone = run("وزیر نیرو گفت: سد آماده است.\nآنها افزودند: بارش کم بوده است.")
    assert speaker_name(alone, quote(alone, "بارش کم بوده است")) is None, "a minister is not «آنها»"


def test_a_title_and_a_surname_reach_the_named_actor_with_aliases():
    rec = run("شهردار مشهد گفت: پروژه آماده است.\nمحمدرضا قلندر شریف شهردار مشهد افزود: بودجه کافی است.\n"
              "قلندر شریف تصریح کرد: کار ادامه دارد.")
    names = {speaker_name(rec, q) for q in of(rec, "QUOTE")}
    assert names == {"محمدرضا قلندر شریف"}
    actor = rec["actors"][0] if len(rec["actors"]) == 1 else None
    assert actor is not None and {"شهردار مشهد", "قلندر شریف"} <= set(actor["aliases"])


def test_a_role_is_named_by_an_apposition_anywhere_in_the_article():
    rec = run("رئیس پلیس راهور گفت: تصادف‌ها کم شده است.\nوی افزود: جریمه‌ها افزایش می‌یابد.\n"
              "بر اساس این گزارش؛ کمال هادیان‌فر رئیس پلیس راهور امروز از مرکز کنترل بازدید کرد.")
    assert {a["name"] for a in rec["actors"]} == {"کمال هادیان‌فر"}


def test_anaphoric_title_and_a_new_speaker_in_between():
    rec = run("علی بیات کارشناس آب گفت: سفره‌ها خالی شده است.\nمدیر شرکت آب گفت: جیره‌بندی نداریم.\n"
              "این کارشناس افزود: باید کشت برنج محدود شود.")
    assert speaker_name(rec, quote(rec, "باید کشت برنج محدود شود")) == "علی بیات"


def test_multi_paragraph_quote_is_one_span():
    rec = run("وزیر گفت: «بند اول این است.\n«بند دوم این است.\n«بند سوم این است.»\nپایان خبر.")
    q = quote(rec, "بند اول این است.\n«بند دوم این است.\n«بند سوم این است")
    assert q["attrs"]["quote_type"] == "DIRECT"


def test_quote_before_its_speaker():
    rec = run("«ما بهترین تیم لیگ هستیم»، این را سرمربی تیم پس از بازی گفت.")
    q = quote(rec, "ما بهترین تیم لیگ هستیم")
    assert linked(rec, q, "ATTRIBUTED_TO")["text"] == "سرمربی تیم"


def test_present_tense_cue_without_ke_and_spelling_variants():
    rec = run("این اقتصاددان می گوید بازار مسکن راکد است.\nرئیس کل بانک تأکید کرده است: نرخ سود ثابت می‌ماند.")
    assert quote(rec, "بازار مسکن راکد است")["attrs"]["quote_type"] == "INDIRECT"
    cues = {c["text"] for c in of(rec, "CUE")}
    assert {"می گوید", "تأکید کرده است"} <= cues


def test_split_light_verb_is_a_cue_of_two_fragments():
    rec = run("مدیرعامل شرکت تاکید ویژه‌ای کرد که قراردادها تمدید می‌شود.")
    cue = linked(rec, quote(rec, "قراردادها تمدید می‌شود"), "HAS_CUE")
    assert len(cue["fragments"]) == 2 and cue["text"] == "تاکید … کرد"


@pytest.mark.parametrize("text", [
    "وزیر درباره قیمت‌ها چیزی نگفت.",
    "فرزین که در همایش سخن می‌گفت، به سالن آمد.",
    "او پس از گفت و گو با نمایندگان به تهران بازگشت.",
    "گفتنی است این نشست هر هفته برگزار می‌شود.",
])
def test_no_quote_where_nothing_is_reported(text):
    assert of(run(text), "QUOTE") == []


def test_headline_is_not_annotated():
    rec = run("وزیر راه: جاده‌ها باز است\n\nوزیر راه گفت: همه جاده‌ها باز است.")
    assert [q["text"] for q in of(rec, "QUOTE")] == ["همه جاده‌ها باز است"]


def test_cues_inside_a_quote_are_not_new_attributions():
    rec = run("وی گفت: «مردم اعلام کردند که امنیت ندارند.»")
    assert [q["text"] for q in of(rec, "QUOTE")] == ["مردم اعلام کردند که امنیت ندارند"]


def test_a_new_colon_attribution_ends_an_open_quote():
    rec = run("وزیر گفت: کار تمام است. معاون او افزود: بودجه رسید.")
    assert {q["text"] for q in of(rec, "QUOTE")} == {"کار تمام است", "بودجه رسید"}


def test_deadlines_with_and_without_a_publication_date():
    text = "شهردار گفت: پل تا پایان سال و تونل ظرف ۲۰ روز آماده می‌شود. او از سال ۱۳۹۸ شهردار است."
    dated = {t["text"]: t["attrs"] for t in of(run(text, dt.date(2024, 5, 1)), "TIME_EXPR")}
    assert dated["تا پایان سال"] == {"timex_type": "DATE", "anchor": "DCT", "value": "2025-03-20",
                                     "calendar": "JALALI", "deadline_mod": "BY"}
    assert dated["ظرف ۲۰ روز"]["value"] == "P20D" and dated["ظرف ۲۰ روز"]["deadline_mod"] == "WITHIN"
    assert "از سال ۱۳۹۸" not in dated  # a start in the past is not a deadline
    undated = {t["text"]: t["attrs"] for t in of(run(text), "TIME_EXPR")}
    assert "value" not in undated["تا پایان سال"] and undated["تا پایان سال"]["deadline_mod"] == "BY"
    assert undated["ظرف ۲۰ روز"]["value"] == "P20D"


def test_a_promise_becomes_a_commitment_with_its_deadline():
    rec = run("وزیر راه قول داد که جاده چالوس ظرف دو ماه بازگشایی شود.")
    commitment = of(rec, "COMMITMENT")[0]
    assert commitment["text"] == "جاده چالوس ظرف دو ماه بازگشایی شود"
    assert commitment["attrs"]["specificity"] == "SPECIFIC"
    assert linked(rec, commitment, "COMMITTED_BY")["text"] == "وزیر راه"
    assert linked(rec, commitment, "HAS_DEADLINE")["text"] == "ظرف دو ماه"


def test_a_directive_to_ones_own_people_with_a_deadline_is_an_intended_commitment():
    rec = run("شهردار تهران در این نشست خواست تا ظرف ۲۰ روز همکارانی از سوی شهرداری به پلیس معرفی شوند.")
    [commitment] = of(rec, "COMMITMENT")
    assert commitment["text"] == "ظرف ۲۰ روز همکارانی از سوی شهرداری به پلیس معرفی شوند"
    assert commitment["attrs"]["strength"] == "INTENDED" and commitment["score"] < 0.7
    assert linked(rec, commitment, "COMMITTED_BY")["text"] == "شهردار تهران"
    assert linked(rec, commitment, "HAS_DEADLINE")["text"] == "ظرف ۲۰ روز"


@pytest.mark.parametrize("text", [
    "وزیر کشور از استانداران خواست تا ظرف یک هفته گزارش خود را ارسال کنند.",  # asks others
    "شهردار تهران خواست تا همکارانی از سوی شهرداری به پلیس معرفی شوند.",  # no deadline
    "وزارت بهداشت از مردم خواسته بود ظرف دو روز در خانه بمانند.",  # asks others, and not «خواست»
    "شهردار تهران می‌خواست تا پایان هفته به مشهد برود.",  # wanted, not asked
    "خواست مردم تا پایان سال روشن خواهد شد.",  # the people's will: a noun
])
def test_requests_to_others_wishes_and_undated_directives_commit_to_nothing(text):
    assert of(run(text), "COMMITMENT") == []


def test_nested_quote_is_linked_to_the_summary_around_it():
    rec = run("دادستان با اشاره به سخنان رئیس قوه که گفته بود «با مفسدان برخورد می‌شود»، افزود: پرونده‌ها بررسی می‌شود.")
    inner = quote(rec, "با مفسدان برخورد می‌شود")
    assert speaker_name(rec, inner) == "رئیس قوه"
    assert linked(rec, inner, "NESTED_IN")["attrs"].get("reported_summary") is True
    assert speaker_name(rec, quote(rec, "پرونده‌ها بررسی می‌شود")) == "دادستان"


def test_suggestions_are_deterministic_and_scored():
    text = "وزیر نیرو گفت: سد آماده است.\nوی افزود: برق قطع نمی‌شود."
    first, second = run(text), run(text)
    assert first == second
    assert all(0 < s["score"] < 1 for s in first["spans"])
