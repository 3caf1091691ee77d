"""Test settings: the app's own settings, with a throwaway data folder (so no run of the tests
writes a development key into the real one) and a cheap password hasher (as healthchecks does)."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile

if "UNKNOT_HOME" not in os.environ:
    os.environ["UNKNOT_HOME"] = tempfile.mkdtemp(prefix="unknot-tests-")
    atexit.register(shutil.rmtree, os.environ["UNKNOT_HOME"], True)

from unknot.web.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TIME_ZONE = "UTC"  # tests read dates the same on every machine
