"""The privacy guard finds identity numbers in every usual spelling, and nothing else."""

import pytest

from samverkan.safety.privacy import check_text, find_identity_numbers


def with_check_digit(nine: str) -> str:
    """The tenth digit that makes YYMMDDNNN a valid number (Luhn)."""
    for digit in "0123456789":
        total = 0
        for index, char in enumerate(nine + digit):
            value = int(char) * (2 if index % 2 == 0 else 1)
            total += value - 9 if value > 9 else value
        if total % 10 == 0:
            return nine + digit
    raise AssertionError


VALID = with_check_digit("850612123")  # 850612-123X
COORDINATION = with_check_digit("850672987")  # day 12 + 60: samordningsnummer
CHILD = with_check_digit("150307456")  # born 2015


@pytest.mark.parametrize(
    "text",
    [
        f"{VALID[:6]}-{VALID[6:]}",
        f"19{VALID[:6]}-{VALID[6:]}",
        f"19{VALID}",
        VALID,
        f"{VALID[:6]}+{VALID[6:]}",
        f"{VALID[:6]} {VALID[6:]}",
        f"Personnummer:{VALID[:6]}-{VALID[6:]}",
        f"Samordningsnummer {COORDINATION[:6]}-{COORDINATION[6:]}.",
        f"Eleven ({CHILD[:6]}-{CHILD[6:]}) har hög frånvaro",
        f"20{CHILD}",
    ],
)
def test_identity_numbers_are_found(text):
    assert len(list(find_identity_numbers(text))) == 1


def luhn_valid_phone() -> str:
    # A mobile number that would also pass as an identity number (born 2007).
    return with_check_digit("070123456")


@pytest.mark.parametrize(
    "text",
    [
        "Mötet hölls 2026-03-10 kl. 10:30-12:00.",
        "20260310",
        "Mötet 2026-03-10 1234 deltagare",
        "Telefon 031-365 00 00, mobil 070-123 45 67",
        f"Telefon {luhn_valid_phone()}",
        f"Ring {luhn_valid_phone()} vid frågor",
        "Dnr VGR 2024-00123, diarienummer 2025-001234",
        "Göteborgs Stad, organisationsnummer 212000-1355",
        "Västra Götalandsregionen 232100-0131",
        f"{VALID[:6]}-{int(VALID[6:]) ^ 1:04d}",  # wrong check digit
        "991332-1234",  # no 32nd day of the 13th month
        "+46701234567",
    ],
)
def test_other_numbers_are_not_flagged(text):
    assert list(find_identity_numbers(text)) == []


def test_problem_names_file_and_line_and_masks_the_number():
    text = "---\ntitel: Möte\n---\n\nIngen här.\nMen här: " + f"{VALID[:6]}-{VALID[6:]}\n"
    problems = check_text(text, "minnesanteckningar/nordost/2026-03-10.md")
    assert len(problems) == 1
    assert problems[0].line == 6
    assert problems[0].found.endswith("****") and VALID[6:] not in problems[0].found
    assert "personnummer" in str(problems[0])


def test_every_dash_and_space_of_unicode_between_date_and_digits():
    """The classes themselves, not a list of examples: every Pd and Zs
    character, as Word, Outlook and phones paste them."""
    import sys
    import unicodedata

    between = [chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) in ("Pd", "Zs")]
    assert len(between) > 40
    missed = [hex(ord(c)) for c in between if len(list(find_identity_numbers(f"{VALID[:6]}{c}{VALID[6:]}"))) != 1]
    assert missed == []


@pytest.mark.parametrize("text", [
    f"{VALID[:6]}-\n{VALID[6:]}",  # broken over two lines of a paragraph
    f"{VALID[:3]}\u200b{VALID[3:6]}\u2060-\u00ad{VALID[6:]}",  # invisible characters anywhere
    f"{VALID[:4]}<em>{VALID[4:6]}</em>&#8209;{VALID[6:]}",  # markup and a character reference between
    f"https://example.se/?pnr={VALID[:6]}%2D{VALID[6:]}",  # percent-encoded in an address
    f"vårdplanering {VALID}",  # "ring" inside a word is no phone number
])
def test_numbers_hidden_in_how_text_is_written(text):
    assert len(list(find_identity_numbers(text))) == 1
