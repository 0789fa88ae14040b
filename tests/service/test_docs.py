"""The API docs work offline: every asset they load is served by this server."""

import re


def test_swagger_and_redoc_load_only_local_assets(client):
    for page in ("/docs", "/redoc"):
        html = client.get(page).text
        urls = re.findall(r"""(?:src|href)=["']([^"']+)""", html) + re.findall(r"url: ?'([^']+)'", html)
        assert urls and all(u.startswith("/") for u in urls), urls
        for u in urls:
            assert client.get(u).status_code == 200, u


def test_unknown_docs_assets_are_404(client):
    assert client.get("/docs-assets/evil.js").status_code == 404


def test_redoc_bundle_points_its_footer_logo_here(client):
    bundle = client.get("/docs-assets/redoc.js")
    assert bundle.status_code == 200 and bundle.headers["content-type"].startswith("text/javascript")
    assert b"cdn.redoc.ly" not in bundle.content
    assert b'src:"/docs-assets/redoc-logo.svg"' in bundle.content
    logo = client.get("/docs-assets/redoc-logo.svg")
    assert logo.status_code == 200 and logo.headers["content-type"] == "image/svg+xml"
    assert logo.text.startswith("<svg")
