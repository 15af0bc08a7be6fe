"""Make `docs/dashboard.png`, the README's picture of the dashboard.

Serves a seeded fake cloud on a frozen clock, fills it through its APIs (servers, a volume
attached to one, containers and objects, a project of its own for CI) as a user would,
adds a fault, and takes a 1280x800 screenshot of `/_stackdouble/` in headless Chromium
(Debian's `chromium` and `chromium-driver` packages, and `selenium` from the test extra):

    python docs/dashboard_screenshot.py [OUTPUT.png]
"""

from __future__ import annotations

import shutil
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

import requests
from selenium import webdriver
from selenium.webdriver.chrome.service import Service as ChromeService
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from stackdouble.fakes import FakeClock, FakeCloud

START = datetime(2026, 12, 7, 9, 30, tzinfo=timezone.utc)


def fill(cloud: FakeCloud, url: str) -> None:
    """Servers, volumes, containers and a second project, made through the APIs."""
    http = requests.Session()
    http.trust_env = False
    demo = cloud.project_id("demo")
    http.headers["X-Auth-Token"] = cloud.identity.issue_token("demo", project="demo")
    compute = url + "/compute/v2.1"
    servers = [http.post(compute + "/servers", json={"server": {
        "name": name, "imageRef": image, "flavorRef": "1"}}).json()["server"]["id"]
        for name, image in (("web-1", _cirros(http, url)), ("web-2", _cirros(http, url)),
                            ("db-1", _cirros(http, url)))]
    volume = http.post(url + f"/volume/v3/{demo}/volumes", json={"volume": {
        "name": "db-data", "size": 10}}).json()["volume"]["id"]
    http.post(url + f"/volume/v3/{demo}/volumes", json={"volume": {"name": "scratch",
                                                                   "size": 1}})
    http.post(compute + f"/servers/{servers[2]}/os-volume_attachments",
              json={"volumeAttachment": {"volumeId": volume}})
    swift = url + f"/v1/AUTH_{demo}"
    for container, names in (("backups", ("2026-12-01.tar", "2026-12-02.tar")),
                             ("site", ("index.html", "app.js", "style.css"))):
        http.put(f"{swift}/{container}")
        for name in names:
            http.put(f"{swift}/{container}/{name}", data=b"x" * 2048)
    ci = cloud.identity.create_project("ci")
    cloud.identity.grant_role("member", user="demo", project=ci.id)
    http.headers["X-Auth-Token"] = cloud.identity.issue_token("demo", project="ci")
    http.post(compute + "/servers", json={"server": {
        "name": "runner-1", "imageRef": _cirros(http, url), "flavorRef": "2"}})
    http.get(compute + "/servers/detail")
    cloud.inject_fault("POST", "/compute/*/servers", status=503, times=2, retry_after=5)


def _cirros(http: requests.Session, url: str) -> str:
    images = http.get(url + "/image/v2/images").json()["images"]
    return str(next(i["id"] for i in images if "cirros" in i["name"]))


def main(output: str) -> int:
    chromium, driver_path = shutil.which("chromium"), shutil.which("chromedriver")
    if not chromium or not driver_path:
        print("needs Chromium: apt-get install chromium chromium-driver", file=sys.stderr)
        return 1
    cloud = FakeCloud(seed=20, clock=FakeClock(start=START, ticking=False))
    with cloud.serve() as served:
        fill(cloud, served.url)
        options = webdriver.ChromeOptions()
        options.binary_location = chromium
        for arg in ("--headless=new", "--no-sandbox", "--disable-gpu",
                    "--disable-dev-shm-usage", "--window-size=1280,800",
                    "--hide-scrollbars"):
            options.add_argument(arg)
        browser = webdriver.Chrome(service=ChromeService(driver_path), options=options)
        try:
            browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
                "width": 1280, "height": 800, "deviceScaleFactor": 1, "mobile": False})
            browser.get(served.url + "/_stackdouble/")
            WebDriverWait(browser, 20).until(
                lambda b: b.find_elements(By.CSS_SELECTOR, "tr.server"))
            time.sleep(0.5)
            browser.save_screenshot(output)
        finally:
            browser.quit()
    print(f"wrote {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else
                  str(Path(__file__).resolve().parent / "dashboard.png")))
