"""A fake gov.br Login Único (a real OpenID provider, npm oidc-provider) for tests and development."""
