"""One fresh preview build, exactly as `mkdocs serve` (without --dirty) makes it,
into a given folder: what the random-edit test compares a running preview with.

    python tests/tools/fresh_preview.py SITE_DIR SERVE_URL
"""

from __future__ import annotations

import sys

from mkdocs.commands.build import build
from mkdocs.config import load_config


def main(site_dir: str, serve_url: str) -> None:
    config = load_config(site_dir=site_dir)
    config.plugins.on_startup(command="serve", dirty=False)
    try:
        config.site_url = serve_url
        build(config, serve_url=serve_url, dirty=False)
    finally:
        config.plugins.on_shutdown()


if __name__ == "__main__":
    main(*sys.argv[1:3])
