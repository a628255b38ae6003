"""Swedish compound words in the search index.

Swedish writes compounds as one word ("skolfrånvaro"), and Pagefind, even
with its Swedish stemmer, only matches a query at the start of a word:
"frånvaro" would not find "skolfrånvaro". For each compound on the site whose
last part is itself a word somewhere on the site, we add that part (and the
first part, when it is a word too) to the page's searchable text (see
generate/search_index.py). The site's own vocabulary is the dictionary, so
words split correctly without a word list to maintain.
"""

from __future__ import annotations

import re
from samverkan.memo import memo

_WORD = re.compile(r"[a-zåäöéü]+")
_TAG = re.compile(r"<[^>]+>")
MIN_HEAD = 4  # "plan", "vård"
MIN_MODIFIER = 3  # "bus", "sip"
MIN_COMPOUND = MIN_HEAD + MIN_MODIFIER


def words(text: str) -> frozenset[str]:
    # Most of the index is the same from one preview rebuild to the next.
    return _WORDS.get(text, lambda: frozenset(_WORD.findall(_TAG.sub(" ", text).lower())))


_WORDS = memo()


def compound_parts(vocabulary: set[str]) -> dict[str, tuple[str, ...]]:
    """{compound: its parts that are words of their own}."""
    parts: dict[str, tuple[str, ...]] = {}
    for word in vocabulary:
        if len(word) < MIN_COMPOUND:
            continue
        for cut in range(MIN_MODIFIER, len(word) - MIN_HEAD + 1):
            head = word[cut:]
            if head in vocabulary:
                modifier = word[:cut]
                found = [head]
                for candidate in (modifier, modifier.removesuffix("s")):
                    if len(candidate) >= MIN_MODIFIER and candidate in vocabulary:
                        found.append(candidate)
                        break
                parts[word] = tuple(found)
                break  # the longest head: "skolfrånvaro" -> "frånvaro", not "varo"
    return parts
