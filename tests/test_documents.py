"""Reading the files users hand to ``provenance extract``: plain text, HTML pages and JSON Lines corpora."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from provenance import ProvenanceError
from provenance.extraction.documents import Document, DocumentError, read_documents

ARTICLES = Path(__file__).parent / "data" / "extract"


def test_a_text_file_is_one_document_named_after_the_file_with_its_text_untouched():
    path = ARTICLES / "quotation-marks.txt"

    documents = list(read_documents(path))

    assert documents == [Document(file=str(path), id="quotation-marks", text=path.read_text(encoding="utf-8"))]


def test_an_html_page_yields_its_article_text_without_navigation_or_footer():
    path = ARTICLES / "article.html"

    (document,) = read_documents(path)

    assert document.html
    assert document.id == "article"
    assert document.error is None
    assert "\u201cWe have held prices down for as long as we could" in document.text
    assert "said Aled Price, who runs the only shop on Holm." in document.text
    for boilerplate in ("Subscribe for", "Privacy policy", "Cookie settings", "All rights reserved"):
        assert boilerplate not in document.text
    # paragraphs stay apart, so a quote in one cannot run into the next
    assert "the third increase in two years.\n\n\u201cWe have held prices down" in document.text


def test_a_page_with_no_article_text_is_an_error_naming_the_file(tmp_path):
    page = tmp_path / "gone.html"
    page.write_text("<!DOCTYPE html>\n<html><head><title>Gone</title></head><body></body></html>\n", encoding="utf-8")

    with pytest.raises(DocumentError, match=r"gone\.html: no article text found"):
        list(read_documents(page))


def test_a_jsonl_corpus_yields_one_document_per_line_and_marks_bad_lines_without_stopping(tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    lines = [
        json.dumps({"url": "https://example.org/a", "body": "The EU said it would act."}),
        "",  # blank lines are skipped
        "{not json",
        json.dumps({"url": "https://example.org/c", "headline": "no body here"}),
        json.dumps(["a", "list"]),
        json.dumps({"body": "A line with no id field."}),
    ]
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")

    documents = list(read_documents(corpus, text_field="body", id_field="url"))

    assert [(d.id, d.text, d.error is None) for d in documents] == [
        ("https://example.org/a", "The EU said it would act.", True),
        ("corpus:3", "", False),
        ("corpus:4", "", False),
        ("corpus:5", "", False),
        ("corpus:6", "A line with no id field.", True),
    ]
    bad_json, no_body, not_an_object = (d.error or "" for d in documents[1:4])
    assert bad_json.startswith(f"{corpus}:3: invalid JSON")
    assert no_body == f"{corpus}:4: no string field 'body'; choose the field with --text-field"
    assert not_an_object.startswith(f"{corpus}:5: no string field 'body'")
    assert all(d.file == str(corpus) for d in documents)


def test_jsonl_fields_default_to_text_and_id(tmp_path):
    corpus = tmp_path / "wire.ndjson"
    corpus.write_text(json.dumps({"id": 17, "text": "Officials said talks would resume."}) + "\n", encoding="utf-8")

    (document,) = read_documents(corpus)

    assert (document.id, document.text, document.error) == ("17", "Officials said talks would resume.", None)


def test_a_file_that_is_not_utf8_is_an_error_that_says_how_to_fix_it(tmp_path):
    latin1 = tmp_path / "zeitung.txt"
    latin1.write_bytes("Die Kanzlerin sagte: \u201eWir schaffen das.\u201c Stra\u00dfe".encode("cp1252"))

    with pytest.raises(DocumentError) as raised:
        list(read_documents(latin1))

    message = str(raised.value)
    assert str(latin1) in message
    assert "not UTF-8" in message
    assert "iconv" in message
    assert isinstance(raised.value, ProvenanceError)


def test_a_missing_file_is_an_error_naming_it(tmp_path):
    missing = tmp_path / "nowhere.txt"

    with pytest.raises(DocumentError, match=r"nowhere\.txt: cannot read"):
        list(read_documents(missing))
