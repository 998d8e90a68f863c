import os
from importlib import import_module

from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zemstvo.settings")
application = get_wsgi_application()

# Import every module's pages and API (views, schemas) now, not on the first request:
# under `gunicorn --preload` the workers are forked with them loaded, instead of each
# spending seconds of CPU on it while its first requests wait.
import_module(settings.ROOT_URLCONF)
