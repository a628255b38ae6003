"""The search index (Pagefind): the Markdown its compound words are made of, and a preview's index written in the background."""

from __future__ import annotations

from samverkan.generate.search_index import IndexingCancelled, SearchIndexing
from samverkan.mkdocs_side import session


def markdown_of(file) -> str:
    try:
        return file.content_string
    except (OSError, UnicodeDecodeError):  # reported where the page is rendered
        return ""


def index_for_search(indexing: SearchIndexing) -> None:
    try:
        count = indexing.finish()
    except IndexingCancelled:  # a newer build is on its way, with its own index
        session.log.info("Sökindexet görs om av nästa bygge.")
        return
    except (OSError, RuntimeError, ValueError) as error:
        session.log.error(f"Sökindexet kunde inte skrivas: {error}")
        return
    session.log.info(f"Sökindexet är uppdaterat ({count} sidor).")


def wait_for_search_index(give_up: bool = False) -> None:
    """A preview's last search index is done before anything else is; a
    rebuild gives it up, since it makes a new one."""
    if give_up and session.background_indexing is not None:
        session.background_indexing.cancel()
    if session.search_indexing is not None:
        session.search_indexing.join()
