"""Closed word lists the speaker finder needs: titles, organisations, honorifics, pronouns and the
prepositions and adverbs that end a subject noun phrase. All are kept as lexicon keys."""

from __future__ import annotations

from annotator.preannotate.lexicon import key


def _keys(words: str) -> frozenset[str]:
    return frozenset(key(w) for w in words.split())


RA = key("را")
PRONOUNS = _keys("وی او ایشان نامبرده")
PLURAL_PRONOUNS = _keys("آنها آنان ایشان‌ها آن‌ها ما من")
THEY = _keys("آنها آنان ایشان‌ها آن‌ها")  # «آنها افزودند»: the latest group or organisation that spoke
DEMONSTRATIVES = _keys("این همین")
INDEFINITE = _keys("یک یکی")
QUANTIFIERS = _keys("برخی بعضی تعدادی شماری بسیاری اغلب اکثر عده‌ای گروهی")
BAD_STARTS = _keys("این آن همه هر چنین چه کسی هیچ آیا")
HONORIFICS = _keys(
    "آیت‌الله حجت‌الاسلام حجت‌الاسلام‌والمسلمین حجت‌الاسلام‌والمسلمین سردار سرلشکر سرتیپ سرهنگ "
    "دریادار دکتر مهندس آقای خانم شیخ جنرال ژنرال سناتور"
)

# words that end a subject: prepositions, time adverbs, discourse adverbs, conjunctions
STOPS = _keys(
    "در با به از برای درباره دربارهٔ پیرامون طی ضمن بر تا پس پیش روز صبح عصر شب ظهر بامداد امروز "
    "دیروز امشب دیشب نیز هم همچنین اما ولی که سپس هنگام حین ابتدا پایان بعد قبل ضمنا همزمان "
    "بنابراین اخیرا اخیراً طبق براساس بنابر خطاب نسبت درخصوص درمورد توسط علاوه همراه ضمناً "
    "همچنان امسال هفته چندی روزگذشته اکنون اینک بار دیگر چرا چون زیرا اگر وقتی هنگامی "
    "آیا هنوز زمانی بارها همواره پیشتر پیش‌تر قبلا قبلاً بعدا بعداً اینکه این‌که آنکه طبیعتا ظاهرا ظاهراً حتی فقط تنها "
    "تاکنون تا‌کنون اواسط اوایل اواخر شنبه یکشنبه دوشنبه سه‌شنبه چهارشنبه پنجشنبه پنج‌شنبه جمعه"
)
# «سه شنبه», «پنج شنبه» written apart: the number belongs to the day, not to the subject before it
WEEKDAY_TAIL = key("شنبه")
WEEKDAY_NUMBERS = _keys("یک دو سه چهار پنج")
GENERIC_HEADS = _keys("مقام مسئول دیپلمات فرد شخص مقام‌مسئول")  # «این مقام» may be any earlier speaker
MID_STOPS = _keys("یکی")  # end a subject, but may open one («یکی از مسئولان گفت»)
SPEECH_NOUNS = _keys("سخنان اظهارات گفته‌های صحبت‌های گفته بیانات حرف‌های نظرات ادعای ادعاهای")

_PERSON_HEADS = _keys(
    "رئیس رییس نایب رئیس‌کل رییس‌کل رئیس‌جمهور رییس‌جمهور رئیس‌جمهوری نایب‌رئیس نایب‌رییس معاون وزیر "
    "سخنگوی سخنگو شهردار استاندار فرماندار بخشدار مدیرعامل مدیرکل مدیر دبیر دبیرکل نماینده عضو "
    "سفیر فرمانده دادستان قاضی مشاور کارشناس تحلیلگر سرمربی مربی کاپیتان بازیکن هافبک مهاجم "
    "مدافع دروازه‌بان ستاره امام خطیب نخست‌وزیر رهبر مسئول مقام دیپلمات استاد پژوهشگر نویسنده "
    "خبرنگار سرپرست نامزد کاندیدای وکیل پزشک متخصص جانشین قائم‌مقام مجری بازیگر کارگردان "
    "فرمانده‌ کارمند مالک صاحب مؤسس موسس بنیانگذار هافبک دبیرخانه‌ منتقد فعال مدرس دانشیار استادیار "
    "دانشجو معلم روانشناس روان‌شناس جامعه‌شناس اقتصاددان حقوقدان فعال‌سیاسی"
)
_GROUP_HEADS = _keys(
    "کارشناسان مقامات مسئولان مسئولین نمایندگان اعضای فعالان تحلیلگران شاهدان منابع پزشکان وزرای "
    "مدیران کارگران دانشجویان معلمان بازیکنان هواداران ساکنان شهروندان مردم ناظران ناظرین "
    "کارشناسان منتقدان مخالفان موافقان"
)
_ORG_SUBTYPES = {
    "MEDIA": "خبرگزاری روزنامه نشریه شبکه پایگاه رسانه تلویزیون رادیو صداوسیما هفته‌نامه ماهنامه",
    "GOV_EXECUTIVE": "وزارت دولت سازمان استانداری فرمانداری معاونت اداره ستاد",
    "GOV_LEGISLATIVE": "مجلس کمیسیون فراکسیون",
    "JUDICIARY": "دادگاه دادستانی دادگستری قوه",
    "MUNICIPALITY": "شهرداری",
    "SECURITY": "پلیس ناجا سپاه ارتش نیروی قرارگاه",
    "PARTY": "حزب جبهه جمعیت",
    "COMPANY": "شرکت بانک هلدینگ گروه",
    "INTL": "سازمان‌ملل ناتو اتحادیه",
    "OTHER": "باشگاه فدراسیون دانشگاه بنیاد کانون انجمن کمیته هیئت شورای شورا مرکز موسسه مؤسسه "
             "پژوهشگاه اندیشکده کاخ سفارت گمرک صندوق بورس خانه دفتر اتاق سندیکا",
}
_ORG_HEADS = {k: subtype for subtype, words in _ORG_SUBTYPES.items() for k in _keys(words)}
MEDIA_NAMES = _keys(
    "ایرنا ایسنا فارس تسنیم مهر ایلنا میزان مشرق تابناک ایبنا شبستان رویترز اسپوتنیک آسوشیتدپرس "
    "فرانس‌پرس آناتولی سی‌ان‌ان بی‌بی‌سی الجزیره اینترفکس تاس شینهوا یونهاپ بلومبرگ گاردین "
    "نیویورک‌تایمز واشنگتن‌پست"
)



def _names(names: str) -> frozenset[str]:
    """Keys of names that may have several words, listed with «،» between them."""
    return frozenset("".join(key(w) for w in name.split()) for name in names.split("،") if name.strip())


# Countries and capitals that speak in the news as their governments do («روسیه اعلام کرد»): GPE.
PLACE_NAMES = _names(
    "ایران، آمریکا، ایالات متحده، ایالات متحده آمریکا، روسیه، چین، فرانسه، آلمان، انگلیس، انگلستان، "
    "بریتانیا، ژاپن، هند، پاکستان، افغانستان، عراق، سوریه، لبنان، ترکیه، عربستان، عربستان سعودی، "
    "امارات، امارات متحده عربی، قطر، کویت، بحرین، عمان، یمن، اردن، مصر، لیبی، تونس، الجزایر، مراکش، "
    "سودان، اسرائیل، رژیم صهیونیستی، فلسطین، آذربایجان، جمهوری آذربایجان، ارمنستان، گرجستان، "
    "ترکمنستان، ازبکستان، تاجیکستان، قزاقستان، قرقیزستان، اوکراین، لهستان، ایتالیا، اسپانیا، پرتغال، "
    "هلند، بلژیک، سوئیس، اتریش، سوئد، نروژ، دانمارک، فنلاند، یونان، کانادا، مکزیک، برزیل، آرژانتین، "
    "ونزوئلا، کوبا، استرالیا، اندونزی، مالزی، کره جنوبی، کره شمالی، ویتنام، تایلند، بنگلادش، "
    "آفریقای جنوبی، نیجریه، اتیوپی، "
    "تهران، مسکو، پکن، واشنگتن، لندن، پاریس، برلین، آنکارا، ریاض، بغداد، دمشق، بیروت، کابل، "
    "اسلام‌آباد، دهلی نو، توکیو، تل‌آویو، قاهره، دوحه، باکو، ایروان، کی‌یف، کیف"
)


def is_punct(token_key: str) -> bool:
    return bool(token_key) and not any(ch.isalnum() for ch in token_key)


def head_kind(word: str) -> str | None:
    """``"person"``, ``"group"`` or ``"org"`` for a title or organisation head word, else None."""
    if word in _PERSON_HEADS:
        return "person"
    if word in _GROUP_HEADS:
        return "group"
    if word in _ORG_HEADS:
        return "org"
    return None


def org_subtype(words: tuple[str, ...]) -> str | None:
    """The organisation subtype its head word suggests («شهرداری تهران» → MUNICIPALITY)."""
    for word in words:
        if word in _ORG_HEADS:
            return _ORG_HEADS[word]
        if word in MEDIA_NAMES:
            return "MEDIA"
    return "MEDIA" if "".join(words) in MEDIA_NAMES else None


def medium_type(words: tuple[str, ...]) -> tuple[str, str | None]:
    """Actor type and subtype of an agency named after «به گزارش»."""
    return "ORG", org_subtype(words)
