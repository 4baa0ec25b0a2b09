"""The evaluation tasks. Each module that owns a stage adds its scorer here."""

from __future__ import annotations

from parallax.eval.registry import Task

TASKS: dict[str, Task] = {}
