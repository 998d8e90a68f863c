"""The full-text part of the search index, by database (see search/models.py):
PostgreSQL gets a stored generated tsvector column with a GIN index; SQLite gets an
FTS5 table of stems and a trigger that drops a stem row with its entry."""

from django.db import migrations

POSTGRESQL_FORWARD = [
    """
    ALTER TABLE search_searchentry ADD COLUMN search_vector tsvector
    GENERATED ALWAYS AS (
        setweight(to_tsvector('russian'::regconfig, coalesce(title, '')), 'A')
        || setweight(to_tsvector('russian'::regconfig, coalesce(body, '')), 'B')
    ) STORED
    """,
    "CREATE INDEX search_entry_vector_gin ON search_searchentry USING GIN (search_vector)",
]
POSTGRESQL_BACKWARD = [
    "DROP INDEX IF EXISTS search_entry_vector_gin",
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS search_vector",
]
SQLITE_FORWARD = [
    # Stems are plain \w runs; diacritics are kept so «й» stays apart from «и».
    "CREATE VIRTUAL TABLE search_fts USING fts5(title, body,"
    " tokenize = 'unicode61 remove_diacritics 0')",
    """
    CREATE TRIGGER search_entry_fts_delete AFTER DELETE ON search_searchentry
    BEGIN DELETE FROM search_fts WHERE rowid = old.id; END
    """,
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS search_entry_fts_delete",
    "DROP TABLE IF EXISTS search_fts",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRESQL_FORWARD, "sqlite": SQLITE_FORWARD}),
            _run({"postgresql": POSTGRESQL_BACKWARD, "sqlite": SQLITE_BACKWARD}),
        ),
    ]
