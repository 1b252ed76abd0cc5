"""Keys that work whatever keyboard layout is active.

Persian annotators type with the Persian layout switched on, where the key marked Q gives
«ض» and the digit row gives «۱۲۳». Label shortcuts and the number keys of popups accept both:
a Persian letter counts as the Latin letter on the same key (the standard ISIRI 9147 layout),
and Persian or Arabic-Indic digits count as digits.
"""

from __future__ import annotations

import unicodedata

_PERSIAN_LAYOUT = {
    "ض": "q", "ص": "w", "ث": "e", "ق": "r", "ف": "t", "غ": "y", "ع": "u", "ه": "i", "خ": "o", "ح": "p",
    "ش": "a", "س": "s", "ی": "d", "ي": "d", "ب": "f", "ل": "g", "ا": "h", "ت": "j", "ن": "k", "م": "l",
    "ظ": "z", "ط": "x", "ز": "c", "ر": "v", "ذ": "b", "د": "n", "پ": "m", "ئ": "m",
}


def latin_key(text: str) -> str:
    """The Latin letter or digit a key press stands for, lower-case; '' when there is none.

    :param text: the text a key event carries (one character)
    """
    if len(text) != 1:
        return ""
    if text in _PERSIAN_LAYOUT:
        return _PERSIAN_LAYOUT[text]
    digit = digit_value(text)
    if digit is not None:
        return str(digit)
    return text.casefold() if text.isascii() and text.isalnum() else ""


def digit_value(text: str) -> int | None:
    """0-9 for a Latin, Persian or Arabic-Indic digit; None otherwise."""
    if len(text) != 1:
        return None
    value = unicodedata.digit(text, None)
    return value if value is not None and unicodedata.category(text) == "Nd" else None
