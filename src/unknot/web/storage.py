"""Static files for production: content-hashed names and compressed copies, made once by
``collectstatic`` when the server starts, and served by WhiteNoise with a year of caching."""

from __future__ import annotations

from whitenoise.storage import CompressedManifestStaticFilesStorage


class HashedStaticFiles(CompressedManifestStaticFilesStorage):  # type: ignore[misc]
    """WhiteNoise's storage, also rewriting ``import ... from "./engine.js"`` in the player's ES
    modules to the hashed names, so a module and everything it imports change together."""

    support_js_module_import_aggregation = True
