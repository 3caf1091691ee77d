"""The one-page handout of a plan, as HTML and as PDF, for every face (web and CLI)."""

from unknot.handout.document import handout_html
from unknot.handout.pdf import handout_pdf

__all__ = ["handout_html", "handout_pdf"]
