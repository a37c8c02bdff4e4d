"""Support requests ("Solicite auxílio"): protocol numbers, the citizen's form, the staff desk."""
