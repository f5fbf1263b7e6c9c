import { createDb } from "@mss/db/client";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFactories } from "../testing/factories";
import { getTestEnv, uniqueQueuePrefix } from "../testing/test-env";
import type { AttemptCounter } from "./attempt-counter";
import { confirmTotpEnrollment, startTotpEnrollment } from "./enroll-totp";
import { hashPassword } from "./password";
import { createRedisAttemptCounter } from "./redis-attempt-counter";
import { SIGN_IN_THROTTLE, signInLocally } from "./sign-in-locally";
import { decodeBase32, totpCode } from "./totp";

const env = getTestEnv();
const db = createDb(env.DATABASE_URL);
const factories = createFactories(db);
const redis = new Redis(env.REDIS_URL);
let attempts: AttemptCounter;
const PASSWORD = "Un-Mot-De-Passe-Solide-2026";

async function localAccount() {
  const actor = await factories.staffAccount("signin");
  const account = await db.account.update({ where: { id: actor.accountId }, data: { passwordHash: await hashPassword(PASSWORD) } });
  return { actor: await factories.actor(actor.accountId), email: account.email ?? "" };
}

beforeAll(() => {
  attempts = createRedisAttemptCounter(redis, uniqueQueuePrefix("signin"));
});
afterAll(async () => {
  await factories.cleanup();
  await db.$disconnect();
  redis.disconnect();
});

describe("signInLocally", () => {
  it("signs in with the password; the account must then enrol a second factor", async () => {
    const { actor, email } = await localAccount();
    expect(actor.mustEnrollTotp).toBe(true);
    const result = await signInLocally({ db, credentials: { email: email.toUpperCase(), password: PASSWORD }, attempts });
    expect(result).toEqual({ status: "signed-in", accountId: actor.accountId });
    expect(await signInLocally({ db, credentials: { email, password: "wrong" }, attempts })).toEqual({ status: "refused", reason: "credentials" });
    expect(await signInLocally({ db, credentials: { email: "nobody@staff.mssante.test", password: PASSWORD }, attempts })).toEqual({
      status: "refused",
      reason: "credentials",
    });
  });

  it("requires the TOTP code once enrolled, and refuses a wrong one", async () => {
    const { actor, email } = await localAccount();
    const enrollment = await startTotpEnrollment({ db, actor });
    expect(enrollment?.uri).toContain(`secret=${enrollment?.secret}`);
    // Reloading the enrolment page shows the same key.
    expect((await startTotpEnrollment({ db, actor }))?.secret).toBe(enrollment?.secret);
    const code = () => totpCode(decodeBase32(enrollment?.secret ?? ""), Date.now() / 1000);
    await expect(confirmTotpEnrollment({ db, actor, code: "000000" === code() ? "111111" : "000000" })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await confirmTotpEnrollment({ db, actor, code: code() });
    expect((await factories.actor(actor.accountId)).mustEnrollTotp).toBe(false);
    expect(await startTotpEnrollment({ db, actor })).toBeNull();
    expect(await db.auditEvent.count({ where: { actorAccountId: actor.accountId, action: "account.totp-enrolled" } })).toBe(1);

    expect(await signInLocally({ db, credentials: { email, password: PASSWORD }, attempts })).toEqual({ status: "refused", reason: "code" });
    expect(await signInLocally({ db, credentials: { email, password: PASSWORD, code: "12345" }, attempts })).toEqual({ status: "refused", reason: "code" });
    const used = code();
    expect(await signInLocally({ db, credentials: { email, password: PASSWORD, code: used }, attempts })).toMatchObject({ status: "signed-in" });
    // The same code again (phished, or seen over a shoulder) is refused within its window.
    expect(await signInLocally({ db, credentials: { email, password: PASSWORD, code: used }, attempts })).toEqual({ status: "refused", reason: "code" });
  });

  it("counts parallel attempts before checking them, so a burst cannot slip under the limit", async () => {
    const { email } = await localAccount();
    const burst = await Promise.all(
      Array.from({ length: SIGN_IN_THROTTLE.maxFailures + 5 }, (_, i) => signInLocally({ db, credentials: { email, password: `guess-${i}` }, attempts })),
    );
    expect(burst.filter((r) => r.status === "refused" && r.reason === "throttled")).toHaveLength(5);
  });

  it(`locks an account after ${SIGN_IN_THROTTLE.maxFailures} failures, even for the right password`, async () => {
    const { email } = await localAccount();
    for (let i = 0; i < SIGN_IN_THROTTLE.maxFailures; i++) {
      expect(await signInLocally({ db, credentials: { email, password: `wrong-${i}` }, attempts })).toMatchObject({ reason: "credentials" });
    }
    expect(await signInLocally({ db, credentials: { email, password: PASSWORD }, attempts })).toEqual({ status: "refused", reason: "throttled" });
  });

  it("clears the failure count after a successful sign-in", async () => {
    const { email } = await localAccount();
    for (let i = 0; i < SIGN_IN_THROTTLE.maxFailures - 1; i++) await signInLocally({ db, credentials: { email, password: "nope" }, attempts });
    expect(await signInLocally({ db, credentials: { email, password: PASSWORD }, attempts })).toMatchObject({ status: "signed-in" });
    await signInLocally({ db, credentials: { email, password: "nope" }, attempts });
    expect(await signInLocally({ db, credentials: { email, password: PASSWORD }, attempts })).toMatchObject({ status: "signed-in" });
  });
});
