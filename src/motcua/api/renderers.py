"""DRF's browsable API under the site's Content-Security-Policy (docs/security.md)."""

from rest_framework import renderers


class BrowsableAPIRenderer(renderers.BrowsableAPIRenderer):
    """The browsable API, its code colours from a static file instead of an inline <style>."""

    template = "api/browsable.html"
