"""The city's online services (servicos.toml) and the search over them."""
