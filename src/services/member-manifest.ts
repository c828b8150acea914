/**
 * The member manifest of a sealed version (DOMAIN.md 10.2): the digest's input, byte for byte,
 * streamed from the database as it is read, never held whole.
 */
import { compareCodePoints } from "../domain/code-points.js";
import type { Member } from "../domain/digest.js";
import { badInput, quote } from "../domain/errors.js";
import { createHash } from "node:crypto";
import { PassThrough, type Readable } from "node:stream";
import type { Executor } from "../store/executor.js";
import { eachVersionMember } from "../store/sample-sets.queries.js";
import { requireEntity } from "./lookup.js";
import { isSealed } from "../store/records.js";

/**
 * NOT_FOUND / BAD_USER_INPUT before the first byte; then the lines stream with backpressure (the
 * next batch of rows is pulled only when the client has taken the last). The database's id
 * order is code-point order outside the astral planes; should it not be, or should the bytes
 * not hash to the sealed digest, the stream ends in an error instead of completing a wrong file.
 */
export async function memberManifest(executor: Executor, versionId: string): Promise<Readable> {
  const digest = await executor.read("membersManifest.check", async (run) => {
    const version = await requireEntity(run, versionId, ["DatasetVersion"], "dataset version");
    if (!isSealed(version)) throw badInput(`dataset version ${quote(version.id)} is not sealed: its member list may still change`);
    return version.digest;
  });
  const out = new PassThrough();
  let started = false;
  const stream = executor.read("membersManifest", async (run) => {
    // A retried read would send the lines again after a part already sent.
    if (started) throw new Error(`member manifest of ${quote(versionId)} interrupted by a database failure`);
    started = true;
    const hash = createHash("sha256");
    let last: string | null = null;
    await eachVersionMember(run, versionId, (m: Member) => {
      if (last !== null && compareCodePoints(last, m.id) >= 0)
        throw new Error(`member manifest of ${quote(versionId)}: the database returned ids out of code-point order`);
      last = m.id;
      const line = `${m.id}\t${m.contentHash ?? ""}\n`;
      hash.update(line, "utf8");
      if (!out.write(line)) return new Promise<void>((resolve) => out.once("drain", resolve));
    });
    if (hash.digest("hex") !== digest) throw new Error(`member manifest of ${quote(versionId)} does not hash to its sealed digest`);
  });
  stream.then(
    () => out.end(),
    (error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))),
  );
  return out;
}
