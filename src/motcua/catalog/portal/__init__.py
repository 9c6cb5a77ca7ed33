"""Pages of the National Public Service Portal (dichvucong.gov.vn) read into the exchange form.

One raw page (`shared/data/sources/chatbot_tthc/raw/<ministry>/<code>.json`, its README says
where the crawl comes from) becomes one record of `spec.parse_procedure`'s form. Each section is
read by a written rule; what a rule cannot read is kept verbatim in `unparsed` and the page is
counted as partly parsed, with the reason. Nothing is guessed: a value the page leaves open (a
time limit without its unit, a fee cell that says free next to amounts) is imported with the
state `unverified` so that an official confirms it.
"""

from motcua.catalog.portal.documents import parse_documents
from motcua.catalog.portal.pages import CRAWLED_ON, Parsed, parse_page, parse_report, read_pages
from motcua.catalog.portal.sections import (
    APPLICANTS,
    FOLDER_ROLES,
    parse_applicants,
    parse_legal_basis,
    parse_level,
    parse_result,
)
from motcua.catalog.portal.table import CHANNELS, parse_channels, parse_fees, parse_time

__all__ = [
    "APPLICANTS",
    "CHANNELS",
    "CRAWLED_ON",
    "FOLDER_ROLES",
    "Parsed",
    "parse_applicants",
    "parse_channels",
    "parse_documents",
    "parse_fees",
    "parse_legal_basis",
    "parse_level",
    "parse_page",
    "parse_report",
    "parse_result",
    "parse_time",
    "read_pages",
]
