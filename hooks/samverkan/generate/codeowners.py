"""Who reviews what: the git host's code-owners file, generated from the groups.

A group's `redaktörer` review every change to its files: its page, its minutes
folder and its calendar files. Generated, never edited by hand, and checked
to be up to date by `make check`.
"""

from __future__ import annotations

from samverkan.content.model import Content

CODEOWNERS = ".github/CODEOWNERS"
HEADER = """# Skapad av `make kodagare` från fältet redaktörer i docs/grupper/*.md.
# Redigera inte för hand: ändra gruppens fil och kör make kodagare.
"""


def codeowners(content: Content) -> str:
    lines = [HEADER]
    for group in content.groups.values():
        if not group.editors:
            continue
        owners = " ".join(group.editors)
        lines.append(f"# {group.name}")
        lines.append(f"/docs/grupper/{group.slug}.md {owners}")
        lines.append(f"/minnesanteckningar/{group.slug}/ {owners}")
        lines.append(f"/kalender/{group.slug}.yml {owners}")
        lines.append(f"/kalender/{group.slug}-*.yml {owners}")
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"
