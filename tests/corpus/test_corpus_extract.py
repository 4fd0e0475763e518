"""`corpus extract`: every article read once, every quote where the plain extractor finds it, speakers resolved."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from corpus_data import corpus_records, rows, write_jsonl

from provenance import InvalidInputError, extract_documents
from provenance.corpus import Fields, extract, import_quotes


def test_every_article_is_one_row_partitioned_by_month_and_bad_lines_are_kept_as_errors(
    corpus_file: Path, tmp_path: Path, client
) -> None:
    out = tmp_path / "out"
    summary = extract([corpus_file], out, client=client)

    articles = rows(out, "articles")
    assert summary.documents == len(articles) == 122
    assert summary.errors == 2
    errors = sorted(a["error"] for a in articles if a["error"])
    assert "invalid JSON" in errors[0]
    assert "no string field 'text'" in errors[1]
    months = sorted(p.name for p in (out / "articles").iterdir())
    assert months == ["month=2020-08", "month=2020-09", "month=2020-10", "month=undated"]
    assert {a["outlet"] for a in articles if not a["error"]} == {
        "daily-courier.example.org", "evening-post.example.org", "wire-service.example.org", "river-gazette.example.org"
    }  # fmt: skip


def test_quotes_are_the_plain_extractors_at_the_same_offsets(corpus_file: Path, tmp_path: Path, client) -> None:
    out = tmp_path / "out"
    extract([corpus_file], out, client=client)

    plain = {
        (document.id, claim.anchor.start, claim.anchor.end, claim.text, claim.kind.value)
        for document, result in extract_documents([corpus_file])
        if result.extraction is not None and document is not None
        for claim in result.extraction.claims
    }
    corpus = {(q["article_id"], q["start"], q["end"], q["text"], q["kind"]) for q in rows(out, "quotes")}
    assert corpus == plain
    assert len(corpus) > 200
    texts = {r["id"]: r["text"] for r in corpus_records(120)}
    assert all(texts[q[0]][q[1] : q[2]] == q[3] for q in corpus)


def test_small_partitions_give_the_same_rows_as_one(corpus_file: Path, tmp_path: Path, client) -> None:
    one = extract([corpus_file], tmp_path / "one", client=client)
    many = extract([corpus_file], tmp_path / "many", client=client, partition_bytes=2_000)

    assert one.partitions == 1
    assert many.partitions > 20
    for table in ("articles", "quotes"):
        assert rows(tmp_path / "one", table) == rows(tmp_path / "many", table)


def test_speakers_resolve_through_the_alias_table_and_the_rest_are_counted(
    corpus_file: Path, aliases_file: Path, tmp_path: Path, client
) -> None:
    out = tmp_path / "out"
    extract([corpus_file], out, client=client, aliases=aliases_file)

    quotes = rows(out, "quotes")
    by_name = {(q["speaker_name"], q["speaker"]) for q in quotes if q["speaker_name"]}
    assert ("Velary Tsepalko", "valery-tsepkalo") in by_name
    assert ("Maria Kolesnikova", "maria-kolesnikova") in by_name
    assert all(q["speaker_score"] is not None for q in quotes if q["speaker"])
    unresolved = {}
    for q in quotes:
        if q["speaker_name"] and not q["speaker"]:
            unresolved[q["speaker_name"]] = unresolved.get(q["speaker_name"], 0) + 1
    mentions = {m["name"]: m["quotes"] for m in rows(out, "mentions")}
    assert mentions == unresolved
    assert set(mentions) == {"Pavel Latushko", "Anna Lindqvist", "Election observers"}
    speakers = {s["id"]: s for s in rows(out, "speakers", "id")}
    assert speakers["maria-kolesnikova"]["wikidata"] == "Q1234"


def test_a_rerun_skips_what_is_written_and_redoes_what_an_interrupted_run_left(
    corpus_file: Path, tmp_path: Path, client
) -> None:
    out = tmp_path / "out"
    first = extract([corpus_file], out, client=client, partition_bytes=4_000)
    before = {t: rows(out, t) for t in ("articles", "quotes", "mentions")}
    # As if killed mid-partition: one marker gone, half a file left under a temporary name.
    markers = sorted((out / "_partitions").glob("*.json"))
    markers[3].unlink()
    (out / "quotes" / "month=2020-08" / ".half-written.parquet.1234.tmp").write_bytes(b"PAR1")

    again = extract([corpus_file], out, client=client, partition_bytes=4_000)

    assert (again.ran, again.skipped) == (1, first.partitions - 1)
    assert {t: rows(out, t) for t in before} == before
    assert not list(out.rglob("*.tmp"))
    assert extract([corpus_file], out, client=client, partition_bytes=4_000).ran == 0


def test_a_rerun_with_other_settings_or_a_changed_input_is_refused(corpus_file: Path, tmp_path: Path, client) -> None:
    out = tmp_path / "out"
    extract([corpus_file], out, client=client)

    with pytest.raises(InvalidInputError, match="other settings \\(fields\\)"):
        extract([corpus_file], out, client=client, fields=Fields(text="body"))
    write_jsonl(corpus_file, corpus_records(130))
    with pytest.raises(InvalidInputError, match="has changed since it was extracted"):
        extract([corpus_file], out, client=client)


def test_gzip_jsonl_and_directories_of_text_and_html(tmp_path: Path, client) -> None:
    records = corpus_records(30)
    packed = tmp_path / "news.jsonl.gz"
    packed.write_bytes(gzip.compress("\n".join(json.dumps(r) for r in records).encode()))
    folder = tmp_path / "articles"
    (folder / "2020").mkdir(parents=True)
    (folder / "2020" / "plain.txt").write_text(records[0]["text"], encoding="utf-8")
    body = "".join(f"<p>{p}</p>" for p in records[1]["text"].split("\n\n"))
    (folder / "page.html").write_text(f"<html><body><article>{body}</article></body></html>", encoding="utf-8")
    out = tmp_path / "out"

    summary = extract([packed, folder], out, client=client)

    articles = {a["id"]: a for a in rows(out, "articles")}
    assert summary.documents == 32
    assert summary.errors == 0
    assert articles["story-5"]["locator"] == "6"  # the line number in the gzip file
    assert {"2020/plain", "page"} <= set(articles)
    assert len([q for q in rows(out, "quotes") if q["article_id"] == "2020/plain"]) == 2
    assert len([q for q in rows(out, "quotes") if q["article_id"] == "page"]) == 2


def write_warc(path: Path, records: list[dict]) -> Path:
    """A gzipped WARC of HTML responses, one per record, crawled on 1, 2, 3… March 2021."""
    from io import BytesIO

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for i, record in enumerate(records):
            html = "<html><body><article>" + "".join(f"<p>{p}</p>" for p in record["text"].split("\n\n"))
            html += "</article></body></html>"
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            warc_headers = {"WARC-Date": f"2021-03-0{i + 1}T10:00:00Z"}
            writer.write_record(
                writer.create_warc_record(
                    record["url"], "response", payload=BytesIO(html.encode()), http_headers=headers,
                    warc_headers_dict=warc_headers,
                )
            )  # fmt: skip
    return path


def test_warc_responses_are_articles_dated_by_the_crawl(tmp_path: Path, client) -> None:
    path = write_warc(tmp_path / "crawl.warc.gz", corpus_records(3))
    out = tmp_path / "out"

    summary = extract([path], out, client=client)

    articles = rows(out, "articles", "url")
    assert (summary.documents, summary.errors) == (3, 0)
    assert [str(a["published"]) for a in articles] == ["2021-03-01", "2021-03-02", "2021-03-03"]
    assert articles[0]["outlet"] == "daily-courier.example.org"
    assert len(rows(out, "quotes")) == 6


def test_quotes_from_a_warc_are_imported_with_the_page_text_read_again(tmp_path: Path, ledger, client) -> None:
    out = tmp_path / "out"
    extract([write_warc(tmp_path / "crawl.warc.gz", corpus_records(6))], out, client=client)
    name = next(q["speaker_name"] for q in rows(out, "quotes") if q["speaker_name"] == "Maria Kolesnikova")

    imported = import_quotes(out, ledger, speaker=name)

    assert imported.added == len([q for q in rows(out, "quotes") if q["speaker_name"] == name]) > 0
    assert {v.outcome.value for v in ledger.verify()} == {"exact"}


def test_a_second_input_added_to_an_output_keeps_the_first_ones_counts(tmp_path: Path, client) -> None:
    first = write_jsonl(tmp_path / "first.jsonl", corpus_records(40, seed=1))
    second = write_jsonl(tmp_path / "second.jsonl", corpus_records(40, seed=2))
    together = tmp_path / "together"
    extract([first, second], together, client=client)
    out = tmp_path / "out"

    extract([first], out, client=client)
    summary = extract([second], out, client=client)

    assert (summary.ran, summary.documents) == (1, 80)
    for table in ("articles", "quotes", "mentions"):
        assert rows(out, table) == rows(together, table)
