// The agent program's version, reported at enrollment (shown on the Customer agents page).
export const AGENT_VERSION = "1.0.0";
