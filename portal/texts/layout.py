"""The frame around every page: the portal's name, browser titles, accessibility bar, menu, footer."""

PORTAL_NAME = "Portal de Serviços"
CITY = "Prefeitura Municipal de Campinas"
# What the browser tab shows: the page's own title, then the portal's name.
PAGE_TITLE = "{page} · Portal de Serviços"

SKIP_TO_CONTENT = "Ir para o conteúdo"
SKIP_TO_MENU = "Ir para o menu"
ACCESSIBILITY_BAR = "Acessibilidade"
HIGH_CONTRAST = "Alto contraste"
LARGER_TEXT = "Aumentar texto"

MENU_LABEL = "Menu principal"
MENU_BUTTON = "Menu"
MENU_HOME = "Início"
MENU_SERVICES = "Serviços"
MENU_SIGN_IN = "Entrar"
MENU_SIGNUP = "Cadastre-se"
MENU_HELP = "Ajuda"
MENU_REQUEST_HELP = "Solicitar auxílio"
MENU_ACCOUNT = "Minha conta"
MENU_DESK = "Atendimento"
MENU_PRIVACY = "Privacidade"

FOOTER = "Prefeitura Municipal de Campinas · Portal de Serviços"
LINK_TERMS = "Termos de uso e aviso de privacidade"

LOADING = "Aguarde…"
CONNECTING = "Conectando…"
CONNECTION_LOST = "Sem conexão. Tentando de novo…"
