"""staticweb beyond the contract suite: listings of subdirectories with CSS and sizes,
listings off, directory markers, ACLs that do not allow listing, and the pipeline."""

from __future__ import annotations

import pytest

from stackdouble.fakes.objectstorage import ObjectStorageModel
from stackdouble.fakes.objectstorage.middleware.staticweb import human_readable
from tests.fakes.objectstorage.conftest import Swift


@pytest.fixture
def site(swift: Swift) -> None:
    """A public container `web` with listings on, a CSS file and a subdirectory."""
    assert swift("PUT", "/web", headers={
        "X-Container-Read": ".r:*,.rlistings", "X-Container-Meta-Web-Listings": "true",
        "X-Container-Meta-Web-Listings-CSS": "style.css"}).status_code == 201
    for name, size in (("big.bin", 3000), ("docs/a.txt", 1), ("style.css", 5)):
        swift("PUT", f"/web/{name}", data=b"x" * size, headers={"Content-Type": "text/plain"})


def test_root_listing_shows_subdirs_sizes_and_css(swift: Swift, site: None) -> None:
    got = swift("GET", "/web/", token=False)
    assert got.status_code == 200
    assert '<link rel="stylesheet" type="text/css" href="style.css" />' in got.text
    assert '<td class="colname"><a href="./docs/">docs/</a></td>' in got.text
    assert '<td class="colsize">3Ki</td>' in got.text
    assert 'id="parent"' not in got.text  # no ../ at the root


def test_sub_listing_css_is_relative(swift: Swift, site: None) -> None:
    got = swift("GET", "/web/docs/", token=False)
    assert 'href="../style.css"' in got.text
    assert '<a href="./a%2Etxt">a.txt</a>' in got.text


def test_container_without_slash_redirects(swift: Swift, site: None) -> None:
    got = swift("GET", "/web", token=False, allow_redirects=False)
    assert got.status_code == 301
    assert got.headers["Location"] == swift.url + "/web/"


def test_a_missing_directory_is_404(swift: Swift, site: None) -> None:
    assert swift("GET", "/web/nothing/", token=False).status_code == 404


def test_listings_off_is_the_disabled_page(swift: Swift, site: None) -> None:
    swift("POST", "/web", headers={"X-Container-Meta-Web-Listings": "false",
                                   "X-Container-Meta-Web-Index": "index.html"})
    got = swift("GET", "/web/", token=False)
    assert got.status_code == 404
    assert "<h1>Web Listing Disabled</h1>" in got.text
    assert "<b>X-Container-Meta-Web-Index: index.html</b>" in got.text


def test_a_directory_marker_is_not_served(swift: Swift, site: None) -> None:
    swift("PUT", "/web/docs", data=b"", headers={"Content-Type": "application/directory"})
    got = swift("GET", "/web/docs", token=False, allow_redirects=False)
    assert got.status_code == 301


def test_without_rlistings_the_reader_is_refused(swift: Swift, site: None) -> None:
    swift("POST", "/web", headers={"X-Container-Read": ".r:*"})
    assert swift("GET", "/web/", token=False).status_code == 401
    # An object is still readable.
    assert swift("GET", "/web/style.css", token=False).status_code == 200


def test_web_mode_without_settings_is_404(swift: Swift) -> None:
    swift("PUT", "/plain")
    assert swift("GET", "/plain/", headers={"X-Web-Mode": "true"}).status_code == 404
    assert swift("GET", "/plain/").status_code == 204


def test_not_in_the_pipeline_nothing_is_served(swift: Swift, site: None,
                                               model: ObjectStorageModel) -> None:
    model.pipeline = model.pipeline.without("staticweb")
    got = swift("GET", "/web/", token=False, headers={"Accept": "text/plain"})
    assert got.text == "big.bin\ndocs/a.txt\nstyle.css\n"
    assert "staticweb" not in swift.http.get(swift.cloud.base_url + "/info").json()


def test_human_readable() -> None:
    assert [human_readable(n) for n in (0, 1023, 1024, 1536, 1024 ** 3)] == [
        "0", "1023", "1Ki", "2Ki", "1Gi"]
