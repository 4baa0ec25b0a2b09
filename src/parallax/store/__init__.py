"""The one store class that the CLI, the web app and the Python API all share."""

from parallax.store.store import Store, default_db_path

__all__ = ["Store", "default_db_path"]
