""""Entrar com gov.br": the OpenID Connect client of gov.br's Login Único (client.py) and what
the portal does with the identity gov.br vouches for (links.py)."""
