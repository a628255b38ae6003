"""The preview (`make serve`, i.e. `mkdocs serve --dirty` with our hooks)
renders only what a saved change affects, and is never stale: after every step
of a random sequence of edits, every file it serves equals a fresh build."""

from __future__ import annotations

import os
import random

from conftest import TODAY, SiteCopy
from preview_support import Editor, Preview, differences, environment, fresh_build

STEPS = int(os.environ.get("SAMVERKAN_FORHANDSVISNING_STEG", "10"))


def test_random_edits_leave_the_preview_equal_to_a_fresh_build(site_copy: SiteCopy):
    # A fixed sequence in `make test`, so that CI is repeatable; set
    # SAMVERKAN_FORHANDSVISNING_FRO=slump (or a number) for others.
    chosen = os.environ.get("SAMVERKAN_FORHANDSVISNING_FRO", "20261128")
    seed = random.randrange(10**6) if chosen == "slump" else int(chosen)
    env = environment(TODAY)
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
