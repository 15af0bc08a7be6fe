"""The dashboard in a real headless Chromium: what a user sees and what its buttons do.

Needs Debian's `chromium` and `chromium-driver` (`apt-get install chromium
chromium-driver`; `.ci/run` installs them) and `selenium` (the `test` extra). Selenium is
given both binaries, so it never tries to download a browser or a driver.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from datetime import datetime, timezone
from typing import Any

import pytest
import requests

from stackdouble.fakes import FakeClock, FakeCloud
from stackdouble.fakes.server import ServedCloud

webdriver = pytest.importorskip(
    "selenium.webdriver", reason="selenium is not installed: pip install -e '.[test]'")
from selenium.common.exceptions import (  # noqa: E402
    NoSuchElementException,
    StaleElementReferenceException,
)
from selenium.webdriver.chrome.service import Service as ChromeService  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None or CHROMEDRIVER is None,
    reason="needs Chromium and its driver: apt-get install chromium chromium-driver")

START = datetime(2026, 12, 7, 9, 0, tzinfo=timezone.utc)
XSS_NAME = '<img src=x onerror="window.__xss = 1">'
#: Seconds to wait for the page (it polls every 2 s, and at once after each action).
WAIT = 15
#: The page redraws its tables on every poll, so an element found may be gone a moment later.
REDRAWN = (NoSuchElementException, StaleElementReferenceException)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One headless Chromium for the module (starting one costs about a second)."""
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1280,800"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=ChromeService(CHROMEDRIVER), options=options)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture
def cloud() -> FakeCloud:
    """A seeded cloud on a frozen clock."""
    return FakeCloud(seed=7, clock=FakeClock(start=START, ticking=False))


@pytest.fixture
def served(cloud: FakeCloud) -> Iterator[ServedCloud]:
    """The cloud served on loopback (the control plane open)."""
    with cloud.serve() as server:
        yield server


@pytest.fixture
def api(cloud: FakeCloud, served: ServedCloud) -> Iterator[requests.Session]:
    """A Session logged in as demo on the served cloud."""
    with requests.Session() as session:
        session.trust_env = False
        session.headers["X-Auth-Token"] = cloud.identity.issue_token("demo", project="demo")
        yield session


def wait_for(browser: Any, condition: Callable[[Any], Any]) -> Any:
    return WebDriverWait(browser, WAIT, poll_frequency=0.1,
                         ignored_exceptions=REDRAWN).until(condition)


def rows(browser: Any, selector: str) -> list[list[str]]:
    """The cells' text of the rows `selector` finds, read in one script (no stale rows)."""
    found: list[list[str]] = browser.execute_script(
        "return [...document.querySelectorAll(arguments[0])]"
        ".map((row) => [...row.cells].map((cell) => cell.textContent))", selector)
    return found


def server_names(browser: Any) -> list[str]:
    return [cells[0] for cells in rows(browser, "#projects tr.server")]


def click(browser: Any, selector: str) -> None:
    """Click what `selector` finds, again if a redraw replaced it first."""
    wait_for(browser, lambda b: b.find_element(By.CSS_SELECTOR, selector).click() or True)


def open_dashboard(browser: Any, url: str) -> None:
    browser.get(url + "/_stackdouble/")
    wait_for(browser, lambda b: "live" in b.find_element(By.ID, "status").text)


def create_server(api: requests.Session, url: str, name: str) -> str:
    images = api.get(url + "/image/v2/images", timeout=10).json()["images"]
    image = next(i["id"] for i in images if "cirros" in i["name"])
    resp = api.post(url + "/compute/v2.1/servers", timeout=10, json={
        "server": {"name": name, "imageRef": image, "flavorRef": "1"}})
    assert resp.status_code == 202, resp.text
    return str(resp.json()["server"]["id"])


def test_a_server_created_through_the_api_appears(
        browser: Any, served: ServedCloud, api: requests.Session) -> None:
    open_dashboard(browser, served.url)
    assert server_names(browser) == []
    create_server(api, served.url, "web-1")
    wait_for(browser, lambda b: server_names(b) == ["web-1"])
    assert rows(browser, "#projects tr.server")[0][2] == "ACTIVE"


def test_reset_takes_the_server_away(browser: Any, cloud: FakeCloud, served: ServedCloud,
                                     api: requests.Session) -> None:
    create_server(api, served.url, "doomed")
    open_dashboard(browser, served.url)
    wait_for(browser, lambda b: server_names(b) == ["doomed"])
    browser.find_element(By.ID, "reset-button").click()
    wait_for(browser, lambda b: server_names(b) == [])
    assert browser.find_element(By.ID, "message").text == "cloud reset"
    assert [s for s in cloud.compute.servers.values() if not s.deleted] == []


def test_a_fault_added_in_the_form_is_listed_and_acts(
        browser: Any, cloud: FakeCloud, served: ServedCloud, api: requests.Session) -> None:
    open_dashboard(browser, served.url)
    path = browser.find_element(By.ID, "fault-path")
    path.clear()
    path.send_keys("/image/*")
    status = browser.find_element(By.ID, "fault-status")
    status.clear()
    status.send_keys("500")
    browser.find_element(By.ID, "fault-add").click()
    row = wait_for(browser, lambda b: rows(b, "#faults tr.fault"))[0]
    assert row[:4] == ["fault-1", "GET", "/image/*", "500"]
    assert api.get(served.url + "/image/v2/images", timeout=10).status_code == 500
    wait_for(browser, lambda b: not rows(b, "#faults tr.fault"))
    assert list(cloud.faults) == []  # used up (times 1): the list follows


def test_a_fault_is_removed_with_its_button(browser: Any, cloud: FakeCloud,
                                            served: ServedCloud) -> None:
    cloud.inject_fault("POST", "/compute/*", status=503, times=None)
    open_dashboard(browser, served.url)
    click(browser, "button.fault-remove")
    wait_for(browser, lambda b: not rows(b, "#faults tr.fault"))
    assert list(cloud.faults) == []


def test_advancing_the_clock_moves_the_cloud_time(browser: Any, cloud: FakeCloud,
                                                  served: ServedCloud) -> None:
    open_dashboard(browser, served.url)
    assert browser.find_element(By.ID, "clock-now").text == "2026-12-07T09:00:00.000000Z"
    seconds = browser.find_element(By.ID, "advance-seconds")
    seconds.clear()
    seconds.send_keys("3600")
    browser.find_element(By.ID, "advance-button").click()
    wait_for(browser, lambda b: b.find_element(By.ID, "clock-now").text
             == "2026-12-07T10:00:00.000000Z")
    assert cloud.clock.now() == datetime(2026, 12, 7, 10, 0, tzinfo=timezone.utc)


def test_expiring_tokens_logs_everyone_out(browser: Any, cloud: FakeCloud,
                                           served: ServedCloud, api: requests.Session) -> None:
    open_dashboard(browser, served.url)
    browser.find_element(By.ID, "expire-tokens-button").click()
    wait_for(browser, lambda b: b.find_element(By.ID, "token-counts").text.startswith("0 valid"))
    assert api.get(served.url + "/compute/v2.1/servers", timeout=10).status_code == 401


def test_the_request_log_shows_api_calls_live(browser: Any, served: ServedCloud,
                                              api: requests.Session) -> None:
    open_dashboard(browser, served.url)
    api.get(served.url + "/compute/v2.1/servers/nope", timeout=10)
    logged = wait_for(browser, lambda b: rows(b, "#requests tr.request"))
    assert logged[0] == ["2026-12-07T09:00:00.000000Z", "GET", "/compute/v2.1/servers/nope",
                         "404", "compute"]


def test_a_server_named_like_markup_is_shown_as_text(
        browser: Any, cloud: FakeCloud, served: ServedCloud) -> None:
    cloud.compute.create_server(cloud.project_id("demo"), name=XSS_NAME)
    open_dashboard(browser, served.url)
    wait_for(browser, lambda b: server_names(b) == [XSS_NAME])
    assert browser.execute_script("return document.querySelectorAll('img').length") == 0
    assert browser.execute_script("return window.__xss") is None


def test_off_loopback_the_page_asks_for_the_token(browser: Any) -> None:
    cloud = FakeCloud(seed=7)
    with cloud.serve(host="0.0.0.0") as served:
        browser.get(served.url + "/_stackdouble/")
        wait_for(browser, lambda b: b.find_element(By.ID, "token-panel").is_displayed())
        assert browser.find_elements(By.CSS_SELECTOR, "#projects section") == []
        assert served.control_token is not None
        browser.find_element(By.ID, "token-input").send_keys(served.control_token)
        browser.find_element(By.ID, "token-save").click()
        wait_for(browser, lambda b: b.find_elements(By.CSS_SELECTOR, "#projects section"))
        assert not browser.find_element(By.ID, "token-panel").is_displayed()


def test_off_loopback_a_token_in_the_fragment_is_kept_for_the_tab_and_leaves_the_address(
        browser: Any) -> None:
    cloud = FakeCloud(seed=7)
    with cloud.serve(host="0.0.0.0") as served:
        token = served.control_token
        assert token is not None
        browser.get(served.url + "/_stackdouble/#token=" + token)
        wait_for(browser, lambda b: b.find_elements(By.CSS_SELECTOR, "#projects section"))
        address = browser.current_url
        stored = browser.execute_script(
            "return sessionStorage.getItem('stackdouble.controlToken')")
    assert token not in address
    assert stored == token
    assert token not in repr(cloud.requests.to_list())


def test_off_loopback_a_token_in_the_query_works_too_and_leaves_the_address(
        browser: Any) -> None:
    cloud = FakeCloud(seed=7)
    with cloud.serve(host="0.0.0.0") as served:
        token = served.control_token
        assert token is not None
        browser.get(served.url + "/_stackdouble/?token=" + token)
        wait_for(browser, lambda b: b.find_elements(By.CSS_SELECTOR, "#projects section"))
        address = browser.current_url
    assert token not in address
    assert address.endswith("/_stackdouble/")
