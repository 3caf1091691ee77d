"""Django settings for unknot, read from the environment through small typed helpers.

Zero setup by default: SQLite in the user's data folder and a generated per-install secret key.
``DATABASE_URL`` switches to PostgreSQL; ``UNKNOT_PRODUCTION=1`` turns the security settings on and
requires ``UNKNOT_SECRET_KEY`` (or ``UNKNOT_SECRET_KEY_FILE``).
"""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    """``$NAME``, or the contents of the file at ``$NAME_FILE`` (for secrets), or ``default``.

    Setting both is an error, and so is a ``*_FILE`` path that cannot be read.
    """
    value = os.environ.get(name)
    path = os.environ.get(f"{name}_FILE")
    if value is not None and path:
        raise ImproperlyConfigured(f"set {name} or {name}_FILE, not both")
    if path:
        try:
            return Path(path).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise ImproperlyConfigured(f"{name}_FILE: cannot read {path!r}: {exc}") from exc
    return default if value is None else value


def env_bool(name: str, default: bool = False) -> bool:
    """``$NAME`` as a boolean (1/0, true/false, yes/no, on/off); anything else is an error."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r}: expected 1/0, true/false, yes/no or on/off")


def data_dir() -> Path:
    """Where the SQLite file and the development key live: ``$UNKNOT_HOME`` or the XDG data dir."""
    home = env_str("UNKNOT_HOME")
    if home:
        return Path(home).expanduser()
    xdg = env_str("XDG_DATA_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".local" / "share"
    return base / "unknot"


def local_time_zone() -> str:
    """``$UNKNOT_TIME_ZONE``, else the computer's own zone (``$TZ`` or where /etc/localtime
    points), else UTC. A zone name Python does not know is an error, named."""
    explicit = env_str("UNKNOT_TIME_ZONE")
    if explicit:
        try:
            ZoneInfo(explicit)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ImproperlyConfigured(f"UNKNOT_TIME_ZONE={explicit!r}: unknown time zone") from exc
        return explicit
    candidates = [os.environ.get("TZ", "").lstrip(":")]
    with contextlib.suppress(OSError):
        candidates.append(os.path.realpath("/etc/localtime").partition("zoneinfo/")[2])
    for name in candidates:
        if not name:
            continue
        with contextlib.suppress(ZoneInfoNotFoundError, ValueError):
            ZoneInfo(name)
            return name
    return "UTC"


def _sqlite_path() -> Path:
    explicit = env_str("UNKNOT_DB")
    path = Path(explicit).expanduser() if explicit else data_dir() / "unknot.sqlite3"
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def _development_key(folder: Path) -> str:
    """A random key made once per install and kept beside the SQLite file (mode 0600)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "secret_key"
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(secrets.token_urlsafe(50))
    return path.read_text(encoding="utf-8").strip()


BASE_DIR = Path(__file__).resolve().parent
PRODUCTION = env_bool("UNKNOT_PRODUCTION")
# Off unless a developer asks: a person in pain never sees a traceback, even on their own machine.
DEBUG = env_bool("UNKNOT_DEBUG_WEB", default=False)

_database_url = env_str("DATABASE_URL")
DATABASES: dict[str, Any]
if _database_url:
    DATABASES = {"default": dj_database_url.parse(_database_url, conn_max_age=60)}
    _key_folder = data_dir()
else:
    _sqlite = _sqlite_path()
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": str(_sqlite)}}
    _key_folder = _sqlite.parent

if PRODUCTION:
    SECRET_KEY = env_str("UNKNOT_SECRET_KEY")
    if len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5:
        raise ImproperlyConfigured(
            "UNKNOT_PRODUCTION=1 needs UNKNOT_SECRET_KEY (or UNKNOT_SECRET_KEY_FILE): at least 50 "
            "random characters, e.g. from: "
            "python -c 'import secrets; print(secrets.token_urlsafe(50))'"
        )
else:
    SECRET_KEY = env_str("UNKNOT_SECRET_KEY") or _development_key(_key_folder)

ALLOWED_HOSTS = [h.strip() for h in env_str("UNKNOT_ALLOWED_HOSTS").split(",") if h.strip()]
if not ALLOWED_HOSTS:
    ALLOWED_HOSTS = ["localhost", "127.0.0.1", "[::1]"]
if not PRODUCTION:
    ALLOWED_HOSTS.append("testserver")
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in env_str("UNKNOT_CSRF_TRUSTED_ORIGINS").split(",") if o.strip()
]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "unknot.web.accounts",
    "unknot.web.care",
]

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "plan"
LOGOUT_REDIRECT_URL = "home"
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_AGE = 60 * 60 * 24 * 30  # a month: people come back to their plan
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
# Strong hashing: Django's default PBKDF2 (the Argon2 hasher is used when argon2-cffi is present).
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    "unknot.web.middleware.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "unknot.web.urls"
WSGI_APPLICATION = "unknot.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    }
]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
LANGUAGE_CODE = "en"
TIME_ZONE = local_time_zone()  # dates in the diary are shown in it; stored in UTC
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = env_str("UNKNOT_STATIC_ROOT") or str(data_dir() / "static")

# Security: always on
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
CSP_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; media-src 'self'; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)

if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("UNKNOT_SSL_REDIRECT", default=True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # a load balancer's plain-HTTP health check
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
    # HSTS preload commits the whole domain for months: the person deploying decides, not us.
    SILENCED_SYSTEM_CHECKS = ["security.W021"]
# Email (only for password-reset links): SMTP when UNKNOT_EMAIL_HOST is set; otherwise the
# message is printed where unknot runs, which is enough on one's own computer.
EMAIL_HOST = env_str("UNKNOT_EMAIL_HOST")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = int(env_str("UNKNOT_EMAIL_PORT", "587"))
    EMAIL_HOST_USER = env_str("UNKNOT_EMAIL_USER")
    EMAIL_HOST_PASSWORD = env_str("UNKNOT_EMAIL_PASSWORD")
    EMAIL_USE_TLS = env_bool("UNKNOT_EMAIL_TLS", default=True)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env_str("UNKNOT_EMAIL_FROM", "unknot <unknot@localhost>")
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24 * 3  # three days

CSRF_FAILURE_VIEW = "unknot.web.care.views.csrf_failure"

# Errors go to the server's console (stderr) in every mode: with DEBUG off Django would otherwise
# only mail them to ADMINS, of which there are none. Health data never goes in a log line: the
# request logger writes the path and the exception, not the body.
LOGGING: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "{asctime} {levelname} {name}: {message}", "style": "{"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "loggers": {
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        "django.security": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        "unknot": {"handlers": ["console"], "level": env_str("UNKNOT_LOG_LEVEL", "INFO")},
    },
}
