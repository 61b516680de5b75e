/** The ceiling: a bare Fastify "hello" route on this machine, same runtime as the platform. */
import Fastify from "fastify";

const app = Fastify({ logger: false });
app.get("/hello", async () => ({ hello: "world" }));
await app.listen({ port: Number(process.env.PORT ?? 0), host: "127.0.0.1" });
console.log(`listening ${(app.server.address() as { port: number }).port}`);
