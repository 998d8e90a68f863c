from django.apps import AppConfig


class OpendataConfig(AppConfig):
    name = "zemstvo.core.opendata"
    label = "opendata"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from zemstvo.core.opendata import checks  # noqa: F401 - registers the system check
