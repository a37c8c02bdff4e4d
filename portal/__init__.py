"""Portal de Serviços: the account portal of Campinas' online services."""
