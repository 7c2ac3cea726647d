"""Fazhi settings: one env-driven module. SQLite in FAZHI_HOME unless DATABASE_URL is set.

Environment:
  FAZHI_HOME          data folder (SQLite database, uploads, keys, secret); default ./var
  DATABASE_URL        postgres://user@host:port/name to use PostgreSQL
  REDIS_URL           redis://127.0.0.1:6379/0 for cache, sessions and the task queue (optional)
  FAZHI_SECRET_KEY    Django secret; default: FAZHI_HOME/secret_key, created on first run
  FAZHI_KEYS_FILE     personal-data keyring; default FAZHI_HOME/keys.json, created on first run
  FAZHI_DEBUG         1 to enable debug pages (never in production)
  FAZHI_ALLOWED_HOSTS comma-separated; default 127.0.0.1,localhost
  FAZHI_HTTPS         1 when served over HTTPS: secure cookies, HSTS
  FAZHI_CIPHER        AES-GCM (default) or SM4-GCM for new encrypted values
  FAZHI_DB_BUSY_TIMEOUT seconds a SQLite write waits behind another before "busy, retry" (503); default 20
  FAZHI_BASE_URL      e.g. https://fazhi.example.gov.cn, for absolute links in generated documents
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent
FAZHI_HOME = Path(os.environ.get("FAZHI_HOME") or PROJECT_DIR / "var").resolve()  # set but empty: the default
FAZHI_HOME.mkdir(parents=True, exist_ok=True)


def _env_flag(name: str, default: bool = False) -> bool:
    return os.environ.get(name, "1" if default else "0").strip().lower() in {"1", "true", "yes", "on"}


def _secret_key() -> str:
    if key := os.environ.get("FAZHI_SECRET_KEY"):
        return key
    path = FAZHI_HOME / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = _env_flag("FAZHI_DEBUG")
ALLOWED_HOSTS = [h.strip() for h in os.environ.get("FAZHI_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")]
HTTPS = _env_flag("FAZHI_HTTPS")
# The address users reach the site at, for links written into documents (report annexes); relative if unset.
FAZHI_BASE_URL = os.environ.get("FAZHI_BASE_URL", "").rstrip("/")

INSTALLED_APPS = [
    "fazhi.workbench.admin_site.FazhiAdminConfig",  # django.contrib.admin, themed, master data only
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "django_htmx",
    "ninja",  # Swagger UI served from the app's own static files, not a CDN
    "treebeard",
    "fazhi.core",
    "fazhi.org",
    "fazhi.workbench",
    # Domain apps, in dependency order (the demo loads them in this order).
    "fazhi.people",
    "fazhi.grid",
    "fazhi.supervision",
    "fazhi.petitions",
    "fazhi.disputes",
    "fazhi.reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "fazhi.core.middleware.RequestIdMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "fazhi.org.middleware.AccountPolicyMiddleware",
    "fazhi.workbench.middleware.ErrorPageMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "fazhi.urls"
WSGI_APPLICATION = "fazhi.wsgi.application"
AUTH_USER_MODEL = "org.User"
LOGIN_URL = "/login/"
LOGIN_REDIRECT_URL = "/"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "fazhi.workbench.context.workbench",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
DATABASE_URL = os.environ.get("DATABASE_URL", "")
# How long a SQLite writer waits behind another before the user is told "busy, retry" (503).
SQLITE_BUSY_SECONDS = float(os.environ.get("FAZHI_DB_BUSY_TIMEOUT", "20"))
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=600, conn_health_checks=True)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(FAZHI_HOME / "fazhi.sqlite3"),
            # Keep connections across requests; WAL lets readers run beside one writer; writes take
            # the lock at BEGIN (IMMEDIATE) so two writers queue on busy_timeout instead of failing
            # with "database is locked" at their first write.
            "CONN_MAX_AGE": 600,
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": SQLITE_BUSY_SECONDS,
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
                    f" PRAGMA busy_timeout={int(SQLITE_BUSY_SECONDS * 1000)};"
                ),
            },
            "TEST": {"NAME": str(FAZHI_HOME / "test.sqlite3")} if _env_flag("FAZHI_TEST_FILE_DB") else {},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache, sessions, tasks -----------------------------------------------------------------
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    RQ_QUEUES = {"default": {"URL": REDIS_URL}}
    INSTALLED_APPS.append("django_rq")
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    SESSION_ENGINE = "django.contrib.sessions.backends.db"
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
if _env_flag("FAZHI_TASKS_IMMEDIATE"):
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# --- Security (DOMAIN.md §9; all configurable) -----------------------------------------------
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "fazhi.org.passwords.CharacterClassValidator", "OPTIONS": {"min_classes": 3}},
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
FAZHI_PASSWORD_MAX_AGE_DAYS = int(os.environ.get("FAZHI_PASSWORD_MAX_AGE_DAYS", "90"))
AXES_FAILURE_LIMIT = int(os.environ.get("FAZHI_LOCKOUT_FAILURES", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("FAZHI_LOCKOUT_MINUTES", "30")) / 60  # hours
AXES_LOCKOUT_PARAMETERS = ["username"]  # DOMAIN.md §9 locks the account, whatever the address
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = False
AXES_VERBOSE = False
AXES_LOCKOUT_CALLABLE = "fazhi.org.auth.lockout_response"
SESSION_COOKIE_AGE = int(os.environ.get("FAZHI_IDLE_TIMEOUT_MINUTES", "30")) * 60
SESSION_SAVE_EVERY_REQUEST = True  # idle timeout: every request pushes expiry forward
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
API_TOKEN_TTL_HOURS = int(os.environ.get("FAZHI_API_TOKEN_HOURS", "12"))
OTP_TOTP_ISSUER = "法治平台"

# --- Personal data --------------------------------------------------------------------------
FAZHI_KEYS_FILE = Path(os.environ.get("FAZHI_KEYS_FILE", FAZHI_HOME / "keys.json"))
FAZHI_CIPHER = os.environ.get("FAZHI_CIPHER", "AES-GCM")

# --- Locale ---------------------------------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

# --- Files ----------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = FAZHI_HOME / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STATICFILES_DIRS = [
    ("vendor/htmx", PROJECT_DIR / "node_modules" / "htmx.org" / "dist"),
    ("vendor/echarts", PROJECT_DIR / "node_modules" / "echarts" / "dist"),
]
STATICFILES_DIRS = [(prefix, path) for prefix, path in STATICFILES_DIRS if path.exists()]
STATICFILES_DIRS.append(BASE_DIR / "static")  # type: ignore[arg-type]  # the house stylesheet
WHITENOISE_USE_FINDERS = True  # serve straight from the finders, so `collectstatic` is optional
MEDIA_ROOT = FAZHI_HOME / "uploads"
MEDIA_URL = "/media/"
DATA_UPLOAD_MAX_MEMORY_SIZE = 50 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

FAZHI_SENDERS = [
    p for p in os.environ.get("FAZHI_SENDERS", "fazhi.workbench.senders.ConsoleSender").split(",") if p
]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("FAZHI_LOG_LEVEL", "WARNING")},
}
