"""The site's address scheme: where every generated page and file lives.

One place for it, so pages, feeds and the MkDocs edge agree on every link.
"""

from __future__ import annotations

from samverkan.content.model import (
    ActionItem,
    ActionPlan,
    ActionStatus,
    Agreement,
    AgreementStatus,
    Attachment,
    Content,
    Document,
    Event,
    Group,
    Minutes,
    Occurrence,
    Tool,
)
from samverkan.generate.markdown import Md
from samverkan.language.swedish import MONTHS, short_date, swedish_date


def group_uri(group: Group | str) -> str:
    return f"grupper/{group if isinstance(group, str) else group.slug}.md"


def handover_uri(group: Group | str) -> str:
    """The page for a new member of the group (printable)."""
    return f"grupper/{group if isinstance(group, str) else group.slug}/ny-i-gruppen.md"


PLAN_PAGES = "handlingsplaner/"


def plan_uri(plan: ActionPlan) -> str:
    return f"{PLAN_PAGES}{plan.group}/{plan.year}.md"


def document_uri(document: Document) -> str:
    return f"dokument/{document.slug}.md"


def minutes_uri(minutes: Minutes) -> str:
    return f"minnesanteckningar/{minutes.group}/{minutes.name}.md"


def attachment_uri(minutes: Minutes, attachment: Attachment) -> str:
    return f"minnesanteckningar/{minutes.group}/{attachment.file}"


def status_label(content: Content, action: ActionItem) -> str:
    """Status in words, never only as a colour."""
    if action.status == ActionStatus.DONE:
        return "Klar"
    return "Försenad" if action.is_overdue(content.today) else "Öppen"


def event_uri(event: Event) -> str:
    return f"kalender/handelser/{event.id}.md"


def event_ics_uri(event: Event) -> str:
    return f"kalender/handelser/{event.id}.ics"


def group_feed_uri(group: Group | str) -> str:
    return f"kalender/{group if isinstance(group, str) else group.slug}.ics"


def agreement_uri(agreement: Agreement) -> str:
    return f"overenskommelser/{agreement.slug}.md"


def tool_uri(tool: Tool) -> str:
    return f"verktygslada/{tool.slug}.md"


def agreement_status_text(content: Content, agreement: Agreement) -> str:
    """The status in words (never only a colour), with the date that explains it."""
    status = content.agreement_status(agreement)
    if status == AgreementStatus.ENDING_SOON and agreement.valid_to:
        return f"Upphör snart ({swedish_date(agreement.valid_to)})"
    if status == AgreementStatus.REVIEW_OVERDUE and agreement.next_review():
        return f"Omprövning försenad (skulle omprövas {swedish_date(agreement.next_review())})"
    if status == AgreementStatus.UPCOMING and agreement.valid_from:
        return f"Kommande (gäller från {swedish_date(agreement.valid_from)})"
    return status.value.capitalize()


def template_helpers(content: Content) -> dict:
    """What every template may link to."""
    return dict(
        event_uri=event_uri,
        event_ics_uri=event_ics_uri,
        group_feed_uri=group_feed_uri,
        all_groups=content.groups,
        minutes_on=content.minutes_on,
        when=when,
        held_on=held_on,
        moved_from=moved_from,
        short_date=short_date,
        today=content.today,
        group_uri=group_uri,
        document_uri=document_uri,
        minutes_uri=minutes_uri,
        attachment_uri=attachment_uri,
        status_label=lambda action: status_label(content, action),
        agreement_uri=agreement_uri,
        tool_uri=tool_uri,
        plan_uri=plan_uri,
        handover_uri=handover_uri,
        status_text=lambda agreement: agreement_status_text(content, agreement),
    )


def when(occurrence: Occurrence) -> str:
    """"Heldag", "08:30–12:00", or "23–24 maj" for the time column."""
    event = occurrence.event
    if occurrence.end_date != occurrence.date:
        start, end = occurrence.date, occurrence.end_date
        first = f"{start.day}" if start.month == end.month else f"{start.day} {MONTHS[start.month - 1]}"
        span = f"{first}–{end.day} {MONTHS[end.month - 1]}"
        return span if event.all_day else f"{span}, {occurrence.start_time:%H:%M}–{occurrence.end_time:%H:%M}"
    if event.all_day:
        return "Heldag"
    return f"{occurrence.start_time:%H:%M}–{occurrence.end_time:%H:%M}"


def held_on(occurrence: Occurrence, text: str) -> Md:
    """The day (and start) an occurrence is held, as people read it and as a
    machine does: every list of meetings can be checked against the feed."""
    stamp = occurrence.date.isoformat()
    if occurrence.start_time is not None:
        stamp += f"T{occurrence.start_time:%H:%M}"
    return Md(f'<time class="sv-tillfalle" datetime="{stamp}">{text}</time>')


def moved_from(occurrence: Occurrence) -> str:
    """" (flyttat från tisdag 19 januari 2027)" for a date of a series held on another day."""
    if occurrence.change is None or occurrence.change.new_day is None:
        return ""
    return f" (flyttat från {swedish_date(occurrence.series_date)})"
