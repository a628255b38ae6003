"""The news RSS 2.0 feed, deterministic: its dates come from the posts, not the clock."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from email.utils import format_datetime
from typing import Callable
from xml.etree import ElementTree as ET
from zoneinfo import ZoneInfo

from samverkan.content.model import NewsPost
from samverkan.generate.links import group_uri, minutes_uri

# At the site's root: Material reads every <link rel="alternate"> as another
# language of the site and fetches "sitemap.xml" beside it, which exists only
# at the root (a feed in aktuellt/ cost every page view a 404).
RSS_URI = "rss.xml"
LATEST_IN_FEED = 20
_STOCKHOLM = ZoneInfo("Europe/Stockholm")


def _rfc822(day: date) -> str:
    return format_datetime(datetime(day.year, day.month, day.day, tzinfo=_STOCKHOLM))


def rss(posts: tuple[NewsPost, ...], site_url: str, url_of: Callable[[NewsPost], str]) -> bytes:
    base = site_url.rstrip("/") + "/"
    items = [FeedItem(post.title, base + url_of(post), _rfc822(post.date), post.excerpt, tuple(post.categories))
             for post in posts[:LATEST_IN_FEED]]
    return rss_feed("Samverkanstorget – Aktuellt", base + "aktuellt/", "Nyheter från Vårdsamverkan i Göteborgsområdet",
                    base + RSS_URI, items)


@dataclass(frozen=True)
class FeedItem:
    title: str
    link: str
    published: str  # RFC 822
    description: str
    categories: tuple[str, ...] = ()


def rss_feed(title: str, link: str, description: str, self_url: str, items: list[FeedItem]) -> bytes:
    """RSS 2.0, as the W3C feed validator wants it: a self link, a guid and a date for every item."""
    root = ET.Element("rss", version="2.0", attrib={"xmlns:atom": "http://www.w3.org/2005/Atom"})
    channel = ET.SubElement(root, "channel")
    ET.SubElement(channel, "title").text = title
    ET.SubElement(channel, "link").text = link
    ET.SubElement(channel, "description").text = description
    ET.SubElement(channel, "language").text = "sv"
    ET.SubElement(channel, "atom:link", href=self_url, rel="self", type="application/rss+xml")
    if items:
        ET.SubElement(channel, "lastBuildDate").text = items[0].published
    for entry in items:
        item = ET.SubElement(channel, "item")
        ET.SubElement(item, "title").text = entry.title
        ET.SubElement(item, "link").text = entry.link
        ET.SubElement(item, "guid", isPermaLink="true").text = entry.link
        ET.SubElement(item, "pubDate").text = entry.published
        ET.SubElement(item, "description").text = entry.description
        for category in entry.categories:
            ET.SubElement(item, "category").text = category
    ET.indent(root)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="utf-8") + b"\n"


# ---- The minutes, to follow a group without visiting the site ------------------

MINUTES_FEED = "minnesanteckningar/flode.xml"
MINUTES_IN_FEED = 30


def group_minutes_feed_uri(group: str) -> str:
    return f"minnesanteckningar/{group}/flode.xml"


def minutes_feeds(content, site_url: str) -> dict[str, bytes]:
    """One RSS feed of every group's published minutes, with their decisions,
    and one of all minutes (newest first; drafts are never in the content)."""
    base = site_url.rstrip("/") + "/"

    def page_of(uri: str) -> str:
        return uri.removesuffix(".md") + "/"

    def item(minutes) -> FeedItem:
        group = content.groups[minutes.group].name
        lines = [minutes.summary] if minutes.summary else []
        lines += [f"Beslut: {decision}" for decision in minutes.decisions]
        title = minutes.title if group in minutes.title else f"{group}: {minutes.title}"
        return FeedItem(title, base + page_of(minutes_uri(minutes)), _rfc822(minutes.date),
                        "\n".join(lines) or minutes.title, (group,))

    newest = sorted(content.minutes, key=lambda m: (m.date, m.group, m.name), reverse=True)
    feeds = {MINUTES_FEED: rss_feed(
        "Samverkanstorget – minnesanteckningar", base + "minnesanteckningar/",
        "Nya minnesanteckningar från samverkansgrupperna, med beslut", base + MINUTES_FEED,
        [item(m) for m in newest[:MINUTES_IN_FEED]])}
    for slug, group in content.groups.items():
        own = [m for m in newest if m.group == slug][:MINUTES_IN_FEED]
        uri = group_minutes_feed_uri(slug)
        feeds[uri] = rss_feed(f"{group.name} – minnesanteckningar", base + page_of(group_uri(slug)),
                              f"Nya minnesanteckningar från {group.name}, med beslut", base + uri,
                              [item(m) for m in own])
    return feeds
