"""What each outcome code a service returns says to the citizen (``MESSAGES["cpf_invalid"]``), as in Django.

One literal, read-only: a code's wording is changed here, never patched from elsewhere. Every code the
services return has its entry (tests/unit/test_fields.py, tests/properties).
"""

from types import MappingProxyType as _read_only

CPF_TAKEN = "Já existe uma conta confirmada para este CPF."

MESSAGES = _read_only({
    # The fields citizens type (portal.accounts.fields)
    "name_required": "Informe seu nome completo.",
    "name_incomplete": "Informe nome e sobrenome.",
    "name_too_long": "O nome pode ter no máximo 200 caracteres.",
    "name_invalid": "Use apenas letras, espaços, apóstrofo, ponto e hífen no nome.",
    "cpf_required": "Informe seu CPF.",
    "cpf_invalid": "CPF inválido. Confira os 11 números.",
    "cpf_taken": CPF_TAKEN,
    "signup_again_wait": (
        "Este CPF já recebeu vários e-mails de confirmação na última hora. Aguarde uma hora "
        "ou use o link mais recente que enviamos."
    ),
    "cpf_busy": "Outro cadastro para este CPF está sendo concluído agora. Tente de novo em instantes.",
    "email_required": "Informe seu e-mail.",
    "email_invalid": "E-mail inválido. Confira o endereço, por exemplo: maria@gmail.com.",
    "email_mismatch": "Os e-mails não são iguais.",
    "password_required": "Crie uma senha.",
    "password_too_short": "A senha precisa ter pelo menos 8 caracteres.",
    "password_too_long": "A senha pode ter no máximo 128 caracteres.",
    "password_common": "Esta senha é muito comum e fácil de adivinhar. Escolha outra.",
    "password_contains_cpf": "A senha não pode conter o seu CPF.",
    "password_contains_name": "A senha não pode conter o seu nome.",
    "password_mismatch": "As senhas não são iguais.",
    "terms_required": "Para criar a conta, aceite os termos de uso e o aviso de privacidade.",
    "signup_password_wrong": "Senha incorreta. Use a senha que você criou no cadastro.",
    # Signing in, and changes in "Minha conta"
    "login_cpf_invalid": "CPF inválido. Confira os 11 números.",
    "login_password_required": "Informe sua senha.",
    "current_password_wrong": "Senha atual incorreta.",
    "email_same": "Este já é o e-mail da sua conta.",
    "email_in_use": "Este e-mail já é usado por outra conta. Use outro endereço.",
    # Support requests, and following them
    "phone_invalid": "Telefone inválido. Informe DDD e número, por exemplo: (19) 99876-5432.",
    "topic_required": "Escolha o assunto.",
    "description_required": "Descreva o que aconteceu.",
    "description_too_long": "A descrição pode ter no máximo 2000 caracteres.",
    "protocol_required": "Informe o número do protocolo.",
    "protocol_invalid": (
        "Número de protocolo inválido. Confira os números, por exemplo: 2026-483-129-577."
    ),
    # The staff desk
    "reply_required": "Escreva a resposta.",
    "reply_too_long": "A resposta pode ter no máximo 4000 caracteres.",
    "identity_checks_required": "Marque pelo menos duas conferências de identidade que você fez.",
    "identity_check_contact_required": (
        "O e-mail da solicitação não é o da conta: fale com o titular pelo e-mail cadastrado na conta e "
        "marque essa conferência."
    ),
    "identity_check_required": (
        "Descreva nas observações o que foi comparado e por qual canal, com pelo menos 15 caracteres."
    ),
    "two_step_off_no_account": "Não há conta com verificação em duas etapas para esta solicitação.",
})
