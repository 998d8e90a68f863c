from django.apps import AppConfig


class ShellConfig(AppConfig):
    name = "zemstvo.core.shell"
    label = "shell"
    default_auto_field = "django.db.models.BigAutoField"
