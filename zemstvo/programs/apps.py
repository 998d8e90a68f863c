from django.apps import AppConfig


class ProgramsConfig(AppConfig):
    name = "zemstvo.programs"
    label = "programs"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Programs and projects become choices of the news «related record» field.
        from zemstvo.programs.links import register

        register()
