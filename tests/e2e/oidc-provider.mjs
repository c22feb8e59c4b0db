// A real OpenID Connect provider on loopback for the sign-in e2e test (oidc-provider is
// ESM-only). Any login is accepted by its development login form; "name@domain" logins
// keep their email, other logins become <login>@example.com.
import Provider from "oidc-provider";

export async function startOidcProvider({ port, clientId, clientSecret, redirectUri }) {
  const issuer = `http://127.0.0.1:${port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [redirectUri],
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    conformIdTokenClaims: false,
    cookies: { keys: ["preflight-e2e-cookie-key"] },
    features: { devInteractions: { enabled: true } },
    async findAccount(_ctx, sub) {
      const email = sub.includes("@") ? sub.toLowerCase() : `${sub.toLowerCase()}@example.com`;
      return {
        accountId: sub,
        async claims() {
          return { sub, email, email_verified: true, name: `OIDC ${sub.split("@")[0]}` };
        },
      };
    },
  });
  const server = await new Promise((resolve) => {
    const listening = provider.listen(port, "127.0.0.1", () => resolve(listening));
  });
  return {
    issuer,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
