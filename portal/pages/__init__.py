"""Pages: one module per page, functions returning components, no logic beyond layout."""
