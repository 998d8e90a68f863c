import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zemstvo.settings")
application = get_wsgi_application()

# Import every module's pages and API (views, schemas) now, not on the first request:
# under `gunicorn --preload` the workers are forked with them loaded, instead of each
# spending seconds of CPU on it while its first requests wait.
get_resolver().url_patterns
