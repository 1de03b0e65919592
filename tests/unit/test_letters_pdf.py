"""Letters as PDFs: the text comes out as Chinese, and the main elements sit where GB/T 9704-2012 puts
them in the letter format."""

from __future__ import annotations

import io

import pdfplumber
import pytest

from app.documents.letter_pdf import render_letter
from app.documents.templates import fill_template, sample_context


@pytest.mark.parametrize("kind", ["tips", "opinion", "advice"])
def test_sample_letters_extract_as_chinese(kind: str) -> None:
    content = fill_template(kind, sample_context(kind))
    rendered = render_letter(content)
    with pdfplumber.open(io.BytesIO(rendered.pdf)) as pdf:
        assert len(pdf.pages) == rendered.pages
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    assert "示范区总工会" in text
    assert content.title in text
    assert "送达回执" in text.replace(" ", "")
