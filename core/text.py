"""Small text helpers every app shares."""

import unicodedata


def without_control_characters(text):
    """Text without control and format characters (NUL, zero-width space …):
    each becomes a space."""
    return "".join(
        char if char.isspace() or unicodedata.category(char) not in ("Cc", "Cf", "Cs", "Co") else " "
        for char in str(text or "")
    )
