"""Django settings for unknot, read from the environment through small typed helpers.

Zero setup by default: SQLite in the user's data folder and a generated per-install secret key.
``DATABASE_URL`` switches to PostgreSQL; ``UNKNOT_PRODUCTION=1`` turns the security settings on and
requires ``UNKNOT_SECRET_KEY`` (or ``UNKNOT_SECRET_KEY_FILE``) and ``UNKNOT_ALLOWED_HOSTS``.
"""

from __future__ import annotations

import contextlib
import ipaddress
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


def env_int(name: str, default: int, *, minimum: int = 0, maximum: int | None = None) -> int:
    """``$NAME`` as a whole number within ``minimum``..``maximum``; anything else is an error."""
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    text = raw.strip()
    if not (text.isascii() and text.lstrip("-").isdigit()):
        raise ImproperlyConfigured(f"{name}={raw!r}: expected a whole number")
    value = int(text)
    if value < minimum or (maximum is not None and value > maximum):
        upper = "" if maximum is None else f" and at most {maximum}"
        raise ImproperlyConfigured(f"{name}={raw!r}: expected at least {minimum}{upper}")
    return value


def env_list(name: str, default: str = "") -> list[str]:
    """``$NAME`` as a comma-separated list, blanks left out."""
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


def env_networks(name: str, default: str) -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    """``$NAME`` as a comma-separated list of addresses or networks (``10.0.0.0/8``)."""
    networks = []
    for item in env_list(name, default):
        try:
            networks.append(ipaddress.ip_network(item, strict=False))
        except ValueError as exc:
            raise ImproperlyConfigured(f"{name}: {item!r} is not an address or network") from exc
    return networks


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
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(_sqlite),
            # Several server processes share the file: write-ahead logging lets readers go on
            # while one writes, a writer waits its turn instead of failing at once, and a
            # transaction takes the write lock when it begins (so a read-then-write in one
            # transaction cannot deadlock with another).
            "OPTIONS": {
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
            # Each server process (and thread) keeps its connection a minute instead of opening
            # the file and setting it up for every request; checked before reuse.
            "CONN_MAX_AGE": 60,
            "CONN_HEALTH_CHECKS": True,
        }
    }
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

ALLOWED_HOSTS = env_list("UNKNOT_ALLOWED_HOSTS")
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "UNKNOT_PRODUCTION=1 needs UNKNOT_ALLOWED_HOSTS: the names people use to reach this "
        "server, comma-separated (e.g. unknot.example.org)"
    )
if not ALLOWED_HOSTS:
    ALLOWED_HOSTS = ["localhost", "127.0.0.1", "[::1]"]
if not PRODUCTION:
    ALLOWED_HOSTS.append("testserver")


def _https_origin(host: str) -> str:
    """The HTTPS origin for an allowed host (``.example.org`` covers its subdomains)."""
    return f"https://*{host}" if host.startswith(".") else f"https://{host}"


# Forms posted from these origins pass the CSRF origin check: every allowed host over HTTPS
# (the TLS proxy's address), and any extra origin named in UNKNOT_CSRF_TRUSTED_ORIGINS.
CSRF_TRUSTED_ORIGINS = [
    *(_https_origin(h) for h in ALLOWED_HOSTS if h not in ("*", "testserver")),
    *env_list("UNKNOT_CSRF_TRUSTED_ORIGINS"),
]
# The reverse proxies whose X-Forwarded-For and X-Forwarded-Proto are believed (addresses or
# networks); anyone else's are dropped (``unknot.web.middleware.TrustedProxyMiddleware``).
TRUSTED_PROXIES = env_networks("UNKNOT_TRUSTED_PROXIES", "127.0.0.1,::1")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "unknot.web",  # the `serve`, `backup` and `restore` commands
    "unknot.web.accounts",
    "unknot.web.care",
    "unknot.web.practice",  # practitioner mode
    "unknot.web.api",  # the HTTP API and its access tokens
]

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "plan"
LOGOUT_REDIRECT_URL = "home"
# Sessions in the database, each row marked with its signed-in person, so deleting an account
# deletes every session it had (``unknot.web.accounts.sessions``).
SESSION_ENGINE = "unknot.web.accounts.sessions"
SESSION_COOKIE_AGE = 60 * 60 * 24 * 30  # a month: people come back to their plan
# A visitor's answers (pain map, age, sex) are kept only this long after their last change.
VISITOR_SESSION_AGE = 60 * 60 * 24 * 3
# Expired sessions and old throttle counts are removed at most this often, by the app itself.
HOUSEKEEPING_SECONDS = 60 * 60
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
    "unknot.web.middleware.TrustedProxyMiddleware",
    "unknot.web.middleware.HeadWithoutBodyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "unknot.web.middleware.NoStoreMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    "unknot.web.middleware.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "unknot.web.middleware.VisitorSessionMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "unknot.web.middleware.HousekeepingMiddleware",
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
# Where production collects them; on one's own computer they are read from the apps' folders.
STATIC_ROOT = env_str("UNKNOT_STATIC_ROOT") or (str(data_dir() / "static") if PRODUCTION else None)
# WhiteNoise serves the static files in every mode. In production they are collected at start
# (``unknot serve --production``) with content-hashed, pre-compressed copies cached for a year;
# otherwise they are read from the apps' folders, so a laptop needs no collect step.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "unknot.web.storage.HashedStaticFiles"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = DEBUG

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
    # Believed only from a trusted proxy: TrustedProxyMiddleware drops it from anyone else.
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
elif PRODUCTION:
    # No mail server yet: messages (they hold sign-in links) go to files only the service's user
    # can read, never to the log; the operator passes them on by hand.
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = env_str("UNKNOT_EMAIL_OUTBOX") or str(data_dir() / "outbox")
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env_str("UNKNOT_EMAIL_FROM", "unknot <unknot@localhost>")
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24 * 3  # three days
# Sign-up by an emailed link: the page answers the same whether or not the address already has an
# account (the email tells its owner which), so nobody can test addresses. On by default in
# production; on one's own computer the account is made at once.
SIGNUP_BY_EMAIL = env_bool("UNKNOT_SIGNUP_BY_EMAIL", default=PRODUCTION)

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
