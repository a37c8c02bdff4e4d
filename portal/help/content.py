"""The help center's content as data: one ``Section`` per situation a citizen may face.

Written for how this portal works (temporary passwords, "Corrigir e-mail", migrated accounts
of the old Portal do Cidadão). Every section ends with the support-request action, whose
``assunto`` is the section's slug; slugs are also the URL fragments (``/#nao-recebi-email``).
"""

from __future__ import annotations

import dataclasses

from portal import texts
from portal.core import routes


@dataclasses.dataclass(frozen=True)
class Action:
    label: str
    href: str


@dataclasses.dataclass(frozen=True)
class Section:
    slug: str
    title: str
    intro: str
    steps: tuple[str, ...]
    actions: tuple[Action, ...]
    after: str = ""


# --- Contacts, hours and LGPD -------------------------------------------------------
CONTACT_TITLE = "Precisa de ajuda?"
CONTACT_HOURS = "Horário de atendimento: de segunda a sexta-feira, das 08h00 às 18h00, exceto feriados."
# The page shows OUVIDORIA_TEXT followed by a link to settings().ouvidoria_url (default below).
OUVIDORIA_URL = "https://ouvidoria.campinas.sp.gov.br"
OUVIDORIA_TEXT = (
    "Demandas referentes a dados pessoais, de acordo com as regras estabelecidas na LGPD "
    "(Lei Geral de Proteção de Dados Pessoais – Lei nº 13.709/2018), deverão ser realizadas "
    "através da página da Ouvidoria Geral do Município de Campinas:"
)
LGPD_DEMANDS_INTRO = "São consideradas demandas LGPD:"
LGPD_DEMANDS = (
    "Aceitar solicitações de tratamento de dados pessoais por parte dos titulares;",
    "Aceitar reclamações e comunicações dos titulares dos dados pessoais;",
    "Prestar esclarecimentos e adotar providências;",
    "Receber comunicações da autoridade nacional e adotar providências.",
)
OTHER_TOPIC = ("outro", "Outro assunto")

# --- Actions ------------------------------------------------------------------------
SIGN_IN = Action("Entrar", routes.HOME)
SIGN_UP = Action(texts.LINK_SIGNUP, routes.SIGNUP)
RECOVER = Action(texts.LINK_RECOVER, routes.RECOVER)
FIX_EMAIL = Action("Corrigir ou reenviar e-mail", routes.SIGNUP_SENT)
RESEND_CONFIRMATION = Action("Entrar e reenviar a confirmação", routes.HOME)


def support_request(slug: str) -> Action:
    return Action(texts.MENU_REQUEST_HELP, f"{routes.SUPPORT}?assunto={slug}")


def _duration(hours: float) -> str:
    """2 -> "2 horas", 1 -> "1 hora", 0.5 -> "30 minutos"."""
    if float(hours).is_integer():
        return "1 hora" if hours == 1 else f"{int(hours)} horas"
    return f"{round(hours * 60)} minutos"


SPAM_STEP = (
    "Procure na caixa de spam ou lixo eletrônico (no Gmail, também nas abas “Promoções” e "
    "“Atualizações”). Alguns provedores classificam nossas mensagens como spam por engano."
)
WAIT_STEP = (
    "Aguarde alguns minutos e olhe de novo. Quando há muito movimento no portal ou no seu "
    "provedor de e-mail, a mensagem pode atrasar."
)
CPF_STEP = "Confira os 11 números do CPF. Pode digitar só os números ou no formato 000.000.000-00."


def build_sections(
    *, temp_password_hours: float = 2.0, confirmation_hours: float = 48.0
) -> tuple[Section, ...]:
    """The sections, with the validity periods the portal is configured with."""
    temp = _duration(temp_password_hours)
    link = _duration(confirmation_hours)
    return (
        Section(
            slug="problemas-no-cadastro",
            title="Não consigo fazer o cadastro",
            intro=(
                "O cadastro mostra, abaixo de cada campo, o que precisa ser corrigido. Se a página "
                "não carrega, fica em branco ou os botões não respondem, o problema costuma ser o "
                "navegador."
            ),
            steps=(
                "Leia as mensagens abaixo dos campos e corrija o que elas indicam.",
                "Atualize o seu navegador (Chrome, Firefox, Edge ou Safari) para a versão mais "
                "recente e tente de novo.",
                "Se você tem outro navegador no computador ou no celular, tente fazer o cadastro "
                "com ele.",
                "Se aparecer “Já existe uma conta confirmada para este CPF.”, você já tem conta: "
                "entre com seu CPF e senha ou recupere a senha.",
            ),
            actions=(SIGN_UP, RECOVER, support_request("problemas-no-cadastro")),
            after=(
                "Se nada disso resolver, peça auxílio e conte o que aparece na tela e qual navegador "
                "você usa."
            ),
        ),
        Section(
            slug="nao-recebi-email",
            title="Não recebi o e-mail de confirmação",
            intro=(
                "Depois do cadastro, enviamos um e-mail com o botão “Confirmar meu e-mail”. Sua "
                f"conta só fica ativa quando você abre esse link, que vale por {link}."
            ),
            steps=(
                SPAM_STEP,
                WAIT_STEP,
                "Na página que aparece depois do cadastro, use “Reenviar e-mail” para receber um "
                "novo link. Só vale o link da mensagem mais recente.",
                "Se depois de 1 hora o e-mail não chegou, o endereço provavelmente foi digitado "
                "errado (uma letra trocada ou a mais). Confira o endereço nessa mesma página e use "
                "“Corrigir e-mail”. Essa página só funciona na aba do navegador em que você fez o "
                "cadastro.",
                "Fechou essa aba? Faça o cadastro de novo com o mesmo CPF e o e-mail correto: os "
                "novos dados substituem o cadastro que ainda não foi confirmado.",
                "Você também pode entrar com seu CPF e senha: enquanto o cadastro não estiver "
                "confirmado, o portal oferece o botão “Reenviar e-mail de confirmação”.",
                "Se o endereço está certo e nada chega, sua caixa de e-mail pode estar cheia ou a "
                "conta de e-mail pode ter sido desativada pelo provedor. Verifique isso com o "
                "suporte do seu e-mail.",
            ),
            actions=(FIX_EMAIL, RESEND_CONFIRMATION, SIGN_UP, support_request("nao-recebi-email")),
            after=(
                "Para evitar abusos, o número de e-mails por hora é limitado. Se o portal pedir "
                "para aguardar, espere o tempo indicado."
            ),
        ),
        Section(
            slug="usuario-ou-senha-invalido",
            title="Aparece “Usuário ou Senha Inválido”",
            intro=(
                "Essa mensagem aparece quando o CPF ou a senha não conferem. Por segurança, o "
                "portal não diz qual dos dois está errado."
            ),
            steps=(
                "Veja se a tecla Caps Lock está ativada (ela faz tudo sair em letras maiúsculas). "
                "Se estiver, desative e digite a senha de novo. O portal avisa quando percebe o "
                "Caps Lock ligado.",
                CPF_STEP,
                "Digite a senha com atenção às letras maiúsculas e minúsculas. Use “Mostrar senha” "
                "para ver o que você digitou.",
                "Se você tinha conta no antigo Portal do Cidadão, a senha é a mesma que você usava lá.",
                "Se ainda assim não der certo, talvez você tenha esquecido a senha. Use “Recuperar "
                "senha”: enviaremos uma senha temporária para o e-mail da sua conta.",
            ),
            actions=(SIGN_IN, RECOVER, support_request("usuario-ou-senha-invalido")),
            after="Sua senha atual continua valendo enquanto você não usar a senha temporária.",
        ),
        Section(
            slug="email-e-cpf-nao-encontrados",
            title="Aparece “Este e-mail e este CPF não foram encontrados”",
            intro=(
                "Para recuperar a senha, você informa o CPF e o e-mail. Essa mensagem aparece "
                "quando não existe uma conta com esse CPF e esse e-mail juntos."
            ),
            steps=(
                "Confira se o e-mail foi digitado certo, sem letras trocadas ou a mais.",
                CPF_STEP,
                "Use o mesmo e-mail que está na sua conta. Um CPF certo com um e-mail diferente do "
                "cadastrado também mostra essa mensagem. Se você tem mais de um e-mail, tente os outros.",
                "Se você nunca se cadastrou neste portal nem no antigo Portal do Cidadão, faça o cadastro.",
            ),
            actions=(RECOVER, SIGN_UP, support_request("email-e-cpf-nao-encontrados")),
            after="Não sabe qual e-mail usou ou perdeu o acesso a ele? Veja “Não sei qual e-mail usei”.",
        ),
        Section(
            slug="esqueci-qual-email",
            title="Não sei qual e-mail usei ou perdi o acesso a ele",
            intro=(
                "A recuperação de senha só funciona com o CPF e o e-mail da sua conta, juntos. É "
                "comum usar mais de um e-mail e não lembrar qual foi informado, ou perder o acesso "
                "a um endereço (por exemplo, um e-mail pago que foi cancelado)."
            ),
            steps=(
                "Tente a recuperação de senha com cada e-mail que você usa ou já usou.",
                "Procure nas suas caixas de e-mail mensagens do Portal de Serviços: o endereço que "
                "as recebeu é o da sua conta.",
                "Se você lembra da senha, entre e confira ou troque o e-mail em “Minha conta”.",
                "Se não lembra do e-mail nem da senha, ou não tem mais acesso ao e-mail, peça "
                "auxílio: nossa equipe vai orientar você.",
            ),
            actions=(RECOVER, SIGN_IN, support_request("esqueci-qual-email")),
            after="Por segurança, a equipe pode pedir informações para confirmar que a conta é sua.",
        ),
        Section(
            slug="nao-recebi-nova-senha",
            title="Não recebi o e-mail com a senha temporária",
            intro=(
                "Quando a recuperação dá certo, o portal mostra para qual endereço enviamos a senha "
                "temporária. Ela vai sempre para o e-mail da sua conta."
            ),
            steps=(
                SPAM_STEP,
                WAIT_STEP,
                "Evite pedir várias vezes seguidas: cada pedido substitui a senha temporária "
                "anterior, e só vale a do e-mail mais recente.",
                "Se o portal disser que o cadastro ainda não foi confirmado, não há senha para "
                "recuperar: peça um novo e-mail de confirmação.",
                "Se depois de 1 hora o e-mail não chegou, peça auxílio.",
            ),
            actions=(RECOVER, support_request("nao-recebi-nova-senha")),
            after="Enquanto você não usar a senha temporária, sua senha atual continua valendo.",
        ),
        Section(
            slug="nova-senha-nao-funciona",
            title="A senha temporária não funciona",
            intro=(
                "A senha temporária serve para entrar uma única vez, com o seu CPF. Logo depois, o "
                "portal pede que você crie uma senha nova."
            ),
            steps=(
                "Entre com o seu CPF (não com o e-mail). " + CPF_STEP,
                "Digite a senha temporária como está no e-mail. Letras maiúsculas ou minúsculas, "
                "espaços e hífens não fazem diferença.",
                f"Ela vale por {temp} e uma única vez. Se o prazo passou ou você já a usou, peça "
                "outra em “Recuperar senha”.",
                "Pediu mais de uma vez? Só vale a senha do e-mail mais recente: cada pedido "
                "substitui o anterior.",
                "Se você já criou a sua senha nova, entre com ela: a temporária não vale mais.",
            ),
            actions=(SIGN_IN, RECOVER, support_request("nova-senha-nao-funciona")),
        ),
        Section(
            slug="conta-antiga",
            title="Eu tinha conta no antigo Portal do Cidadão",
            intro=(
                "As contas do antigo Portal do Cidadão foram trazidas para o Portal de Serviços. "
                "Você não precisa se cadastrar de novo."
            ),
            steps=(
                "Entre com o seu CPF e a mesma senha que você usava no antigo Portal do Cidadão.",
                "Se aparecer “Usuário ou Senha Inválido”, recupere a senha informando o CPF e o "
                "e-mail que você usava no portal antigo.",
                "Se não lembra desse e-mail ou não tem mais acesso a ele, peça auxílio.",
            ),
            actions=(SIGN_IN, RECOVER, support_request("conta-antiga")),
            after=(
                "Depois de entrar, confira em “Minha conta” se o seu e-mail está atualizado: é para "
                "ele que enviamos a recuperação de senha."
            ),
        ),
    )


SECTIONS: tuple[Section, ...] = build_sections()
TOPICS: tuple[tuple[str, str], ...] = tuple((s.slug, s.title) for s in SECTIONS) + (OTHER_TOPIC,)
_BY_SLUG = {s.slug: s for s in SECTIONS}


def section(slug: str) -> Section:
    """The section with this slug; KeyError for an unknown one."""
    try:
        return _BY_SLUG[slug]
    except KeyError:
        raise KeyError(f"no help section {slug!r}") from None
