"""Serviços (/servicos): the catalog of online services, and errors in the file its city editor keeps."""

SERVICES_TITLE = "Serviços"
SERVICES_INTRO = "Os serviços on-line da Prefeitura de Campinas, por assunto."
SERVICES_SEARCH_LABEL = "Buscar serviço"
SERVICES_SEARCH_HINT = "Digite o nome ou o assunto, por exemplo: IPTU, nota fiscal, saúde, matrícula."
SERVICES_SEARCH_BUTTON = "Buscar"
SERVICES_COUNT_ALL = "{count} serviços on-line."

SERVICES_FOUND_ONE = "1 serviço encontrado para “{query}”."
SERVICES_FOUND_MANY = "{count} serviços encontrados para “{query}”."
SERVICES_NONE_FOUND = "Nenhum serviço encontrado para “{query}”."
SERVICES_NONE_HINT = (
    "Confira se a palavra está escrita certo ou tente outra mais simples, como “imposto” ou “escola”."
)
SERVICES_NEEDS_SIGN_IN = "Requer entrar no portal"

SERVICES_SIGNED_IN_AS = "Você entrou como {name}."
SERVICES_LINK_ACCOUNT = "Minha conta"
SERVICES_LINK_DESK = "Atendimento"
SERVICES_SIGN_IN_PROMPT = "Alguns serviços pedem que você entre no portal com seu CPF e senha."
SERVICES_LINK_SIGN_IN = "Entrar"

SERVICES_LINK_SIGNUP = "Cadastre-se"

# Errors in portal/catalog/servicos.toml, for the city editor who keeps it
CATALOG_ERRORS = {
    "unreadable": "{source}: não foi possível ler o arquivo ({detail}).",
    "toml": "{source}: o arquivo não é TOML válido ({detail}).",
    "categories": "{source}: 'categorias' deve ser uma lista de nomes, na ordem da página.",
    "repeated_category": "{source}: há uma categoria repetida em 'categorias'.",
    "no_services": "{source}: nenhum serviço ([[servico]]) encontrado.",
    "unknown_key": "{source}: chave desconhecida '{key}' (use 'categorias' e [[servico]]).",
    "entry": "{source}, serviço nº {number}",
    "entry_named": "{where} ('{name}')",
    "not_a_block": "{where}: deve ser um bloco [[servico]].",
    "missing": "{where}: falta o campo '{field}'.",
    "wrong_type": "{where}: o campo '{field}' deve ser {expected}.",
    "unknown_field": "{where}: campo desconhecido '{field}'.",
    "keywords": "{where}: 'palavras_chave' deve ser uma lista de textos.",
    "category": "{where}: a categoria '{category}' não está em 'categorias'.",
    "link": "{where}: o 'link' deve ser um endereço https:// completo.",
    "duplicate": "{where}: já há um serviço com esse nome.",
}
CATALOG_EXPECTED = {"str": "um texto", "list": "uma lista de textos", "bool": "true ou false"}
