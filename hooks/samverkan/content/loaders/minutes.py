"""Minutes: `minnesanteckningar/<group>/<ÅÅÅÅ-MM-DD>[-suffix].md`."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from samverkan.content import fields as f
from samverkan.content.model import (
    ActionItem,
    Answer,
    ActionStatus,
    Attachment,
    Group,
    GroupType,
    MeetingType,
    Minutes,
    RaisedQuestion,
    Source,
)
from samverkan.problems import Problem, did_you_mean
from samverkan.language.swedish import swedish_date
from samverkan.safety.attachments import file_type, type_problem
from samverkan.safety.markup_policy import check_body
from samverkan.safety.privacy import check_text
from samverkan.content.yaml_source import markdown_from_text, read_text
from samverkan.memo import HashedOnce, memo
from samverkan.content.loaders.common import content_files, map_in_parallel

# Each minutes file read, by its path, text and the groups it was read against.
_READ = memo()

MINUTES_DIR = "minnesanteckningar"

_FILE_NAME = re.compile(r"^(\d{4}-\d{2}-\d{2})(-[a-z0-9]+(?:-[a-z0-9]+)*)?$")

ACTION_FIELDS = (
    f.Field("vad", f.text, required=True),
    f.Field("ansvarig", f.text),
    f.Field("klart", f.a_date),
    f.Field("status", f.choice([s.value for s in ActionStatus]), default=ActionStatus.OPEN.value),
)
QUESTION_FIELDS = (
    f.Field("till", f.slug, required=True),
    f.Field("fråga", f.text, required=True),
)
# A theme group's answer to a question raised to it, naming the asking
# group's minutes by group and date.
ANSWER_FIELDS = (
    f.Field("grupp", f.slug, required=True),
    f.Field("datum", f.a_date, required=True),
    f.Field("svar", f.text, required=True),
)
ATTACHMENT_FIELDS = (
    f.Field("titel", f.text, required=True),
    f.Field("fil", f.text, required=True),
)


MINUTES_FIELDS = (
    f.Field("grupp", f.slug),
    f.Field("datum", f.a_date),
    f.Field("titel", f.text),
    f.Field("sammanfattning", f.text),
    f.Field("mötestyp", f.choice([t.value for t in MeetingType]), default=MeetingType.REGULAR.value),
    f.Field("plats", f.text),
    f.Field("närvarande", f.list_of(f.text), default=()),
    f.Field("förhinder", f.list_of(f.text), default=()),
    f.Field("beslut", f.list_of(f.text), default=()),
    f.Field("åtgärder", f.mappings(ACTION_FIELDS), default=()),
    f.Field("lyfts_till", f.mappings(QUESTION_FIELDS), default=()),
    f.Field("besvarar", f.mappings(ANSWER_FIELDS), default=()),
    f.Field("taggar", f.list_of(f.text), default=()),
    f.Field("bilagor", f.mappings(ATTACHMENT_FIELDS), default=()),
    f.Field("utkast", f.boolean, default=False),
)

def minutes_title(group_name: str, day: date) -> str:
    return f"Minnesanteckningar {group_name} {swedish_date(day)}"


def load_minutes(
    root: Path, groups: dict[str, Group], group_slugs: set[str], problems: list[Problem], workers: int = 1
) -> tuple[list[Minutes], set[str]]:
    """Published minutes, and the files already checked by the privacy guard.
    Drafts are validated like the rest, then left out.

    With workers > 1 (the `make check` command line, never inside MkDocs) the
    files are read on several cores; the result is the same, in the same order."""
    base = root / MINUTES_DIR
    published: list[Minutes] = []
    if not base.is_dir():
        return published, set()
    jobs: list[tuple[Path, str, str]] = []
    for path, rel in content_files(root, MINUTES_DIR, "*.md", recursive=True):
        parts = path.relative_to(base).parts
        if len(parts) != 2:
            problems.append(
                Problem(
                    rel,
                    None,
                    None,
                    "minnesanteckningar ska ligga direkt i gruppens mapp",
                    expected=f"{MINUTES_DIR}/<grupp>/ÅÅÅÅ-MM-DD.md",
                )
            )
            continue
        folder = parts[0]
        if folder not in group_slugs:
            problems.append(
                Problem(
                    rel,
                    None,
                    None,
                    "mappen har inte namnet på någon grupp",
                    folder,
                    "namnet på en fil i docs/grupper/ utan .md",
                    did_you_mean(folder, sorted(group_slugs)),
                )
            )
            continue
        jobs.append((path, rel, folder))
    if workers > 1:  # a one-off build or `make check`: every file once, on all cores
        results = map_in_parallel(_load_job, jobs, workers, (groups,))
    else:  # a preview: only files whose text (or the groups) changed since the last build
        # What a file's record depends on besides its text: its own group and
        # which groups are theme groups (its questions are raised to one).
        themes = HashedOnce(sorted(slug for slug, g in groups.items() if g.type == GroupType.THEME_GROUP))
        results = [_read_once(job, groups, themes) for job in jobs]
    for item, found in results:
        problems.extend(found)
        if item is not None:
            published.append(item)
    return published, {rel for _, rel, _ in jobs}


def _load_job(job: tuple[Path, str, str], groups: dict[str, Group]) -> tuple[Minutes | None, list[Problem]]:
    """One minutes file: read once, checked by the privacy guard and loaded."""
    path, rel, folder = job
    text, found = read_text(path, rel)
    if text is None:
        return None, found
    return _load_text(path, rel, folder, groups, text, found)


def _load_text(path, rel, folder, groups, text, found):
    found.extend(check_text(text, rel))
    return _load_one(path, rel, folder, groups, found, text), found


def _read_once(job: tuple[Path, str, str], groups: dict[str, Group], themes: tuple):
    path, rel, folder = job
    text, found = read_text(path, rel)
    if text is None:
        return None, found
    # The result depends on the file's name, its text, its group's name (the
    # default title) and the theme groups, nothing else (attachments are read in content.py; their file
    # sizes are part of the key).
    sizes = tuple(_sizes(path.parent, text))
    group = groups.get(folder)
    key = (rel, text, group.name if group else None, themes, sizes)
    item, problems = _READ.get(key, lambda: _load_text(path, rel, folder, groups, text, []))
    return item, [*found, *problems]


def _sizes(folder: Path, text: str):
    """Size and type of every file the text may name as an attachment."""
    for name in re.findall(r"fil:\s*['\"]?([^'\"\n]+?)['\"]?\s*$", text, flags=re.M):
        path = folder / name.strip()
        try:
            stat = path.lstat()
            yield name, stat.st_size, stat.st_mtime_ns
        except (OSError, ValueError):
            yield name, None, None


def _load_one(
    path: Path, rel: str, folder: str, groups: dict[str, Group], problems: list[Problem], text: str
) -> Minutes | None:
    match = _FILE_NAME.match(path.stem)
    file_date = None
    if match:
        try:
            file_date = f.parse_date(match[1])
        except f.FieldError:
            pass
    if file_date is None:
        problems.append(
            Problem(
                rel,
                None,
                None,
                "filnamnet ska börja med mötets datum",
                path.name,
                "ÅÅÅÅ-MM-DD.md eller ÅÅÅÅ-MM-DD-tillägg.md, t.ex. 2026-03-10.md",
            )
        )
        return None
    source, read_problems = markdown_from_text(text, rel)
    problems.extend(read_problems)
    if source is None:
        return None
    problems.extend(check_body(source.body, rel, source.body_line))
    local: list[Problem] = []
    values = f.read_fields(source.meta, MINUTES_FIELDS, rel, local)
    lines = f.field_lines(source.meta, MINUTES_FIELDS)
    if values["grupp"] not in (None, f.MISSING) and values["grupp"] != folder:
        local.append(
            Problem(
                rel,
                lines.get("grupp"),
                "grupp",
                "gruppen stämmer inte med mappen filen ligger i",
                values["grupp"],
                f"{folder} (eller ta bort fältet)",
            )
        )
    if values["datum"] not in (None, f.MISSING) and values["datum"] != file_date:
        local.append(
            Problem(
                rel,
                lines.get("datum"),
                "datum",
                "datumet stämmer inte med filnamnet",
                values["datum"].isoformat(),
                f"{file_date.isoformat()} (eller ta bort fältet)",
            )
        )
    actions = _actions(values["åtgärder"], rel, local)
    raised = _questions(values["lyfts_till"], rel, groups, local)
    attachments = _attachments(values["bilagor"], path.parent, rel, local)
    answers = tuple(
        Answer(v["grupp"], v["datum"], v["svar"])
        for v, _ in f.each_mapping(values["besvarar"], ANSWER_FIELDS, rel, local, "besvarar.")
    )
    problems.extend(local)
    if local or f.has_missing(values) or values["utkast"]:
        return None
    group = groups.get(folder)
    if group is None:  # the group file itself has errors, already reported
        return None
    return Minutes(
        group=folder,
        date=file_date,
        name=path.stem,
        title=values["titel"] or minutes_title(group.name, file_date),
        source=Source(rel, source.body_line, lines),
        body=source.body,
        summary=values["sammanfattning"],
        meeting_type=MeetingType(values["mötestyp"]),
        place=values["plats"],
        present=values["närvarande"],
        absent=values["förhinder"],
        decisions=values["beslut"],
        actions=actions,
        raised=raised,
        tags=values["taggar"],
        attachments=attachments,
        answers=answers,
    )


def _actions(items, rel: str, problems: list[Problem]) -> tuple[ActionItem, ...]:
    result = []
    for item in items if items not in (None, f.MISSING) else ():
        values = f.read_fields(item, ACTION_FIELDS, rel, problems, prefix="åtgärder.")
        if not f.has_missing(values):
            result.append(
                ActionItem(values["vad"], values["ansvarig"], values["klart"], ActionStatus(values["status"]))
            )
    return tuple(result)


def _questions(items, rel: str, groups: dict[str, Group], problems: list[Problem]):
    themes = sorted(s for s, g in groups.items() if g.type == GroupType.THEME_GROUP)
    result = []
    for item in items if items not in (None, f.MISSING) else ():
        values = f.read_fields(item, QUESTION_FIELDS, rel, problems, prefix="lyfts_till.")
        if f.has_missing(values):
            continue
        target = values["till"]
        if target not in themes:
            problems.append(
                Problem(
                    rel,
                    f.field_lines(item, QUESTION_FIELDS).get("till"),
                    "lyfts_till.till",
                    "okänd temagrupp",
                    target,
                    "en grupp med typ: temagrupp (" + ", ".join(themes) + ")",
                    did_you_mean(target, themes),
                )
            )
            continue
        result.append(RaisedQuestion(target, values["fråga"]))
    return tuple(result)


def _attachments(items, folder: Path, rel: str, problems: list[Problem]) -> tuple[Attachment, ...]:
    result = []
    for item in items if items not in (None, f.MISSING) else ():
        values = f.read_fields(item, ATTACHMENT_FIELDS, rel, problems, prefix="bilagor.")
        if f.has_missing(values):
            continue
        name = values["fil"]
        line = f.field_lines(item, ATTACHMENT_FIELDS).get("fil")
        problem = _attachment_problem(folder, name)
        if problem:
            problems.append(
                Problem(rel, line, "bilagor.fil", problem, name, "ett filnamn i samma mapp som minnesanteckningarna")
            )
            continue
        path = folder / name
        problem = type_problem(path)
        if problem:
            problems.append(Problem(rel, line, "bilagor.fil", problem, name))
            continue
        result.append(Attachment(values["titel"], name, path.stat().st_size, file_type(name).label, line))
    return tuple(result)


def _attachment_problem(folder: Path, name: str) -> str | None:
    """Attachments live next to the minutes, inside the group's folder: no
    absolute paths, no `..`, no symlinks that lead elsewhere."""
    if name.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", name) or "\\" in name:
        return "bilagan måste ligga i gruppens mapp, inte på en annan plats"
    if any(part in ("..", "") for part in name.split("/")) or "/" in name:
        return "bilagan måste ligga direkt i gruppens mapp (inga mappnamn eller ..)"
    path = folder / name
    if path.is_symlink():
        return "bilagan är en länk till en annan fil; lägg själva filen i mappen"
    if not path.is_file():
        return "bilagan finns inte"
    if path.suffix.lower() == ".md":
        return "en bilaga kan inte vara en Markdown-fil"
    return None
