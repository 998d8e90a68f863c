from django.apps import AppConfig


class CouncilConfig(AppConfig):
    name = "zemstvo.council"
    label = "council"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Sessions and meetings become choices of the news «related record» field.
        from zemstvo.council.links import linkable
        from zemstvo.news.linking import register_if_installed

        register_if_installed(linkable)
