"""A rating's inputs and results (several MB of JSON at country size) are compressed
with lz4 rather than pglz on PostgreSQL 14+ built with lz4: storing a rating then costs
about half. Other databases, and servers without lz4, keep their default."""

from django.db import migrations, transaction
from django.db.utils import DatabaseError

TABLE = "effectiveness_rating"


def _set_compression(method: str):
    def apply(apps, schema_editor):
        connection = schema_editor.connection
        if connection.vendor != "postgresql" or connection.pg_version < 140000:
            return
        with connection.cursor() as cursor:
            cursor.execute("SELECT %s = ANY(enumvals) FROM pg_settings "
                           "WHERE name = 'default_toast_compression'", [method])
            row = cursor.fetchone()
            if not row or not row[0]:
                return
            try:
                with transaction.atomic(using=connection.alias):
                    cursor.execute(f"ALTER TABLE {TABLE} ALTER COLUMN inputs SET COMPRESSION "
                                   f"{method}, ALTER COLUMN results SET COMPRESSION {method}")
            except DatabaseError:
                return

    return apply


class Migration(migrations.Migration):

    dependencies = [
        ("effectiveness", "0002_surveylink"),
    ]

    operations = [
        migrations.RunPython(_set_compression("lz4"), _set_compression("pglz")),
    ]
