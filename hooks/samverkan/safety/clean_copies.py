"""What the site publishes of an attachment: its content, not what the file says about people.

An editor's file stays as she committed it; the site gets a copy made here.
- Images: decoded and encoded again from their pixels after turning them
  the way the camera held them, so no EXIF (GPS position, camera, owner),
  XMP, IPTC or comment survives. The colour profile stays on purpose: without
  it colours shift.
- PDF (pikepdf): document properties and XMP rewritten to keep only the
  title, the language and the PDF/UA identifier; the structure tree, the
  language and the marked-content flag (what screen readers use) untouched.
- Word, Excel, PowerPoint, OpenDocument: the people in the document
  properties (author, last modified by, manager, company, comments, keywords),
  custom properties, comments and their authors, and tracked changes
  (insertions accepted, deletions dropped) removed: mat2's list of what
  each format hides. The parts are edited with lxml, which keeps namespace
  prefixes (Office refuses a file whose `mc:Ignorable` prefixes were renamed),
  with entities and network access off; the scan has read each part with
  defusedxml before.
Each copy opens in the real libraries of its format; the tests hold that.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

# Bump when a cleaner changes what it removes, so cached copies are made anew.
CLEANER_VERSION = "3"

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_CORE_KEEP = {"title", "language", "created", "modified"}
_APP_DROP = {"Manager", "Company", "HyperlinkBase", "Template"}
# Parts emptied (kept as an empty root, so that their relationships stay valid).
_EMPTIED = ("comments", "people.xml", "commentauthors", "threadedcomments", "persons/", "docprops/custom.xml")
# Word's tracked changes: dropped with their content, or unwrapped (content kept).
_DROPPED = {f"{{{_W}}}{name}" for name in ("del", "moveFrom", "rPrChange", "pPrChange", "sectPrChange", "tblPrChange",
                                             "trPrChange", "tcPrChange", "numberingChange", "commentRangeStart",
                                             "commentRangeEnd", "commentReference", "moveFromRangeStart",
                                             "moveFromRangeEnd", "moveToRangeStart", "moveToRangeEnd")}
_UNWRAPPED = {f"{{{_W}}}ins", f"{{{_W}}}moveTo"}
_ODF_META = "urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
_ODF_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_ODF_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_DC = "http://purl.org/dc/elements/1.1/"
_ODF_META_KEEP = {f"{{{_DC}}}title", f"{{{_DC}}}language", f"{{{_ODF_META}}}creation-date", f"{{{_DC}}}date",
                  f"{{{_ODF_META}}}document-statistic", f"{{{_ODF_META}}}generator"}


class CannotClean(Exception):
    """The copy could not be made; the file is not published (named to the editor)."""


def clean_copy(path: Path, reader: str | None) -> bytes | None:
    """The bytes to publish, or None where the file is published as it is (plain text)."""
    try:
        if reader == "image":
            return _image(path)
        if reader == "pdf":
            return _pdf(path)
        if reader in ("docx", "xlsx", "pptx", "odf"):
            return _package(path)
    except CannotClean:
        raise
    except Exception as error:  # each library has its own errors for a damaged file
        raise CannotClean(f"{type(error).__name__}: {error}"[:200]) from None
    return None


def _image(path: Path) -> bytes:
    from PIL import Image, ImageOps, ImageSequence

    with Image.open(path) as image:
        kind = image.format
        profile = image.info.get("icc_profile")
        frames = getattr(image, "n_frames", 1)
        if kind == "MPO":  # a phone's photo with a smaller second picture: the photo itself, as JPEG
            kind, frames = "JPEG", 1
        options: dict = {"icc_profile": profile} if profile else {}
        out = io.BytesIO()
        if frames > 1:  # an animation: every frame from its pixels, its timing kept, nothing else
            still, timing = [], []
            for frame in ImageSequence.Iterator(image):
                pixels = frame.convert("RGBA")
                still.append(Image.frombytes("RGBA", pixels.size, pixels.tobytes()))
                timing.append(frame.info.get("duration", 100))
            options.update(save_all=True, append_images=still[1:], duration=timing, loop=image.info.get("loop", 0))
            if kind == "WEBP":
                options["lossless"] = True
            else:
                options["disposal"] = 2
            still[0].save(out, format=kind, **options)
            return out.getvalue()
        upright = ImageOps.exif_transpose(image)
        fresh = Image.frombytes(upright.mode, upright.size, upright.tobytes())
        if upright.mode == "P":
            fresh.putpalette(upright.getpalette())
            if "transparency" in upright.info:
                options["transparency"] = upright.info["transparency"]
        if kind in ("JPEG", "WEBP"):
            options["quality"] = 92
        fresh.save(out, format=kind, **options)
        return out.getvalue()


def _pdf(path: Path) -> bytes:
    import pikepdf

    with pikepdf.open(path) as pdf:
        title = pdf.docinfo.get("/Title") if "/Info" in pdf.trailer else None
        if "/Metadata" in pdf.Root:
            with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
                kept = {key: meta[key] for key in (f"{{{_DC}}}title", f"{{{_DC}}}language",
                                                    "{http://www.aiim.org/pdfua/ns/id/}part") if key in meta}
                for key in list(meta):
                    del meta[key]
                for key, value in kept.items():
                    meta[key] = value
        if "/Info" in pdf.trailer:
            del pdf.trailer["/Info"]
        if title is not None:
            pdf.docinfo["/Title"] = title
        out = io.BytesIO()
        # The same file gives the same copy: its /ID from the content, not the clock.
        pdf.save(out, deterministic_id=True)
        return out.getvalue()


def _package(path: Path) -> bytes:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    out = io.BytesIO()
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            data = source.read(member)
            lower = member.filename.lower()
            if lower.endswith((".xml", ".rels")):
                data = _part(lower, data, parser)
            # OpenDocument wants its mimetype first and stored; the order is kept for all.
            compress = zipfile.ZIP_STORED if lower == "mimetype" else zipfile.ZIP_DEFLATED
            info = zipfile.ZipInfo(member.filename, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = compress
            info.external_attr = member.external_attr
            target.writestr(info, data)
    return out.getvalue()


def _part(name: str, data: bytes, parser) -> bytes:
    from lxml import etree

    root = etree.fromstring(data, parser)
    if any(marker in name for marker in _EMPTIED):
        # Excel's comments part must keep its two lists (authors, comments), empty.
        keep_lists = name.startswith("xl/comments")
        for child in list(root):
            if keep_lists:
                for grandchild in list(child):
                    child.remove(grandchild)
            else:
                root.remove(child)
    elif name == "docprops/core.xml":
        for child in list(root):
            if etree.QName(child).localname not in _CORE_KEEP:
                root.remove(child)
    elif name == "docprops/app.xml":
        for child in list(root):
            if etree.QName(child).localname in _APP_DROP:
                root.remove(child)
    elif name == "meta.xml":
        for meta in root.iter(f"{{{_ODF_OFFICE}}}meta"):
            for child in list(meta):
                if child.tag not in _ODF_META_KEEP:
                    meta.remove(child)
    elif name in ("content.xml", "styles.xml"):
        for element in list(root.iter(f"{{{_ODF_OFFICE}}}annotation", f"{{{_ODF_OFFICE}}}annotation-end",
                                      f"{{{_ODF_TEXT}}}tracked-changes")):
            _remove_keeping_tail(element)
    elif name.startswith("word/"):
        for element in [e for e in root.iter() if e.tag in _DROPPED]:
            _remove_keeping_tail(element)
        for element in [e for e in root.iter() if e.tag in _UNWRAPPED]:
            _unwrap(element)
    else:
        return data
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _remove_keeping_tail(element) -> None:
    parent = element.getparent()
    if parent is None:
        return
    if element.tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


def _unwrap(element) -> None:
    parent = element.getparent()
    if parent is None:
        return
    index = parent.index(element)
    for offset, child in enumerate(list(element)):
        parent.insert(index + offset, child)
    _remove_keeping_tail(element)
