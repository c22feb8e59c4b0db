/** The cookie that remembers a dismissed welcome panel (read by the dashboard page, set by WelcomePanel). */
export const WELCOME_COOKIE = "preflight-welcome";
