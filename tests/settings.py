"""Test settings: the app's own settings, with a throwaway data folder (so no run of the tests
writes a development key into the real one) and a cheap password hasher (as healthchecks does)."""

from __future__ import annotations

import os
import tempfile

os.environ.setdefault("UNKNOT_HOME", tempfile.mkdtemp(prefix="unknot-tests-"))

from unknot.web.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TIME_ZONE = "UTC"  # tests read dates the same on every machine
