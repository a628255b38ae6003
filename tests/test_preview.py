"""The preview (`make serve`, i.e. `mkdocs serve --dirty` with our hooks)
renders only what a saved change affects, and is never stale: after every step
of a random sequence of edits, every file it serves equals a fresh build."""

from __future__ import annotations

import os
import random
import subprocess

from conftest import TODAY, SiteCopy
from preview_support import Editor, Preview, differences, environment, fresh_build

STEPS = int(os.environ.get("SAMVERKAN_FORHANDSVISNING_STEG", "10"))


def test_random_edits_leave_the_preview_equal_to_a_fresh_build(site_copy: SiteCopy):
    # A fixed sequence in `make test`, so that CI is repeatable; set
    # SAMVERKAN_FORHANDSVISNING_FRO=slump (or a number) for others.
    chosen = os.environ.get("SAMVERKAN_FORHANDSVISNING_FRO", "20261128")
    seed = random.randrange(10**6) if chosen == "slump" else int(chosen)
    env = environment(TODAY)
    # A repository, as editors have it: some steps commit, which changes
    # what the history-based parts of pages and feeds say.
    git = ["git", "-c", "user.name=Redaktör", "-c", "user.email=redaktor@example.se"]
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "Början"]):
        subprocess.run([*git, *command], cwd=site_copy.root, check=True, capture_output=True)
    preview = Preview(site_copy.root, env)
    editor = Editor(site_copy.root, seed)
    done = []
    try:
        for step in range(STEPS):
            before = preview.builds()
            done.append(editor.step())
            preview.settle(before)
            fresh = site_copy.root.parent / f"fresh-{step}"
            fresh_build(site_copy.root, fresh, preview.url, env)
            found = differences(preview.site, fresh)
            assert not found, f"frö {seed}, efter {done}:\n" + "\n".join(found[:20])
    finally:
        log = preview.stop()
    assert "Traceback" not in log, log[-3000:]


def test_a_rebuild_with_nothing_changed_still_renders_the_pages_made_of_others():
    from samverkan.mkdocs_side.preview_state import PageInput, PreviewState

    pages = [PageInput("a.md", "1", "a/", "/s/a"), PageInput("aktuellt/index.md", "2", "aktuellt/", "/s/x", always=True),
             PageInput("verktygslada/v.md", "3", "verktygslada/v/", "/s/v", together="verktygslada"),
             PageInput("verktygslada/w.md", "4", "verktygslada/w/", "/s/w", together="verktygslada")]
    state = PreviewState(site="s", pages={p.uri: p.fingerprint for p in pages}, dests=frozenset(p.dest for p in pages))
    assert state.plan("s", pages) == {"aktuellt/index.md"}
    assert state.plan("other", pages) is None
    changed = [PageInput("verktygslada/v.md", "9", "verktygslada/v/", "/s/v", together="verktygslada"), *pages[:2], pages[3]]
    assert state.plan("s", changed) == {"aktuellt/index.md", "verktygslada/v.md", "verktygslada/w.md"}
    assert state.removed_outputs(p.dest for p in pages[:2]) == ["/s/v", "/s/w"]
