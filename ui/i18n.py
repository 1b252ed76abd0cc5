"""Interface strings in Persian (the default) and English; the layout mirrors with the language.

``tr("key", name=...)`` returns the string in the current language, formatted. The language
is chosen once at start-up (View > Language stores it; it takes effect on restart).
Tagset names come from the tagset itself (:func:`display`).
"""

from __future__ import annotations

from PySide6.QtCore import Qt

from annotator.tagset import Display

LANGUAGES = {"fa": "فارسی", "en": "English"}
_language = "fa"

_STRINGS: dict[str, tuple[str, str]] = {
    "app.title": ("نشانه‌گذار", "Annotator"),
    "window.title": ("{document} — {project} — نشانه‌گذار", "{document} — {project} — Annotator"),
    "window.no_document": ("بدون سند", "No document"),
    # menus
    "menu.file": ("&پرونده", "&File"),
    "menu.edit": ("&ویرایش", "&Edit"),
    "menu.annotate": ("&نشانه‌گذاری", "&Annotate"),
    "menu.document": ("&سند", "&Document"),
    "menu.view": ("&نما", "&View"),
    "menu.recent": ("پروژه‌های اخیر", "Recent projects"),
    "menu.language": ("زبان (پس از راه‌اندازی دوباره)", "Language (after restart)"),
    "menu.panels": ("پنل‌ها", "Panels"),
    "action.new": ("پروژه تازه…", "New project…"),
    "action.open": ("باز کردن پروژه…", "Open project…"),
    "action.quit": ("خروج", "Quit"),
    "action.undo_prefix": ("واگرد", "Undo"),
    "action.redo_prefix": ("ازنو", "Redo"),
    "action.find": ("جست‌وجو در سند…", "Find in document…"),
    "action.delete_span": ("حذف برچسب", "Delete span"),
    "action.clear_selection": ("لغو انتخاب", "Clear selection"),
    "action.next_span": ("برچسب بعدی", "Next span"),
    "action.prev_span": ("برچسب قبلی", "Previous span"),
    "action.add_fragment": ("افزودن تکه به برچسب انتخاب‌شده (+ سپس کلید برچسب یا تنها +)",
                            "Add selection as a fragment of the selected span (+)"),
    "action.move_end_fwd": ("جابه‌جایی پایان برچسب به جلو", "Move span end forward"),
    "action.move_end_back": ("جابه‌جایی پایان برچسب به عقب", "Move span end back"),
    "action.move_start_fwd": ("جابه‌جایی آغاز برچسب به جلو", "Move span start forward"),
    "action.move_start_back": ("جابه‌جایی آغاز برچسب به عقب", "Move span start back"),
    "action.snap": ("چسبیدن به مرز واژه‌ها", "Snap to word boundaries"),
    "action.mark_done": ("پایان کار این سند", "Mark document done"),
    "action.reopen": ("بازگشایی سند", "Reopen document"),
    "action.next_doc": ("سند بعدی", "Next document"),
    "action.prev_doc": ("سند قبلی", "Previous document"),
    "action.zoom_in": ("بزرگ‌نمایی", "Zoom in"),
    "action.zoom_out": ("کوچک‌نمایی", "Zoom out"),
    "action.zoom_reset": ("اندازه عادی", "Actual size"),
    "action.font": ("قلم متن…", "Text font…"),
    "action.identity": ("تغییر نام نشانه‌گذار…", "Change annotator name…"),
    # panels
    "dock.documents": ("سندها", "Documents"),
    "dock.attributes": ("ویژگی‌ها", "Attributes"),
    "dock.spans": ("برچسب‌های این سند", "Spans in this document"),
    "dock.history": ("تاریخچه", "History"),
    "dock.history_start": ("(آغاز)", "(start)"),
    "toolbar.labels": ("برچسب‌ها", "Labels"),
    "nav.search": ("جست‌وجوی متن کامل…", "Full-text search…"),
    "nav.status_all": ("همه وضعیت‌ها", "All statuses"),
    "nav.col_title": ("عنوان", "Title"),
    "nav.col_status": ("وضعیت", "Status"),
    "nav.col_spans": ("برچسب", "Spans"),
    "nav.count": ("{count} سند", "{count} documents"),
    "status.todo": ("انجام‌نشده", "To do"),
    "status.in_progress": ("در حال انجام", "In progress"),
    "status.done": ("انجام‌شده", "Done"),
    "spans.col_text": ("متن", "Text"),
    "spans.col_label": ("برچسب", "Label"),
    "spans.col_attrs": ("ویژگی‌ها", "Attributes"),
    "attrs.none": ("برچسبی انتخاب نشده است. روی برچسبی کلیک کنید یا Tab بزنید.",
                   "No span selected. Click a span or press Tab."),
    "attrs.required": ("* لازم", "* required"),
    "attrs.empty": ("—", "—"),
    "attrs.actor_later": ("(پیوند به کنشگر در نسخه بعد)", "(actor links come later)"),
    "attrs.invalid": ("مقدار نادرست: {reason}", "Invalid value: {reason}"),
    "attrs.yes": ("بله", "Yes"),
    "attrs.no": ("خیر", "No"),
    "find.placeholder": ("جست‌وجو در این سند (Enter: بعدی، Shift+Enter: قبلی)",
                         "Find in this document (Enter: next, Shift+Enter: previous)"),
    "find.count": ("{index} از {count}", "{index} of {count}"),
    "find.none": ("یافت نشد", "No matches"),
    "find.next": ("بعدی", "Next"),
    "find.prev": ("قبلی", "Previous"),
    "find.close": ("بستن", "Close"),
    "popup.choose": ("{attribute}؟ (۱ تا {count}، Esc: لغو)", "{attribute}? (1 to {count}, Esc: cancel)"),
    "popup.enter": ("{attribute} را بنویسید", "Enter {attribute}"),
    # status bar
    "bar.annotator": ("نشانه‌گذار: {name}", "Annotator: {name}"),
    "bar.snap_on": ("چسبیدن به واژه", "Snap to words"),
    "bar.snap_off": ("دقت نویسه‌ای", "Character precision"),
    "bar.doc_status": ("وضعیت: {status}", "Status: {status}"),
    "bar.saved": ("ذخیره شد", "Saved"),
    "bar.language_restart": ("زبان پس از راه‌اندازی دوباره عوض می‌شود.", "The language changes after a restart."),
    "bar.no_selection": ("نخست متنی را انتخاب کنید.", "Select some text first."),
    "bar.no_span": ("نخست برچسبی را انتخاب کنید (کلیک یا Tab).", "Select a span first (click or Tab)."),
    "bar.no_document": ("سندی باز نیست.", "No document is open."),
    "bar.cannot_move": ("این لبه بیش از این جابه‌جا نمی‌شود.", "That edge cannot move further."),
    "bar.last_document": ("سند دیگری در این فهرست نیست.", "No more documents in this list."),
    "bar.refused": ("انجام نشد: {reason}", "Not done: {reason}"),
    # dialogs
    "identity.title": ("نشانه‌گذار کیست؟", "Who is annotating?"),
    "identity.prompt": ("نام خود را بنویسید؛ برچسب‌ها با این نام ذخیره می‌شوند:",
                        "Your name; your spans are stored under it:"),
    "dialog.new_title": ("پروژه تازه", "New project"),
    "dialog.open_title": ("باز کردن پروژه", "Open project"),
    "dialog.filter": ("پروژه‌های نشانه‌گذار (*.db);;همه پرونده‌ها (*)", "Annotator projects (*.db);;All files (*)"),
    "error.title": ("خطای پیش‌بینی‌نشده", "Unexpected error"),
    "error.body": (("خطایی پیش‌بینی‌نشده رخ داد. کار شما ذخیره شده است و برنامه به کار ادامه می‌دهد.\n"
                    "جزئیات در {log} ثبت شد."),
                   ("An unexpected error occurred. Your work is saved and the program keeps running.\n"
                    "Details were written to {log}.")),
    "error.copy": ("رونوشت جزئیات", "Copy details"),
    "error.problem": ("مشکل", "Problem"),
    "undo.add": ("افزودن «{label}»", "add «{label}»"),
    "undo.relabel": ("تغییر برچسب به «{label}»", "relabel as «{label}»"),
    "undo.fragment": ("افزودن تکه به «{label}»", "add a fragment to «{label}»"),
    "undo.delete": ("حذف «{label}»", "delete «{label}»"),
    "undo.move_start": ("جابه‌جایی آغاز «{label}»", "move the start of «{label}»"),
    "undo.move_end": ("جابه‌جایی پایان «{label}»", "move the end of «{label}»"),
    "undo.attribute": ("تغییر «{attribute}»", "set «{attribute}»"),
    "undo.status": ("وضعیت سند: {status}", "document status: {status}"),
    "tooltip.fragments": ("{count} تکه", "{count} parts"),
}


def set_language(language: str) -> None:
    """Choose the interface language (``fa`` or ``en``); call before building widgets."""
    global _language
    _language = language if language in LANGUAGES else "fa"


def language() -> str:
    return _language


def tr(key: str, **values: object) -> str:
    """The string ``key`` in the current language, with ``{name}`` fields filled from ``values``."""
    fa, en = _STRINGS[key]
    text = fa if _language == "fa" else en
    return text.format(**values) if values else text


def display(name: Display) -> str:
    """A tagset display name in the current language."""
    return name.fa if _language == "fa" else name.en


def layout_direction() -> Qt.LayoutDirection:
    """Right-to-left for Persian, left-to-right for English."""
    return Qt.LayoutDirection.RightToLeft if _language == "fa" else Qt.LayoutDirection.LeftToRight


def digits(value: object) -> str:
    """Numbers in the interface's digits: Persian digits for Persian."""
    text = str(value)
    return text.translate(_PERSIAN_DIGITS) if _language == "fa" else text


def number(value: int) -> str:
    """An integer with thousands separators, in the interface's digits."""
    grouped = f"{value:,}"
    return digits(grouped.replace(",", "٬")) if _language == "fa" else grouped


_PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def status_name(status: str) -> str:
    return tr(f"status.{status}")
