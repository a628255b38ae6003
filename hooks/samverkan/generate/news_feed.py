"""The news RSS 2.0 feed, deterministic: its dates come from the posts, not the clock."""

from __future__ import annotations

from datetime import datetime
from email.utils import format_datetime
from typing import Callable
from xml.etree import ElementTree as ET
from zoneinfo import ZoneInfo

from samverkan.content.model import NewsPost

# At the site's root: Material reads every <link rel="alternate"> as another
# language of the site and fetches "sitemap.xml" beside it, which exists only
# at the root (a feed in aktuellt/ cost every page view a 404).
RSS_URI = "rss.xml"
LATEST_IN_FEED = 20
_STOCKHOLM = ZoneInfo("Europe/Stockholm")


def _rfc822(post: NewsPost) -> str:
    return format_datetime(datetime(post.date.year, post.date.month, post.date.day, tzinfo=_STOCKHOLM))


def rss(posts: tuple[NewsPost, ...], site_url: str, url_of: Callable[[NewsPost], str]) -> bytes:
    base = site_url.rstrip("/") + "/"
    root = ET.Element("rss", version="2.0", attrib={"xmlns:atom": "http://www.w3.org/2005/Atom"})
    channel = ET.SubElement(root, "channel")
    ET.SubElement(channel, "title").text = "Samverkanstorget – Aktuellt"
    ET.SubElement(channel, "link").text = base + "aktuellt/"
    ET.SubElement(channel, "description").text = "Nyheter från Vårdsamverkan i Göteborgsområdet"
    ET.SubElement(channel, "language").text = "sv"
    ET.SubElement(channel, "atom:link", href=base + RSS_URI, rel="self", type="application/rss+xml")
    if posts:
        ET.SubElement(channel, "lastBuildDate").text = _rfc822(posts[0])
    for post in posts[:LATEST_IN_FEED]:
        item = ET.SubElement(channel, "item")
        link = base + url_of(post)
        ET.SubElement(item, "title").text = post.title
        ET.SubElement(item, "link").text = link
        ET.SubElement(item, "guid", isPermaLink="true").text = link
        ET.SubElement(item, "pubDate").text = _rfc822(post)
        ET.SubElement(item, "description").text = post.excerpt
        for category in post.categories:
            ET.SubElement(item, "category").text = category
    ET.indent(root)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="utf-8") + b"\n"
