// A stand-in for gov.br's "Login Único" for tests and local development: a real, certified OpenID
// provider (npm oidc-provider) shaped like gov.br. NEVER for a public address: it listens on
// 127.0.0.1 only, anyone can sign in as any CPF of the accounts file, and its keys live in memory.
//
// Configuration: environment variables, or the same names as arguments (--port 9000 sets GOVBR_PORT).
//   GOVBR_PORT                      port on 127.0.0.1 (0 or unset: any free port; the issuer is printed)
//   GOVBR_CLIENT_ID, GOVBR_CLIENT_SECRET
//   GOVBR_REDIRECT_URIS             space-separated
//   GOVBR_POST_LOGOUT_REDIRECT_URIS space-separated
//   GOVBR_ACCOUNTS                  path of a JSON file, re-read on every use (tests change it live):
//     {"52998224725": {"name": "...", "email": "...", "email_verified": true, "level": "prata"}}
//     optional per account: social_name, phone_number, selos (list of gov.br seal ids)
//   GOVBR_TOKEN_AUTH_METHOD         client_secret_basic (default, as gov.br) or client_secret_post
// Test-only knobs (to prove the portal refuses bad tokens):
//   GOVBR_ID_TOKEN_TTL      seconds; 0 or negative issues ID tokens that are already expired
//   GOVBR_ACCESS_TOKEN_TTL  seconds (> 0)
//   GOVBR_ID_TOKEN_CLAIMS   JSON merged into every ID token, re-signed with the real key;
//                           e.g. {"aud": "outro-sistema"}, {"iss": "https://evil"}, {"nonce": "x"};
//                           a null value removes the claim
//   GOVBR_PUBLISH_WRONG_KEY=1  the JWKS shows another key under the signing key's kid, so every
//                           signature the client checks fails
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';

import Provider from 'oidc-provider';

// --- configuration ------------------------------------------------------------------------
for (let i = 2; i < process.argv.length; i += 1) {
  const m = /^--([a-z0-9-]+)(?:=(.*))?$/.exec(process.argv[i]);
  if (!m) throw new Error(`unexpected argument ${process.argv[i]}`);
  const value = m[2] ?? process.argv[(i += 1)];
  process.env[`GOVBR_${m[1].replaceAll('-', '_').toUpperCase()}`] = value;
}
const env = (name, fallback) => {
  const value = process.env[`GOVBR_${name}`];
  if (value === undefined || value === '') {
    if (fallback === undefined) throw new Error(`GOVBR_${name} is required`);
    return fallback;
  }
  return value;
};
const words = (s) => s.split(/[\s,]+/).filter(Boolean);

const CLIENT = {
  client_id: env('CLIENT_ID'),
  client_secret: env('CLIENT_SECRET'),
  redirect_uris: words(env('REDIRECT_URIS')),
  post_logout_redirect_uris: words(env('POST_LOGOUT_REDIRECT_URIS', '')),
  grant_types: ['authorization_code'],
  response_types: ['code'],
  token_endpoint_auth_method: env('TOKEN_AUTH_METHOD', 'client_secret_basic'),
};
const ACCOUNTS_FILE = env('ACCOUNTS');
const ID_TOKEN_TTL = Number(env('ID_TOKEN_TTL', '3600'));
const ACCESS_TOKEN_TTL = Number(env('ACCESS_TOKEN_TTL', '3600'));
const ID_TOKEN_CLAIMS = JSON.parse(env('ID_TOKEN_CLAIMS', '{}'));
const PUBLISH_WRONG_KEY = ['1', 'true', 'yes'].includes(env('PUBLISH_WRONG_KEY', '0'));

// gov.br's account levels. The ids are those of GET /confiabilidades/v3/contas/{cpf}/niveis; the
// English names are those of the ID token's reliability_info.level.
const LEVELS = {
  bronze: { id: '1', en: 'bronze', selos: ['201'] }, // 201 cadastro_basico (Receita Federal)
  prata: { id: '2', en: 'silver', selos: ['201', '605'] }, // 605 Caixa internet banking
  ouro: { id: '3', en: 'gold', selos: ['201', '701'] }, // 701 biometria facial TSE
};
// gov.br formats dates differently in the API ("YYYY-MM-DD HH:MM:SS") and the ID token.
const UPDATED_API = '2024-01-02 10:00:00';
const UPDATED_TOKEN = '2024-01-02T10:00:00.000-0300';

function readAccounts() {
  // Re-read every time, on purpose: a test may rewrite the file while the provider runs.
  return JSON.parse(fs.readFileSync(ACCOUNTS_FILE, 'utf8'));
}

function levelOf(account) {
  const level = LEVELS[account.level ?? 'bronze'];
  if (!level) throw new Error(`unknown level ${account.level} (bronze, prata or ouro)`);
  return level;
}

// --- keys -----------------------------------------------------------------------------------
// Fresh keys at every start: nothing secret on disk. gov.br names its key "rsa1".
const signingKey = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
const SIGNING_JWK = { ...signingKey.export({ format: 'jwk' }), kid: 'rsa1', alg: 'RS256', use: 'sig' };
const publicJwk = (key) => {
  const { kty, n, e } = crypto.createPublicKey(key).export({ format: 'jwk' });
  return { kty, n, e, kid: 'rsa1', alg: 'RS256', use: 'sig' };
};

const OTHER_KEY = PUBLISH_WRONG_KEY && crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;

const b64url = (data) => Buffer.from(data).toString('base64url');

function tamperIdToken(jwt) {
  // Rewrites claims of an ID token oidc-provider made and signs it again with the real key, so
  // only the tampered claim is wrong.
  const [header, payload] = jwt.split('.');
  const claims = JSON.parse(Buffer.from(payload, 'base64url'));
  if (ID_TOKEN_TTL <= 0) claims.exp = claims.iat + ID_TOKEN_TTL;
  for (const [name, value] of Object.entries(ID_TOKEN_CLAIMS)) {
    if (value === null) delete claims[name];
    else claims[name] = value;
  }
  const input = `${header}.${b64url(JSON.stringify(claims))}`;
  return `${input}.${b64url(crypto.sign('sha256', Buffer.from(input), signingKey))}`;
}

// --- pages ----------------------------------------------------------------------------------
const esc = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title, body) {
  return `<!DOCTYPE html>
<html lang="pt-BR"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)} - gov.br (simulado)</title>
<style>body{font-family:sans-serif;max-width:28rem;margin:2rem auto;padding:0 1rem}
label,input,button{display:block;font-size:1rem;margin:.5rem 0}input{width:100%;padding:.5rem}
button{padding:.5rem 1rem}[role=alert]{color:#b00}</style></head>
<body><main><p><small>gov.br simulado, só para testes e desenvolvimento</small></p>
<h1>${esc(title)}</h1>${body}</main></body></html>`;
}

const cancelForm = (uid) => `<form method="post" action="/interaction/${uid}/abort">
<button type="submit" name="cancel" id="cancel">Cancelar</button></form>`;

function loginPage(uid, { cpf = '', error = '' } = {}) {
  return page('Identifique-se no gov.br', `
${error ? `<p role="alert" id="error">${esc(error)}</p>` : ''}
<form method="post" action="/interaction/${uid}/login">
<label for="cpf">CPF</label>
<input id="cpf" name="cpf" inputmode="numeric" autocomplete="username" required autofocus value="${esc(cpf)}">
<button type="submit" name="login" id="login">Entrar</button>
</form>
${cancelForm(uid)}`);
}

const SCOPE_TEXT = {
  openid: 'Verificar a sua identidade (CPF)',
  email: 'Endereço de e-mail',
  profile: 'Nome e nome social',
  phone: 'Número de telefone',
  govbr_confiabilidades: 'Níveis e selos de confiabilidade da sua conta',
  govbr_confiabilidades_idtoken: 'Níveis e selos de confiabilidade da sua conta',
};

function consentPage(uid, clientId, scopes) {
  const items = [...new Set(scopes.map((s) => SCOPE_TEXT[s] ?? s))].map((t) => `<li>${esc(t)}</li>`);
  return page('Autorização de uso de dados pessoais', `
<p>O serviço <strong>${esc(clientId)}</strong> pede acesso a:</p><ul>${items.join('')}</ul>
<form method="post" action="/interaction/${uid}/confirm">
<button type="submit" name="authorize" id="authorize">Autorizar</button></form>
${cancelForm(uid)}`);
}

// --- the provider ---------------------------------------------------------------------------
function claimsOf(cpf, account) {
  const level = levelOf(account);
  const claims = {
    sub: cpf,
    preferred_username: cpf,
    name: account.name,
    social_name: account.social_name,
    email_verified: Boolean(account.email_verified),
    // gov.br documents that it leaves out the e-mail when it is not verified.
    email: account.email_verified ? account.email : undefined,
    phone_number: account.phone_number,
    reliability_info: {
      level: level.en,
      reliabilities: (account.selos ?? level.selos).map((id) => ({ id, updatedAt: UPDATED_TOKEN })),
    },
  };
  return JSON.parse(JSON.stringify(claims)); // drops the undefined ones
}

function makeProvider(issuer) {
  return new Provider(issuer, {
    clients: [CLIENT],
    jwks: { keys: [SIGNING_JWK] },
    cookies: { keys: [crypto.randomBytes(32).toString('base64url')] },
    // gov.br's paths, so the URLs look familiar; clients use discovery anyway.
    routes: {
      authorization: '/authorize', token: '/token', userinfo: '/userinfo', jwks: '/jwk',
      end_session: '/logout',
    },
    responseTypes: ['code'],
    pkce: { required: () => true }, // gov.br requires PKCE; oidc-provider 9 only knows S256
    scopes: ['openid', 'email', 'profile', 'phone', 'govbr_confiabilidades', 'govbr_confiabilidades_idtoken'],
    claims: {
      openid: ['sub', 'amr', 'auth_time'], // gov.br sends amr and auth_time too
      email: ['email', 'email_verified'],
      profile: ['name', 'social_name', 'preferred_username'],
      phone: ['phone_number'],
      govbr_confiabilidades_idtoken: ['reliability_info'],
    },
    // gov.br puts name and e-mail in the ID token too, not only in userinfo.
    conformIdTokenClaims: false,
    async findAccount(ctx, sub) {
      const account = readAccounts()[sub];
      if (!account) return undefined; // account removed from the file: its tokens stop working
      return { accountId: sub, claims: async () => claimsOf(sub, account) };
    },
    clockTolerance: 0, // tests let tokens expire on purpose: no 15 s of grace (the default)
    ttl: {
      IdToken: Math.max(ID_TOKEN_TTL, 1), // non-positive values are applied by tamperIdToken
      AccessToken: ACCESS_TOKEN_TTL,
      AuthorizationCode: 60,
      Interaction: 3600,
      Session: 8 * 3600,
      Grant: 8 * 3600,
    },
    features: {
      devInteractions: { enabled: false }, // our own login page, with CPF check and "Cancelar"
      rpInitiatedLogout: {
        // oidc-provider always shows a "do you want to sign out?" form; gov.br does not ask.
        // This page submits that form by itself (with JavaScript), like oidc-provider's own
        // form_post pages; without JavaScript the user presses "Sair".
        async logoutSource(ctx, form) {
          const yes = '<input type="hidden" name="logout" value="yes">'
            + '<button type="submit" id="logout">Sair</button></form>';
          ctx.body = page('Saindo do gov.br', form.replace('</form>', yes)
            + '<script>document.forms[0].submit()</script>');
        },
        async postLogoutSuccessSource(ctx) {
          ctx.body = page('Você saiu do gov.br', '');
        },
      },
    },
    async renderError(ctx, out) {
      ctx.type = 'html';
      ctx.body = page('Erro', `<p role="alert">${esc(out.error)}: ${esc(out.error_description ?? '')}</p>`);
    },
  });
}

async function readForm(req) {
  let body = '';
  for await (const chunk of req) {
    body += chunk;
    if (body.length > 10_000) throw new Error('form too large');
  }
  return new URLSearchParams(body);
}

function interactions(provider) {
  // GET /interaction/:uid shows the login or consent page; POST .../login|confirm|abort.
  return async (ctx, next) => {
    const m = /^\/interaction\/([\w-]+)(?:\/(login|confirm|abort))?$/.exec(ctx.path);
    if (!m) return next();
    const [, uid, action] = m;
    const details = await provider.interactionDetails(ctx.req, ctx.res);
    if (details.uid !== uid) ctx.throw(400, 'interaction mismatch');
    const { prompt, params } = details;
    ctx.set('cache-control', 'no-store');
    ctx.type = 'html';

    const finish = async (result, merge) => {
      const to = await provider.interactionResult(ctx.req, ctx.res, result,
        { mergeWithLastSubmission: merge });
      ctx.status = 303;
      ctx.redirect(to);
    };

    if (ctx.method === 'GET' && !action) {
      ctx.body = prompt.name === 'login'
        ? loginPage(uid)
        : consentPage(uid, params.client_id, String(params.scope).split(' '));
    } else if (ctx.method === 'POST' && action === 'abort') {
      await finish({ error: 'access_denied', error_description: 'End-User aborted interaction' }, false);
    } else if (ctx.method === 'POST' && action === 'login' && prompt.name === 'login') {
      const typed = (await readForm(ctx.req)).get('cpf') ?? '';
      const cpf = typed.replace(/[\s.\-/]/g, '');
      if (!/^\d{11}$/.test(cpf)) {
        ctx.body = loginPage(uid, { cpf: typed, error: 'Digite os 11 números do CPF.' });
      } else if (!readAccounts()[cpf]) {
        ctx.body = loginPage(uid, { cpf: typed, error: 'CPF não encontrado no gov.br simulado.' });
      } else {
        await finish({ login: { accountId: cpf, amr: ['passwd'] } }, false);
      }
    } else if (ctx.method === 'POST' && action === 'confirm' && prompt.name === 'consent') {
      // Grant what was asked, as oidc-provider's own example does.
      const grant = details.grantId
        ? await provider.Grant.find(details.grantId)
        : new provider.Grant({ accountId: details.session.accountId, clientId: params.client_id });
      const { missingOIDCScope, missingOIDCClaims } = prompt.details;
      if (missingOIDCScope) grant.addOIDCScope(missingOIDCScope.join(' '));
      if (missingOIDCClaims) grant.addOIDCClaims(missingOIDCClaims);
      const grantId = await grant.save();
      await finish({ consent: details.grantId ? {} : { grantId } }, true);
    } else {
      ctx.throw(400, `unexpected ${ctx.method} for prompt ${prompt.name}`);
    }
  };
}

function trustLevels(provider) {
  // gov.br's API: GET /confiabilidades/v3/contas/{cpf}/niveis?response-type=ids (account level)
  // and .../confiabilidades?response-type=ids (seals), each an array of {id, dataAtualizacao}.
  // Needs a Bearer access token from this provider, issued to that same CPF.
  return async (ctx, next) => {
    const m = /^\/confiabilidades\/v3\/contas\/([^/]+)\/(niveis|confiabilidades)$/.exec(ctx.path);
    if (!m || ctx.method !== 'GET') return next();
    const [, cpf, what] = m;
    ctx.set('cache-control', 'no-store');
    const bearer = /^Bearer\s+(\S+)$/i.exec(ctx.get('authorization'))?.[1];
    const token = bearer && await provider.AccessToken.find(bearer); // undefined if expired
    if (!token || token.accountId !== cpf) {
      ctx.status = 401;
      ctx.set('www-authenticate', 'Bearer error="invalid_token"');
      ctx.body = { error: 'invalid_token' };
      return;
    }
    if (!token.scopes.has('govbr_confiabilidades') && !token.scopes.has('govbr_confiabilidades_idtoken')) {
      ctx.status = 403;
      ctx.set('www-authenticate', 'Bearer error="insufficient_scope", scope="govbr_confiabilidades"');
      ctx.body = { error: 'insufficient_scope' };
      return;
    }
    const account = readAccounts()[cpf];
    if (!account) {
      ctx.status = 404;
      ctx.body = { error: 'account_not_found' };
      return;
    }
    const level = levelOf(account);
    const ids = what === 'niveis' ? [level.id] : (account.selos ?? level.selos);
    ctx.body = ids.map((id) => ({ id, dataAtualizacao: UPDATED_API }));
  };
}

function testKnobs(provider) {
  return async (ctx, next) => {
    await next();
    const tamper = ID_TOKEN_TTL <= 0 || Object.keys(ID_TOKEN_CLAIMS).length > 0;
    if (tamper && ctx.path === provider.pathFor('token') && ctx.status === 200 && ctx.body?.id_token) {
      ctx.body = { ...ctx.body, id_token: tamperIdToken(ctx.body.id_token) };
    }
    if (PUBLISH_WRONG_KEY && ctx.path === provider.pathFor('jwks') && ctx.status === 200) {
      ctx.body = { keys: [publicJwk(OTHER_KEY)] };
    }
  };
}

// --- start ----------------------------------------------------------------------------------
const server = http.createServer();
server.listen(Number(env('PORT', '0')), '127.0.0.1', () => {
  // Listen first: with port 0 the issuer (which names the port) is known only now.
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const provider = makeProvider(issuer);
  provider.use(testKnobs(provider));
  provider.use(interactions(provider));
  provider.use(trustLevels(provider));
  const errors = ['server_error', 'authorization.error', 'grant.error', 'userinfo.error', 'end_session.error'];
  for (const event of errors) {
    provider.on(event, (ctx, err) => console.error(`${event}: ${err.message} ${err.error_detail ?? ''}`));
  }
  server.on('request', provider.callback());
  console.log(`fake gov.br listening: ${issuer}`); // tests/oidc/provider.py waits for this line
});

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => process.exit(0)); // nothing to save: all state is in memory
}
