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
