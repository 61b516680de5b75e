/** GET /api/push/key: the VAPID public key the web app subscribes to Web Push with. */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";

export const channelsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get("/api/push/key", {
    schema: {
      tags: ["alerts"],
      summary: "The Web Push (VAPID) public key, for PushManager.subscribe's applicationServerKey",
      response: { 200: z.object({ publicKey: z.string().describe("base64url, an uncompressed P-256 point") }) },
    },
  }, async () => ({ publicKey: app.ctx.channels.vapidPublicKey() }));
};
