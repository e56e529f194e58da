"""The shared SQL store: models, connection, migrations and the queries built on them."""
