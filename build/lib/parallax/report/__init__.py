"""The report: `report.json` (versioned, schema-checked), `report.html` (self-contained) and `report.md`."""

from parallax.report.build import REPORT_SCHEMA_ID, build_report, load_schema, validate_report, write_report

__all__ = ["REPORT_SCHEMA_ID", "build_report", "load_schema", "validate_report", "write_report"]
