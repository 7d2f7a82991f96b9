"""Clinical photographs: the standard views (resources/photos/views.toml) and the rules of a
comparison (days since treatment). Standard library and clinic_app.content only."""
