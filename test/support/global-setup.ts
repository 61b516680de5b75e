/** Before any test: the web app is built once if its build is missing or older than web/. */
import { buildWeb, webBuildIsStale } from "../../src/server/build-web.ts";

export default async function setup(): Promise<void> {
  if (webBuildIsStale("web/dist")) await buildWeb(() => {});
}
