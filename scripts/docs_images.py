"""Redraw the pictures in docs/img/ from the code, so the documentation shows what the tool draws.

    python scripts/docs_images.py            # every picture (the summary needs a 10,000-claim ledger: ~1 min)
    python scripts/docs_images.py --quick    # all but the summary

Writes: who-said-what.png and .svg (the Belarus sample), speaker-sheet.png (one speaker of it),
trace.png and harbour.png (the tracing tutorial's ledger, after ``variants --write``), summary.png
(a generated 10,000-claim ledger), misattribution.png (the how-to's corrected quote) and html-view.png
(the sample's HTML page in headless Chromium, when Chromium and chromedriver are installed).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

import provenance
from provenance import Ledger
from provenance.graph import trace_to_graph

ROOT = Path(__file__).resolve().parent.parent
IMG = ROOT / "docs" / "img"
TITLE = "Who said what \u2014 the Belarus sample"
DPI = 110


def sample(work: Path) -> None:
    ledger = Ledger.open(ROOT / "claims")
    provenance.render(ledger.graph(), IMG / "who-said-what.png", title=TITLE, dpi=DPI)
    provenance.render(ledger.graph(), IMG / "who-said-what.svg", title=TITLE)
    sheet = ledger.graph(speakers=["Stephen Biegun"])
    provenance.render(sheet, IMG / "speaker-sheet.png", title="Who said what \u2014 one speaker", dpi=DPI)
    print("sample, speaker sheet")


def harbour(work: Path) -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    import build_sample

    articles = sorted((ROOT / "docs" / "examples" / "harbour").glob("*.txt"))
    failures = build_sample.run_tutorial(work, ROOT / "docs" / "tracing.md", articles)
    if failures:
        raise SystemExit("the tracing tutorial did not run:\n" + "\n".join(failures))
    ledger = Ledger.open(work / "claims")
    claim = next(c for c in ledger.claims() if c.id.startswith("c-437f"))
    provenance.render(
        trace_to_graph(ledger, ledger.trace(claim.id)),
        IMG / "trace.png",
        title=f"Trace of {claim.id}",
        dpi=DPI,
    )
    provenance.render(ledger.graph(), IMG / "harbour.png", title="Who said what \u2014 the harbour story", dpi=DPI)
    print("trace, harbour")


def misattribution(work: Path) -> None:
    """The how-to 'Fix a misattribution': the digest's quote, its attribution corrected."""
    ledger = Ledger.init(work / "misattribution")
    ledger.add_speaker("Ingrid Sorensen", description="leader of Portmere's harbour council")
    ledger.add_speaker("Declan O'Farrell", description="Portmere's harbour master")
    digest = (ROOT / "docs" / "examples" / "howto" / "harbour-digest.txt").read_text(encoding="utf-8")
    ledger.add_source(source_id="digest", outlet="Harbour Digest", text=digest)
    claim = ledger.add("The boats will still come in,", speaker="Ingrid Sorensen", source="digest").claim
    reason = "The harbour master said it: Portmere Post, 12 March 2024, and the council's recording"
    ledger.set_status(claim.id, "misattributed", reason=reason, to="O'Farrell")
    provenance.render(ledger.graph(), IMG / "misattribution.png", title="A misattribution corrected", dpi=DPI)
    print("misattribution")


def summary(work: Path) -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    from ledger_scale import Shape, generate

    path = work / "big"
    generate(path, Shape(claims=10_000, sources=300, speakers=300, venues=150))
    provenance.render(
        Ledger.open(path).graph(), IMG / "summary.png", title="Who said what \u2014 10,000 claims", dpi=DPI
    )
    print("summary")


def html_view(work: Path) -> None:
    browser, driver = shutil.which("chromium") or shutil.which("chromium-browser"), shutil.which("chromedriver")
    if not (browser and driver):
        print("html-view skipped: Chromium or chromedriver is not installed")
        return
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.support.ui import WebDriverWait

    ledger = Ledger.open(ROOT / "claims")
    texts = {s.id: t for s in ledger.sources() if (t := ledger.text(s.id)) is not None}
    page = provenance.render(ledger.graph(), work / "who.html", title=TITLE, texts=texts)
    options = Options()
    options.binary_location = browser
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--enable-unsafe-swiftshader",
        "--window-size=1400,860",
    ):
        options.add_argument(argument)
    chrome = webdriver.Chrome(service=Service(executable_path=driver), options=options)
    try:
        chrome.get(page.resolve().as_uri())
        WebDriverWait(chrome, 15).until(lambda d: d.execute_script("return document.body.dataset.ready === 'true'"))
        chrome.find_element("id", "search").send_keys("Tsepkalo")
        chrome.execute_script("window.provenanceView.select('claim:c-3e9c1a6cc95c', false)")
        chrome.implicitly_wait(1)
        chrome.save_screenshot(str(IMG / "html-view.png"))
    finally:
        chrome.quit()
    print("html view")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="skip the summary (it generates a 10,000-claim ledger)")
    args = parser.parse_args(argv)
    IMG.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        sample(work)
        (work / "harbour").mkdir()
        harbour(work / "harbour")
        misattribution(work)
        html_view(work)
        if not args.quick:
            summary(work)
    return 0


if __name__ == "__main__":
    sys.exit(main())
