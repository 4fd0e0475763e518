"""A headless Chromium driven by selenium, one per test module, for the HTML view.

Debian's ``chromium`` and ``chromium-driver`` are used (``make test`` installs
them with apt-get when it can, see scripts/ensure-chromium.sh). When they are
missing the browser tests are skipped with a message saying how to install
them, except on CI (``CI`` set), where a missing browser fails the run.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

INSTALL = "install them with: sudo apt-get install chromium chromium-driver (or run make test, which tries)"


def _binaries() -> tuple[str, str] | None:
    browser = os.environ.get("PROVENANCE_CHROMIUM") or next(
        (found for name in ("chromium", "chromium-browser", "google-chrome") if (found := shutil.which(name))), None
    )
    driver = os.environ.get("PROVENANCE_CHROMEDRIVER") or shutil.which("chromedriver")
    return (browser, driver) if browser and driver else None


@dataclass
class Browser:
    """The driver, and what the current page logged and requested."""

    driver: Any
    console: list[tuple[str, str]] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def open(self, path: Path) -> None:
        """Load ``path`` from a file URL and wait until the page's script has drawn the graph."""
        from selenium.webdriver.support.ui import WebDriverWait

        self.driver.get(path.resolve().as_uri())
        WebDriverWait(self.driver, 15).until(
            lambda d: d.execute_script("return document.body && document.body.dataset.ready === 'true'")
        )
        self.collect()

    def collect(self) -> None:
        """Read the browser's console and network logs since the last call."""
        self.console += [(e["level"], e["message"]) for e in self.driver.get_log("browser")]
        for entry in self.driver.get_log("performance"):
            message = json.loads(entry["message"])["message"]
            if message["method"] == "Network.requestWillBeSent":
                self.requests.append(message["params"]["request"]["url"])

    def errors(self) -> list[str]:
        """Console errors and uncaught exceptions (warnings such as SwiftShader's GPU notes are not errors)."""
        self.collect()
        return [message for level, message in self.console if level == "SEVERE"]

    def js(self, script: str, *args: Any) -> Any:
        return self.driver.execute_script(script, *args)


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    """One headless Chromium for the whole module (starting one costs about half a second)."""
    found = _binaries()
    if found is None:
        message = f"Chromium or chromedriver is not installed; {INSTALL}"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = found[0]
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--enable-unsafe-swiftshader",  # software WebGL for sigma.js, without the deprecation warning
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1400,900",
    ):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=found[1]), options=options)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture
def browser(chromium: Any) -> Browser:
    """The module's browser with fresh logs for this test."""
    chromium.get("about:blank")
    chromium.get_log("browser")
    chromium.get_log("performance")
    return Browser(chromium)
