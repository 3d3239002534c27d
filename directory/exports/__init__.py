"""The open-data formats: each is one `ExportFormat` in `formats.EXPORT_FORMATS`, which both
`python -m directory export` and the site's Open data page read."""
