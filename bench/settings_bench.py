"""Settings for the benchmark server: the project's settings, with a URLconf that adds
the bare view the pages are compared with. Everything else (profile, DATABASE_URL,
DEBUG, ALLOWED_HOSTS) comes from the environment as in production."""

from zemstvo.settings import *  # noqa: F403 - the whole settings module, unchanged

ROOT_URLCONF = "bench.urls_bench"
