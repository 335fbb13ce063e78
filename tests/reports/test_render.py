"""Render the monthly report with LibreOffice and look at the pages the way a reader would:
A4, every word inside the page (no table runs off it), the footer's "pagina x van y"."""
from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ElementTree

import pytest

from evaltoolkit.reports import build_monthly_report, render_docx

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PDFTOTEXT = shutil.which("pdftotext")
pytestmark = [pytest.mark.slow, pytest.mark.skipif(not (SOFFICE and PDFTOTEXT),
                                reason="LibreOffice (soffice) and poppler-utils (pdftotext) are needed to render")]


@pytest.fixture(scope="module")
def pages(data, context, tmp_path_factory):
    folder = tmp_path_factory.mktemp("render")
    docx = render_docx(build_monthly_report(data, context, month="2024-10"), folder / "report.docx")
    profile = folder / "profile"   # a profile of its own: no clash with another LibreOffice running
    subprocess.run([SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(folder), str(docx)], check=True, capture_output=True, timeout=300)
    subprocess.run([PDFTOTEXT, "-bbox", str(folder / "report.pdf"), str(folder / "words.html")], check=True,
                   timeout=60)
    text = (folder / "words.html").read_text(encoding="utf-8")
    root = ElementTree.fromstring(text[text.index("<html"):].replace("&nbsp;", " "))
    return root.findall(".//{http://www.w3.org/1999/xhtml}page")


def test_pages_are_a4(pages):
    assert pages
    for page in pages:
        assert (round(float(page.get("width"))), round(float(page.get("height")))) == (595, 842)


def test_no_word_runs_off_the_page(pages):
    for number, page in enumerate(pages, start=1):
        width = float(page.get("width"))
        for word in page.iter("{http://www.w3.org/1999/xhtml}word"):
            assert float(word.get("xMin")) >= 0 and float(word.get("xMax")) <= width - 20, (
                f"page {number}: a word ends at {word.get('xMax')} of {width} points")


def test_footer_says_page_x_of_y(pages):
    last = " ".join(w.text or "" for w in pages[-1].iter("{http://www.w3.org/1999/xhtml}word"))
    assert f"pagina {len(pages)} van {len(pages)}" in last
