"""Load and validate all content of the site, once per build."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from samverkan.safety.attachment_access import images_without_text
from samverkan.safety.attachments import PublishedFile, ScanCache, content_key, file_type, scan_file, scan_problems, type_problem
from samverkan.safety.clean_copies import CLEANER_VERSION, CannotClean, clean_copy
from samverkan.content.event_history import CalendarHistory
from samverkan.safety.file_gate import filesystem_problems
from samverkan.content.loaders.agreements import load_agreements
from samverkan.content.loaders.calendar import CALENDAR_DIR, load_events, written_versions
from samverkan.content.loaders.documents import check_document_references, load_documents
from samverkan.content.loaders.accessibility import TEST_RUN_FILE
from samverkan.content.loaders.glossary import load_glossary
from samverkan.content.loaders.groups import check_group_references, load_groups
from samverkan.content.loaders.common import map_in_parallel, regular_files
from samverkan.content.loaders.minutes import load_minutes
from samverkan.content.loaders.news import load_news
from samverkan.content.loaders.plans import load_plans
from samverkan.content.loaders.representation import REPRESENTATION_FILE, check_members, load_representation
from samverkan.content.loaders.tools import load_tools
from samverkan.content.model import Content
from samverkan.content.loaders.glossary import GLOSSARY_FILE
from samverkan.safety.macro_calls import macro_problems, render_macros_requested
from samverkan.safety.markup_policy import check_body
from samverkan.memo import memo, next_build
from samverkan.safety.privacy import check_text
from samverkan.problems import ContentError, Problem, did_you_mean
from samverkan.content.yaml_source import markdown_from_text, read_text

# Everything editors write lives here; the privacy guard reads all of it.
CONTENT_ROOTS = ("docs", "minnesanteckningar", "kalender", "verktygslada")
TEXT_SUFFIXES = {".md", ".markdown", ".yml", ".yaml", ".txt", ".csv", ".html"}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
# Text files MkDocs copies to the site as they are; no loader reads them.
PUBLISHED_AS_IS = {".txt", ".csv"}
# Files in docs/ that are the site's own (reviewed by its maintainers) or data
# read by the hooks; every other file there is published as it is by MkDocs.
SITE_FILES = ("docs/stylesheets/",)
# The copies the site publishes of attachments, by content (see clean_copies).
COPIES_DIR = Path(".cache") / "samverkan" / "publiceras"


@dataclass(frozen=True)
class LoadResult:
    """What loaded cleanly, and what did not. A strict build refuses any problem;
    a preview (mkdocs serve) shows the problems and publishes the rest."""

    content: Content
    problems: tuple[Problem, ...]
    notices: tuple[Problem, ...] = ()  # reminders that do not stop a build
    # What the site publishes instead of each attachment (repository path ->
    # the copy without metadata; see clean_copies).
    copies: dict[str, str] = field(default_factory=dict)
    # Published documents not everyone can read (repository path -> what
    # keeps them from it; see attachment_access): warned about, not refused.
    inaccessible: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def withheld(self) -> frozenset[str]:
        """Files not to show even in a preview until fixed (a script, an identity number)."""
        return frozenset(p.file for p in self.problems if p.withhold)

    def raise_for_problems(self) -> Content:
        if self.problems:
            raise ContentError(self.problems)
        return self.content


def load_content(root: Path, today: date, workers: int = 1) -> LoadResult:
    next_build()
    problems: list[Problem] = []
    groups, group_slugs = load_groups(root, problems)
    check_group_references(groups, group_slugs, problems)
    documents = load_documents(root, problems)
    check_document_references(documents, group_slugs, problems)
    minutes, guarded = load_minutes(root, groups, group_slugs, problems, workers)
    history = CalendarHistory(root, written_versions, CALENDAR_DIR, _source_date_epoch())
    calendar_notices: list[Problem] = []
    events = load_events(root, group_slugs, groups, problems, history, calendar_notices)
    agreements = load_agreements(root, group_slugs, problems)
    tools = load_tools(root, problems)
    news = load_news(root, problems)
    glossary = load_glossary(root, problems)
    representation = load_representation(root, problems)
    check_members(groups, representation, problems)
    names: dict[str, set[str]] = {}
    for item in minutes:
        names.setdefault(item.group, set()).add(item.name)
    plans = load_plans(root, groups, group_slugs, names, problems)
    check_answers(minutes, problems)
    problems.extend(guard_texts(root, workers, skip=guarded))
    image_notices = images_without_text_in(root)
    problems.extend(filesystem_problems(root, CONTENT_ROOTS))
    published = [*_minutes_attachments(root, minutes), *_docs_files(root, problems)]
    attachment_problems, notices, copies, inaccessible = guard_attachments(root, published, workers)
    problems.extend(attachment_problems)
    withheld = {p.file for p in problems if p.withhold}
    if withheld:  # only a preview gets this far with problems; it must not show these
        minutes, documents, events, agreements, tools, plans = (
            [r for r in records if r.source.path not in withheld]
            for records in (minutes, documents, events, agreements, tools, plans)
        )
        news = [n for n in news if f"docs/{n.uri}" not in withheld]
    content = Content.build(today, groups, documents, minutes, events, agreements, tools, news, glossary,
                            plans=plans, representation=representation)
    return LoadResult(content, _in_order(problems), _in_order([*calendar_notices, *notices, *image_notices]), copies,
                      {path: found for path, found in inaccessible.items() if path not in withheld})


def check_answers(minutes, problems: list[Problem]) -> None:
    """An answer names minutes that raised a question to the answering group."""
    raised = {(m.group, m.date): m for m in minutes if m.raised}
    for item in minutes:
        for answer in item.answers:
            asking = raised.get((answer.group, answer.date))
            if asking is not None and any(q.to == item.group for q in asking.raised):
                continue
            dates = sorted(d.isoformat() for (g, d), m in raised.items()
                           if g == answer.group and any(q.to == item.group for q in m.raised))
            problems.append(
                Problem(
                    item.source.path,
                    item.source.line("besvarar"),
                    "besvarar.datum",
                    f"{answer.group} har inga minnesanteckningar den dagen med en fråga till {item.group}",
                    answer.date.isoformat(),
                    "datumet för minnesanteckningarna där frågan lyftes"
                    + (f" ({', '.join(dates)})" if dates else ""),
                    did_you_mean(answer.date.isoformat(), dates),
                )
            )


def _in_order(problems: list[Problem]) -> tuple[Problem, ...]:
    return tuple(sorted(dict.fromkeys(problems), key=Problem.sort_key))


def _source_date_epoch() -> int | None:
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return int(value) if value.isdigit() else None


def guard_texts(root: Path, workers: int = 1, skip: set[str] = frozenset()) -> list[Problem]:
    """Every text file editors wrote, drafts included (the repository may be
    public too): no identity numbers, and Markdown bodies within the allow-list.
    Minutes are guarded by their loader, which reads them anyway (`skip`)."""
    files: list[tuple[Path, str]] = []
    for folder in CONTENT_ROOTS:
        base = root / folder
        if not base.is_dir():
            continue
        for parts in regular_files(base):
            rel = "/".join((folder, *parts))
            if os.path.splitext(parts[-1])[1].lower() in TEXT_SUFFIXES and rel not in skip:
                files.append((base.joinpath(*parts), rel))
    return [p for found in map_in_parallel(_guard_file, files, workers) for p in found]


def images_without_text_in(root: Path) -> list[Problem]:
    """A reminder for every image in every page's Markdown without a text for screen readers."""
    found: list[Problem] = []
    for folder in CONTENT_ROOTS:
        base = root / folder
        if not base.is_dir():
            continue
        for parts in regular_files(base):
            if os.path.splitext(parts[-1])[1].lower() not in MARKDOWN_SUFFIXES:
                continue
            rel = "/".join((folder, *parts))
            path = base.joinpath(*parts)
            stat = path.stat()
            # The loaders read these files already; a preview rebuild reads
            # again only the ones that changed.
            found.extend(_IMAGES.get((rel, stat.st_mtime_ns, stat.st_size), lambda: tuple(_images_of(path, rel))))
    return found


def _images_of(path: Path, rel: str) -> list[Problem]:
    text, _ = read_text(path, rel)
    if text is None or ("![" not in text and "<img" not in text.lower()):
        return []
    source, _ = markdown_from_text(text, rel)
    return images_without_text(source.body, rel, source.body_line) if source is not None else []


_IMAGES = memo()


def _guard_file(job: tuple[Path, str]) -> Sequence[Problem]:
    path, rel = job
    text, unread = read_text(path, rel)
    if text is None:
        # Content files are reported by their loaders. A text file published as
        # it is (.txt, .csv) has none: what cannot be read cannot be checked,
        # so it is held back with the reason (a UTF-16 export from Excel, say).
        if os.path.splitext(rel)[1].lower() in PUBLISHED_AS_IS:
            return [replace(problem, withhold=True) for problem in unread]
        return []
    # Checking a body means rendering its Markdown: once per text, not per rebuild.
    return _GUARDED.get((rel, text), lambda: tuple(_guard_text(path, rel, text)))


_GUARDED = memo()


def _guard_text(path: Path, rel: str, text: str) -> list[Problem]:
    found = check_text(text, rel)
    if path.suffix.lower() in MARKDOWN_SUFFIXES:
        source, _ = markdown_from_text(text, rel)  # front matter errors come from the loaders
        if source is not None:
            found.extend(check_body(source.body, rel, source.body_line))
            if rel.startswith("docs/") and render_macros_requested(source.meta):
                found.extend(macro_problems(source.body, rel, source.body_line))
    return found


def _minutes_attachments(root: Path, minutes) -> list[PublishedFile]:
    return [
        PublishedFile(root / "minnesanteckningar" / m.group / a.file, a.file, m.source.path, a.line, "bilagor.fil")
        for m in minutes
        for a in m.attachments
    ]


def _docs_files(root: Path, problems: list[Problem]) -> list[PublishedFile]:
    """Every file in docs/ that MkDocs would copy to the site as it is: typed
    here; those of a type with text are returned for the privacy guard."""
    base = root / "docs"
    if not base.is_dir():
        return []
    found = []
    for path in sorted(base.rglob("*")):
        rel = path.relative_to(root).as_posix()
        parts = path.relative_to(base).parts
        if (
            path.is_symlink()
            or not path.is_file()
            or any(part.startswith(".") for part in parts)
            or path.suffix.lower() in MARKDOWN_SUFFIXES
            or rel in (GLOSSARY_FILE, REPRESENTATION_FILE, TEST_RUN_FILE)
            or rel.startswith(SITE_FILES)
        ):
            continue
        problem = type_problem(path)
        if problem:
            problems.append(Problem(rel, None, None, problem, path.name, withhold=True))
        elif file_type(path.name).reader:
            found.append(PublishedFile(path, rel, rel))
    return found


def guard_attachments(
    root: Path, files: list[PublishedFile], workers: int = 1
) -> tuple[list[Problem], list[Problem], dict[str, str], dict[str, tuple[str, ...]]]:
    """The privacy guard for every part of attachments with text, and the
    copies the site publishes instead of them: (problems, reminders, copies
    by repository path, what keeps each document from being read by everyone)."""
    cache = ScanCache(root)
    readable = [(f, file_type(f.path.name).reader, content_key(f.path)) for f in files if file_type(f.path.name).reader]
    missing = list({key: (f.path, reader) for f, reader, key in readable if cache.get(key) is None}.items())
    for (key, _), scan in zip(missing, map_in_parallel(_scan_job, [job for _, job in missing], workers)):
        cache.put(key, scan)
    cache.save()
    problems: list[Problem] = []
    notices: list[Problem] = []
    copies_wanted = {}
    inaccessible: dict[str, tuple[str, ...]] = {}
    for file, reader, key in readable:
        found, reminders = scan_problems(file, cache.get(key))
        problems.extend(found)
        notices.extend(reminders)
        if cache.get(key).access:
            inaccessible[file.path.relative_to(root).as_posix()] = cache.get(key).access
        if not found:
            copies_wanted[file.path] = (file, reader, key)
    copies: dict[str, str] = {}
    folder = root / COPIES_DIR
    jobs = []
    for path, (file, reader, key) in copies_wanted.items():
        target = folder / f"{key.replace(':', '-')}-{CLEANER_VERSION}{path.suffix.lower()}"
        jobs.append((file, reader, path, target))
    made = map_in_parallel(_copy_job, [(path, reader, target) for _, reader, path, target in jobs], workers)
    for (file, _, path, target), failure in zip(jobs, made):
        if failure is None:
            copies[path.relative_to(root).as_posix()] = str(target)
        else:
            problems.append(Problem(file.page, file.line, file.field,
                                    f"bilagan {file.name} kan inte göras i ordning för publicering ({failure})",
                                    expected="en fil som går att öppna", withhold=True))
    return problems, notices, copies, inaccessible


def _copy_job(job: tuple[Path, str, Path]) -> str | None:
    """Make the published copy unless it is made already; why not, or None."""
    path, reader, target = job
    if target.is_file():
        return None
    try:
        data = clean_copy(path, reader)
    except CannotClean as error:
        return str(error)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(target.suffix + f".{os.getpid()}.tmp")
    partial.write_bytes(data if data is not None else path.read_bytes())
    os.replace(partial, target)
    return None


def _scan_job(job: tuple[Path, str]):
    path, reader = job
    return scan_file(path, reader)
