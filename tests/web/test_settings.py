"""Settings are read in a fresh interpreter, the way a server would start."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

DUMP = """
import json
from unknot.web import settings as s
print(json.dumps({k: getattr(s, k, None) for k in (
    "DEBUG", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SECURE_HSTS_SECONDS",
    "SECURE_SSL_REDIRECT", "X_FRAME_OPTIONS", "SECURE_REFERRER_POLICY", "SECRET_KEY", "DATABASES",
    "CSRF_TRUSTED_ORIGINS", "TRUSTED_PROXIES",
)}, default=str))
"""


def _settings(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("UNKNOT_", "DATABASE_URL"))}
    clean.update({"UNKNOT_HOME": str(tmp_path)}, **env)
    return subprocess.run(
        [sys.executable, "-c", DUMP], capture_output=True, text=True, env=clean, check=False
    )


def test_production_refuses_to_start_without_a_secret_key(tmp_path: Path) -> None:
    result = _settings(tmp_path, UNKNOT_PRODUCTION="1")
    assert result.returncode != 0
    assert "UNKNOT_SECRET_KEY" in result.stderr


def _production(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return _settings(
        tmp_path, **{"UNKNOT_PRODUCTION": "1", "UNKNOT_ALLOWED_HOSTS": "unknot.example", **env}
    )


def test_production_turns_the_security_settings_on(tmp_path: Path) -> None:
    result = _production(tmp_path, UNKNOT_SECRET_KEY=secrets.token_urlsafe(50))
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values["DEBUG"] is False
    assert values["SESSION_COOKIE_SECURE"] is True
    assert values["CSRF_COOKIE_SECURE"] is True
    assert values["SECURE_HSTS_SECONDS"] >= 31536000
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["X_FRAME_OPTIONS"] == "DENY"


def test_production_reads_the_secret_key_from_a_file(tmp_path: Path) -> None:
    key = tmp_path / "key"
    key.write_text("s0-9aZ" * 9 + "\n")
    result = _production(tmp_path, UNKNOT_SECRET_KEY_FILE=str(key))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["SECRET_KEY"] == "s0-9aZ" * 9


def test_development_keeps_one_generated_key_beside_the_database(tmp_path: Path) -> None:
    first = json.loads(_settings(tmp_path).stdout)
    second = json.loads(_settings(tmp_path).stdout)
    assert first["SECRET_KEY"] == second["SECRET_KEY"]
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0
    assert first["DATABASES"]["default"]["NAME"] == str(tmp_path / "unknot.sqlite3")


def test_database_url_selects_postgresql(tmp_path: Path) -> None:
    result = _settings(tmp_path, DATABASE_URL="postgres://u:p@127.0.0.1:5432/unknot")
    database = json.loads(result.stdout)["DATABASES"]["default"]
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert database["NAME"] == "unknot"


@pytest.mark.parametrize("value", ["maybe", "2", "yess"])
def test_a_bad_boolean_fails_loudly(tmp_path: Path, value: str) -> None:
    result = _settings(tmp_path, UNKNOT_PRODUCTION=value)
    assert result.returncode != 0
    assert "UNKNOT_PRODUCTION" in result.stderr


def test_production_passes_djangos_deployment_checks(tmp_path: Path) -> None:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("UNKNOT_", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"))
    }
    env.update(
        UNKNOT_HOME=str(tmp_path),
        UNKNOT_PRODUCTION="1",
        UNKNOT_SECRET_KEY=secrets.token_urlsafe(50),
        UNKNOT_ALLOWED_HOSTS="unknot.example",
        DJANGO_SETTINGS_MODULE="unknot.web.settings",
    )
    result = subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
        capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_development_hides_tracebacks_unless_a_developer_asks(tmp_path: Path) -> None:
    assert json.loads(_settings(tmp_path).stdout)["DEBUG"] is False
    assert json.loads(_settings(tmp_path, UNKNOT_DEBUG_WEB="1").stdout)["DEBUG"] is True


@pytest.mark.parametrize("key", ["short-but-random-9", "a" * 64], ids=["short", "one-character"])
def test_production_refuses_a_weak_secret_key(tmp_path: Path, key: str) -> None:
    result = _settings(tmp_path, UNKNOT_PRODUCTION="1", UNKNOT_SECRET_KEY=key)
    assert result.returncode != 0
    assert "at least 50 random characters" in result.stderr


def test_the_time_zone_comes_from_the_environment_or_the_computer(tmp_path: Path) -> None:
    dump = "from unknot.web import settings as s; print(s.TIME_ZONE)"

    def zone(**env: str) -> subprocess.CompletedProcess[str]:
        clean = {k: v for k, v in os.environ.items() if not k.startswith(("UNKNOT_", "TZ"))}
        clean.update({"UNKNOT_HOME": str(tmp_path)}, **env)
        return subprocess.run(
            [sys.executable, "-c", dump], capture_output=True, text=True, env=clean, check=False
        )

    assert zone(UNKNOT_TIME_ZONE="Europe/Lisbon").stdout.strip() == "Europe/Lisbon"
    assert zone(TZ="America/Chicago").stdout.strip() == "America/Chicago"
    wrong = zone(UNKNOT_TIME_ZONE="Mars/Olympus")
    assert wrong.returncode != 0
    assert "UNKNOT_TIME_ZONE='Mars/Olympus': unknown time zone" in wrong.stderr


def test_production_redirects_to_https_except_the_health_check(tmp_path: Path) -> None:
    dump = (
        "import django, os; django.setup(); from django.test import Client; c = Client(); "
        "print(c.get('/').status_code, c.get('/').get('Location'), c.get('/healthz').status_code)"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("UNKNOT_", "DATABASE_URL"))}
    env.update(
        UNKNOT_HOME=str(tmp_path),
        UNKNOT_PRODUCTION="1",
        UNKNOT_SECRET_KEY=secrets.token_urlsafe(50),
        UNKNOT_ALLOWED_HOSTS="testserver",
        DJANGO_SETTINGS_MODULE="unknot.web.settings",
    )
    migrate = [sys.executable, "-m", "django", "migrate", "-v0"]
    subprocess.run(migrate, env=env, check=True, capture_output=True)
    result = subprocess.run(
        [sys.executable, "-c", dump], capture_output=True, text=True, env=env, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["301", "https://testserver/", "200"]


def test_production_refuses_to_start_without_allowed_hosts(tmp_path: Path) -> None:
    result = _settings(tmp_path, UNKNOT_PRODUCTION="1", UNKNOT_SECRET_KEY=secrets.token_urlsafe(50))
    assert result.returncode != 0
    assert "UNKNOT_ALLOWED_HOSTS" in result.stderr


def test_forms_are_trusted_from_every_allowed_host_over_https(tmp_path: Path) -> None:
    result = _production(
        tmp_path,
        UNKNOT_SECRET_KEY=secrets.token_urlsafe(50),
        UNKNOT_ALLOWED_HOSTS="care.example.org, .clinic.example",
    )
    assert json.loads(result.stdout)["CSRF_TRUSTED_ORIGINS"] == [
        "https://care.example.org",
        "https://*.clinic.example",
    ]


def test_only_loopback_proxies_are_trusted_unless_told(tmp_path: Path) -> None:
    assert json.loads(_settings(tmp_path).stdout)["TRUSTED_PROXIES"] == ["127.0.0.1/32", "::1/128"]
    told = _settings(tmp_path, UNKNOT_TRUSTED_PROXIES="10.0.0.0/8")
    assert json.loads(told.stdout)["TRUSTED_PROXIES"] == ["10.0.0.0/8"]
    wrong = _settings(tmp_path, UNKNOT_TRUSTED_PROXIES="the proxy")
    assert wrong.returncode != 0
    assert "UNKNOT_TRUSTED_PROXIES: 'the proxy' is not an address or network" in wrong.stderr
