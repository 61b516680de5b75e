import { useCallback } from "react";
import { Link } from "wouter";
import { api } from "../../lib/api.ts";
import { useMessages } from "../../lib/i18n.tsx";
import { useSession } from "../../lib/session.tsx";
import messages from "./account.messages.ts";
import { TokenActionPage } from "./TokenActionPage.tsx";

/** /account/verify?token=… — the link of the welcome e-mail confirms the address. */
export default function VerifyEmailPage() {
  const [m] = useMessages(messages);
  const { refresh } = useSession();
  const run = useCallback(async (token: string) => {
    await api("/api/account/verify", { json: { token } });
    await refresh();
  }, [refresh]);
  return <TokenActionPage title={m.verifyTitle} run={run} done={() => <><p className="notice">{m.verifyDone}</p><p><Link href="/">{m.goHome}</Link></p></>} />;
}
