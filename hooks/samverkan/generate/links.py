"""The site's address scheme: where every generated page and file lives.

One place for it, so pages, feeds and the MkDocs edge agree on every link.
"""

from __future__ import annotations

from ..model import (
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
    Tool,
)
from ..swedish import short_date, swedish_date, when


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
