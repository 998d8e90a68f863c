"""One settings module for every profile, read from the environment (12-factor).

ZEMSTVO_PROFILE selects the defaults:
- ``embedded`` (default): SQLite in WAL mode, files and e-mails in ``var/``, DEBUG on;
- ``production``: DATABASE_URL (PostgreSQL), secure cookies, HSTS, DEBUG off; passes
  ``zemstvo check --deploy`` when ZEMSTVO_SECRET_KEY and ZEMSTVO_ALLOWED_HOSTS are set.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent
VAR_DIR = Path(os.environ.get("ZEMSTVO_VAR_DIR", PROJECT_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)

PROFILE = os.environ.get("ZEMSTVO_PROFILE", "embedded")
PRODUCTION = PROFILE == "production"


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _embedded_secret_key() -> str:
    # The embedded profile keeps a random key on disk so sessions survive restarts;
    # production must give ZEMSTVO_SECRET_KEY explicitly.
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(64))
    return key_file.read_text().strip()


SECRET_KEY = os.environ.get("ZEMSTVO_SECRET_KEY") or (
    "" if PRODUCTION else _embedded_secret_key()
)
DEBUG = _env_bool("ZEMSTVO_DEBUG", not PRODUCTION)
ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get(
        "ZEMSTVO_ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,testserver"
    ).split(",")
    if h.strip()
]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("ZEMSTVO_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

# The kernel apps first, then the domains. The kernel never imports a domain:
# domains are found through the module registry (zemstvo.core.registry).
KERNEL_APPS = [
    "zemstvo.core.territory",
    "zemstvo.core.accounts",
    "zemstvo.core.audit",
    "zemstvo.core.workdays",
    "zemstvo.core.rules",
    "zemstvo.core.attachments",
    "zemstvo.core.comments",
    "zemstvo.core.notifications",
    "zemstvo.core.search",
    "zemstvo.core.opendata",
    "zemstvo.core.shell",
]
DOMAIN_APPS = [
    "zemstvo.news",
    "zemstvo.initiatives",
    "zemstvo.voting",
    "zemstvo.hearings",
    "zemstvo.effectiveness",
    "zemstvo.community",
    "zemstvo.council",
    "zemstvo.programs",
]
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    *KERNEL_APPS,
    *DOMAIN_APPS,
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before sessions and templates: a cached anonymous page costs no database work.
    "zemstvo.core.shell.pagecache.AnonymousPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "zemstvo.core.shell.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "zemstvo.core.shell.middleware.AccessibilityMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into a clear page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "zemstvo.urls"
WSGI_APPLICATION = "zemstvo.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "zemstvo.core.shell.context.shell",
            ],
        },
    }
]

# Database: SQLite (embedded) unless DATABASE_URL names another one.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'zemstvo.sqlite3'}"),
        conn_max_age=int(os.environ.get("ZEMSTVO_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets readers work while one writer writes; IMMEDIATE takes the write
        # lock at BEGIN so two writers queue instead of failing with "locked".
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
        " PRAGMA foreign_keys=ON;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# People
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:profile"
LOGOUT_REDIRECT_URL = "shell:home"

# Login throttling (django-axes): 5 failures lock the login+address pair for 15 minutes.
AXES_FAILURE_LIMIT = int(os.environ.get("ZEMSTVO_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False

# Sessions and cookies
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 12
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = _env_bool("ZEMSTVO_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("ZEMSTVO_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# Language and time: UI strings are written in Russian and translated to English
# through gettext (locale/en). Times are stored in UTC.
LANGUAGE_CODE = "ru"
LANGUAGES = [("ru", "Русский"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Moscow"

# Static files: served by the platform itself (WhiteNoise); nothing from outside hosts.
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise warns about a missing one
STATICFILES_DIRS = [
    d for d in [PROJECT_DIR / "node_modules" / "htmx.org" / "dist"] if d.exists()
]
WHITENOISE_USE_FINDERS = True
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("ZEMSTVO_MEDIA_ROOT", VAR_DIR / "media"))

# Uploads: the attachments app checks size and type; Django's own limit sits above it.
ZEMSTVO_MAX_UPLOAD_BYTES = int(os.environ.get("ZEMSTVO_MAX_UPLOAD_BYTES", str(20 * 1024 * 1024)))
DATA_UPLOAD_MAX_MEMORY_SIZE = ZEMSTVO_MAX_UPLOAD_BYTES + 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

# E-mail: the embedded profile writes each message to var/mail and prints its
# links to the console; production sends through SMTP.
EMAIL_FILE_PATH = VAR_DIR / "mail"
if PRODUCTION or os.environ.get("ZEMSTVO_EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ.get("ZEMSTVO_EMAIL_HOST", "localhost")
    EMAIL_PORT = int(os.environ.get("ZEMSTVO_EMAIL_PORT", "25"))
    EMAIL_HOST_USER = os.environ.get("ZEMSTVO_EMAIL_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("ZEMSTVO_EMAIL_PASSWORD", "")
    EMAIL_USE_TLS = _env_bool("ZEMSTVO_EMAIL_TLS", False)
else:
    EMAIL_BACKEND = "zemstvo.core.notifications.mail.FolderAndConsoleBackend"
DEFAULT_FROM_EMAIL = os.environ.get("ZEMSTVO_FROM_EMAIL", "Земство <noreply@zemstvo.local>")
ZEMSTVO_SITE_URL = os.environ.get("ZEMSTVO_SITE_URL", "http://127.0.0.1:8000")

# Production calendars and territory data shipped with the project.
ZEMSTVO_DATA_DIR = BASE_DIR / "data"

# One cache per process by default; several app servers can share one through
# ZEMSTVO_CACHE_DIR (a folder all of them see).
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
         "LOCATION": os.environ["ZEMSTVO_CACHE_DIR"]}
        if os.environ.get("ZEMSTVO_CACHE_DIR")
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
              "OPTIONS": {"MAX_ENTRIES": 2000}}
    )
}
# Anonymous visitors' public pages are served from the cache for this many seconds
# (zemstvo.core.shell.pagecache); 0 turns it off.
ZEMSTVO_PAGE_CACHE_SECONDS = int(os.environ.get("ZEMSTVO_PAGE_CACHE_SECONDS", "20"))
# A worker keeps an open poll (its conditions are fixed once it opens) this many
# seconds for casting ballots (zemstvo.voting.ballots.poll_for_ballot); 0 turns it off.
ZEMSTVO_OPEN_POLL_CACHE_SECONDS = int(os.environ.get("ZEMSTVO_OPEN_POLL_CACHE_SECONDS", "5"))

# The level is the handler's as well as the root's: Django's own loggers (a 4xx answer
# is a WARNING of django.request) reach the root's handler past the root's level.
_LOG_LEVEL = os.environ.get("ZEMSTVO_LOG_LEVEL", "WARNING")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler", "level": _LOG_LEVEL}},
    "root": {"handlers": ["console"], "level": _LOG_LEVEL},
}

# --- opendata ---
# The publisher of platform-wide data sets (the operator) and the contact shown in every
# passport (паспорт набора данных, Методические рекомендации по публикации открытых
# данных, версия 3.0). A municipality's own sets are published under its INN.
ZEMSTVO_OPENDATA_INN = os.environ.get("ZEMSTVO_OPENDATA_INN", "0000000000")
ZEMSTVO_OPENDATA_PUBLISHER = os.environ.get(
    "ZEMSTVO_OPENDATA_PUBLISHER", "Оператор платформы «Земство»"
)
ZEMSTVO_OPENDATA_PHONE = os.environ.get("ZEMSTVO_OPENDATA_PHONE", "")
ZEMSTVO_OPENDATA_MBOX = os.environ.get("ZEMSTVO_OPENDATA_MBOX", "")
ZEMSTVO_OPENDATA_LICENSE = os.environ.get("ZEMSTVO_OPENDATA_LICENSE", "CC BY 4.0")
ZEMSTVO_OPENDATA_LICENSE_URL = os.environ.get(
    "ZEMSTVO_OPENDATA_LICENSE_URL", "https://creativecommons.org/licenses/by/4.0/deed.ru"
)
# How often a passport re-reads its set to notice a change (modified, provenance).
ZEMSTVO_OPENDATA_CHECK_SECONDS = int(os.environ.get("ZEMSTVO_OPENDATA_CHECK_SECONDS", "3600"))

# --- accounts ---
# Login by user name or e-mail; django-axes' backend stays first so a locked-out
# login+address pair is refused before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "zemstvo.core.accounts.backends.UsernameOrEmailBackend",
]
# A locked-out attempt gets a Russian page, or the API's JSON error under /api/.
AXES_LOCKOUT_CALLABLE = "zemstvo.core.accounts.lockout.lockout_response"
# Attempts count against the account however its login was typed (login or e-mail).
AXES_USERNAME_CALLABLE = "zemstvo.core.accounts.lockout.axes_username"
# E-mail confirmation links expire after this many seconds (3 days, as password resets).
ZEMSTVO_EMAIL_CONFIRM_MAX_AGE = int(os.environ.get("ZEMSTVO_EMAIL_CONFIRM_MAX_AGE", "259200"))
# Default lifetime of an API token, in days.
ZEMSTVO_API_TOKEN_DAYS = int(os.environ.get("ZEMSTVO_API_TOKEN_DAYS", "90"))

# --- voting ---
# The secret ballot: SQL about the ballot tables never reaches a log, whatever the log
# level (zemstvo.voting.logfilter).
LOGGING.setdefault("filters", {})["voting_secret_ballot"] = {
    "()": "zemstvo.voting.logfilter.SecretBallotFilter",
}
LOGGING.setdefault("loggers", {}).setdefault("django.db.backends", {}).setdefault(
    "filters", []
).append("voting_secret_ballot")
