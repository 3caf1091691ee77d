"""The handout as a PDF: WeasyPrint lays out the HTML of ``document.py`` with ``handout.css``,
and segno draws the QR code of the session's address."""

from __future__ import annotations

from pathlib import Path

import segno
from weasyprint import CSS, HTML

from unknot.handout.document import handout_html
from unknot.knowledge import KnowledgeBase
from unknot.planning.answer import Answer

STYLE = Path(__file__).with_name("handout.css")


def qr_uri(url: str) -> str:
    """A QR code of ``url`` as an SVG data address (error correction M, a quiet zone of 2)."""
    return str(segno.make(url, error="m").svg_data_uri(scale=4, border=2))


def handout_pdf(
    result: Answer,
    kb: KnowledgeBase,
    *,
    session_url: str,
    program_by: str | None = None,
    program_note: str = "",
) -> bytes:
    """The PDF bytes of the plan's handout: one A4 page for a short plan, two for an hour.
    With ``program_by``, the routine is that practitioner's program, with their notes."""
    html = handout_html(
        result,
        kb,
        session_url=session_url,
        qr_uri=qr_uri(session_url),
        program_by=program_by,
        program_note=program_note,
    )
    pdf = HTML(string=html).write_pdf(stylesheets=[CSS(filename=str(STYLE))])
    assert pdf is not None
    return bytes(pdf)
