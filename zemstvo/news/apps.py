from django.apps import AppConfig


class NewsConfig(AppConfig):
    name = "zemstvo.news"
    label = "news"
    default_auto_field = "django.db.models.BigAutoField"
