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
    "attrs.actor_later": ("(کنشگری نیست)", "(no actor)"),
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
    "dialog.upgrading": ("به‌روزکردن پرونده پروژه برای این نسخه (فقط یک بار)…",
                         "Updating the project file for this version (only once)…"),
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
    # pre-annotation suggestions (issue 8)
    "action.accept_suggestion": ("پذیرفتن پیشنهاد", "Accept suggestion"),
    "action.reject_suggestion": ("رد پیشنهاد", "Reject suggestion"),
    "action.next_suggestion": ("پیشنهاد بعدی", "Next suggestion"),
    "action.prev_suggestion": ("پیشنهاد قبلی", "Previous suggestion"),
    "action.accept_all_suggestions": ("پذیرفتن همه پیشنهادهای این سند", "Accept all suggestions in this document"),
    "action.reject_all_suggestions": ("رد همه پیشنهادهای این سند", "Reject all suggestions in this document"),
    "action.suggest_document": ("پیشنهاد خودکار برای این سند", "Suggest for this document"),
    "action.suggest_all": ("پیشنهاد خودکار برای همه سندها…", "Suggest for every document…"),
    "bar.suggestions_left": ("{count} پیشنهاد مانده", "{count} suggestions left"),
    "bar.no_suggestions": ("پیشنهادی در این سند نمانده است.", "No suggestions left in this document."),
    "bar.suggested": ("{added} پیشنهاد تازه؛ {total} پیشنهاد در این سند.",
                      "{added} new suggestions; {total} in this document."),
    "bar.history_cleared": ("تاریخچه واگرد این سند پاک شد (پیشنهاد خودکار واگردپذیر نیست).",
                            "This document's undo history was cleared (suggesting is not undoable)."),
    "undo.accept_suggestion": ("پذیرفتن پیشنهاد «{label}»", "accept suggested «{label}»"),
    "undo.reject_suggestion": ("رد پیشنهاد «{label}»", "reject suggested «{label}»"),
    "undo.accept_all": ("پذیرفتن {count} پیشنهاد", "accept {count} suggestions"),
    "undo.reject_all": ("رد {count} پیشنهاد", "reject {count} suggestions"),
    "suggestion.marker": ("پیشنهاد", "suggested"),
    "tooltip.suggestion": ("پیشنهاد · {label} · {score}", "Suggestion · {label} · {score}"),
    # links, actors, commitments (issue 5)
    "dock.actors": ("کنشگران", "Actors"),
    "dock.who": ("چه کسی چه گفت", "Who said what"),
    "action.link": ("پیوند از برچسب انتخاب‌شده…", "Link the selected span…"),
    "action.link_actor": ("پیوند به کنشگر…", "Link to an actor…"),
    "action.show_links": ("نمایش همه پیوندها", "Show all links"),
    "links.popup_title": ("پیوند از «{label}»: ({count} گزینه، Esc: لغو)", "Link from «{label}» ({count} choices, Esc: cancel)"),
    "links.to_span": ("{relation} ← {tails}", "{relation} → {tails}"),
    "links.to_actor": ("{relation} ← کنشگر…", "{relation} → actor…"),
    "links.none_from": ("از «{label}» پیوندی آغاز نمی‌شود؛ نقل قول یا تعهدی را انتخاب کنید.",
                        "«{label}» spans start no links; select a quote or a commitment."),
    "links.no_candidates": ("برای «{relation}» برچسبی از نوع {tails} در این سند نیست؛ نخست آن را نشانه بگذارید.",
                            "No {tails} span to point «{relation}» at; mark one first."),
    "links.mode_hint": ("«{relation}»: روی مقصد کلیک کنید، یا با Tab به آن بروید و Enter بزنید؛ Esc: لغو",
                        "«{relation}»: click the target, or Tab to it and press Enter; Esc cancels"),
    "links.banner": ("پیوند «{relation}»: مقصد را انتخاب کنید (Tab، Enter، Esc)",
                     "Link «{relation}»: choose the target (Tab, Enter, Esc)"),
    "links.cancelled": ("پیوند لغو شد.", "Link cancelled."),
    "links.click_a_span": ("روی یک برچسب کلیک کنید.", "Click a span."),
    "links.no_type": ("هیچ نوع پیوندی میان «{head}» و «{tail}» در این مجموعه برچسب نیست.",
                      "The tagset has no link between «{head}» and «{tail}»."),
    "links.section": ("پیوندهای «{label}»", "Links of «{label}»"),
    "links.incoming": ("پیوندهایی که به این برچسب می‌رسند:", "Links that point here:"),
    "links.actor_target": ("● کنشگر: {name}", "● actor: {name}"),
    "links.pick": ("انتخاب", "Pick"),
    "links.pick_tip": ("مقصد را در متن انتخاب کنید (کلیک، یا Tab و Enter)", "Choose the target in the text (click, or Tab and Enter)"),
    "links.actor": ("کنشگر…", "Actor…"),
    "links.actor_tip": ("پیوند مستقیم به یک کنشگر (مثلاً گوینده‌ای که در جمله نیامده)",
                        "Link straight to an actor (e.g. a speaker the sentence leaves out)"),
    "links.remove_tip": ("حذف این پیوند", "Remove this link"),
    "links.delete_title": ("حذف برچسب پیونددار", "Delete a linked span"),
    "links.delete_question": ("این برچسب {count} پیوند دارد؛ پیوندها هم حذف شوند؟",
                              "This span has {count} links; delete them too?"),
    "actors.search": ("جست‌وجوی نام، نام دیگر یا شناسه…", "Search names, aliases, kb ids…"),
    "actors.col_name": ("نام", "Name"),
    "actors.col_type": ("نوع", "Type"),
    "actors.col_aliases": ("نام‌های دیگر", "Aliases"),
    "actors.col_kb": ("شناسه", "KB id"),
    "actors.in_document": ("در این سند آمده است", "Appears in this document"),
    "actors.new": ("تازه…", "New…"),
    "actors.new_tip": ("کنشگر تازه (از اشاره انتخاب‌شده)", "New actor (from the selected mention)"),
    "actors.edit": ("ویرایش…", "Edit…"),
    "actors.edit_tip": ("ویرایش نام، نوع، نام‌های دیگر و شناسه", "Edit name, type, aliases and kb id"),
    "actors.merge": ("ادغام…", "Merge into…"),
    "actors.merge_tip": ("دو کنشگر را انتخاب کنید و یکی را در دیگری ادغام کنید", "Select two actors and merge one into the other"),
    "actors.merge_into": ("ادغام «{drop}» در «{keep}»", "Merge «{drop}» into «{keep}»"),
    "actors.link": ("پیوند اشاره", "Link mention"),
    "actors.link_tip": ("اشاره انتخاب‌شده در متن به این کنشگر برمی‌گردد", "The mention selected in the text refers to this actor"),
    "actors.type_name": ("نام کنشگر را بنویسید…", "Type an actor's name…"),
    "actors.clear_tip": ("برداشتن پیوند به کنشگر", "Remove the actor link"),
    "actors.mention_caption": ("کنشگر (K)", "Actor (K)"),
    "actors.pick_title": ("کدام کنشگر؟", "Which actor?"),
    "actors.pick_prompt": ("«{relation}» برای «{text}»: کدام کنشگر؟ (نام تازه + Enter: کنشگر تازه)",
                           "«{relation}» of «{text}»: which actor? (a new name + Enter: new actor)"),
    "actors.no_actor_link": ("«{label}» به کنشگر پیوند نمی‌خورد.", "«{label}» spans do not link to actors."),
    "actors.new_title": ("کنشگر تازه", "New actor"),
    "actors.edit_title": ("ویرایش کنشگر", "Edit actor"),
    "actors.name": ("نام کامل", "Canonical name"),
    "actors.type": ("نوع", "Type"),
    "actors.subtype": ("زیرنوع", "Subtype"),
    "actors.aliases": ("نام‌های دیگر", "Aliases"),
    "actors.aliases_hint": ("با ویرگول جدا کنید: زاکانی، شهردار تهران", "Comma-separated: Zakani, mayor of Tehran"),
    "actors.kb_id": ("شناسه پایگاه دانش", "KB id"),
    "who.empty": ("هنوز کنشگری در این سند نیست: اشاره‌ها را به کنشگران و نقل قول‌ها را به گوینده پیوند دهید.",
                  "No actors in this document yet: link mentions to actors and quotes to speakers."),
    "who.copy": ("رونوشت متنی", "Copy as text"),
    "who.mentions": ("{count} اشاره: {names}", "{count} mentions: {names}"),
    "timex.title": ("خوانش عبارت زمانی", "Time expression reading"),
    "timex.apply": ("اعمال", "Apply"),
    "timex.applied": ("اعمال‌شده", "Applied"),
    "timex.apply_tip": ("ویژگی‌های زمانی را با این خوانش پر کن (یک گام واگرد)", "Fill the time attributes with this reading (one undo step)"),
    "timex.unreadable": ("خوانده نشد: {reason}", "Not readable: {reason}"),
    "timex.type": ("نوع", "Type"),
    "timex.value": ("مقدار", "Value"),
    "timex.resolved": ("تاریخ", "Date"),
    "timex.no_anchor": ("تاریخ انتشار سند معلوم نیست", "the document has no publication date"),
    "timex.mod": ("قید", "Modifier"),
    "timex.note": ("یادداشت", "Note"),
    "undo.link": ("پیوند «{relation}»", "link «{relation}»"),
    "undo.unlink": ("حذف پیوند «{relation}»", "remove link «{relation}»"),
    "undo.link_new_actor": ("پیوند «{relation}» به کنشگر تازه «{name}»", "link «{relation}» to new actor «{name}»"),
    "undo.mention_actor": ("پیوند اشاره به کنشگر", "link mention to actor"),
    "undo.mention_no_actor": ("برداشتن کنشگر اشاره", "unlink mention from actor"),
    "undo.new_actor": ("کنشگر تازه «{name}»", "new actor «{name}»"),
    "undo.edit_actor": ("ویرایش کنشگر «{name}»", "edit actor «{name}»"),
    "undo.merge_actors": ("ادغام «{drop}» در «{keep}»", "merge «{drop}» into «{keep}»"),
    "undo.timex": ("اعمال خوانش زمانی", "apply time reading"),
}


def add_strings(strings: dict[str, tuple[str, str]]) -> None:
    """Register a feature's own strings (``key: (fa, en)``). A key already defined with other
    text is a clash (one of the two would silently never show), so it is refused."""
    for key, value in strings.items():
        if _STRINGS.setdefault(key, value) != value:
            raise ValueError(f"interface string {key!r} is already defined with other text")


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
