import { describe, expect, it } from "vitest";
import { outcomeOfFailure, toRecipientOutcomes } from "./transfer-result";

describe("toRecipientOutcomes", () => {
  it("marks accepted recipients delivered with the server's reply, matching addresses case-insensitively", () => {
    const outcomes = toRecipientOutcomes(["Jeanne.Martin@GCS.fr", "paul@gcs.fr"], {
      accepted: ["jeanne.martin@gcs.fr", { address: "PAUL@gcs.fr" }],
      response: "250 2.0.0 Ok: queued",
    });
    expect(outcomes).toEqual([
      { address: "Jeanne.Martin@GCS.fr", status: "delivered", response: "250 2.0.0 Ok: queued" },
      { address: "paul@gcs.fr", status: "delivered", response: "250 2.0.0 Ok: queued" },
    ]);
  });

  it("keeps the per-recipient reply of a refusal: 4xx temporary, 5xx permanent", () => {
    const outcomes = toRecipientOutcomes(["a@x.fr", "b@x.fr", "c@x.fr"], {
      accepted: ["a@x.fr"],
      rejected: ["b@x.fr", "c@x.fr"],
      rejectedErrors: [
        { recipient: "B@x.fr", responseCode: 452, response: "452 4.2.2 Mailbox full", message: "Can't send mail" },
        { recipient: "c@x.fr", responseCode: 550, response: "550 5.1.1 No such user", message: "Can't send mail" },
      ],
      response: "250 ok",
    });
    expect(outcomes).toEqual([
      { address: "a@x.fr", status: "delivered", response: "250 ok" },
      { address: "b@x.fr", status: "temporary", response: "452 4.2.2 Mailbox full" },
      { address: "c@x.fr", status: "permanent", response: "550 5.1.1 No such user" },
    ]);
  });

  it("falls back to the error message, then to a generic text, and treats an unknown code as permanent", () => {
    const outcomes = toRecipientOutcomes(["a@x.fr", "b@x.fr"], { rejectedErrors: [{ recipient: "a@x.fr", message: "refused" }] });
    expect(outcomes).toEqual([
      { address: "a@x.fr", status: "permanent", response: "refused" },
      { address: "b@x.fr", status: "permanent", response: "rejected" },
    ]);
  });

  it("says '250' for a delivered recipient when the server gave no reply text", () => {
    expect(toRecipientOutcomes(["a@x.fr"], { accepted: ["a@x.fr"] })).toEqual([{ address: "a@x.fr", status: "delivered", response: "250" }]);
  });

  it("gives one outcome per recipient asked, in order, ignoring addresses the server made up", () => {
    const outcomes = toRecipientOutcomes(["a@x.fr"], { accepted: ["a@x.fr", "intrus@x.fr"], rejected: ["autre@x.fr"] });
    expect(outcomes.map((o) => o.address)).toEqual(["a@x.fr"]);
  });

  it("gives no outcome for no recipient", () => {
    expect(toRecipientOutcomes([], { accepted: ["a@x.fr"] })).toEqual([]);
  });
});

describe("outcomeOfFailure", () => {
  const recipients = ["a@x.fr", "b@x.fr"];

  it("uses the per-recipient replies when every recipient was refused", () => {
    const error = Object.assign(new Error("Can't send mail - all recipients were rejected"), {
      code: "EENVELOPE",
      responseCode: 550,
      rejectedErrors: [
        { recipient: "a@x.fr", responseCode: 451, response: "451 4.3.0 try later", message: "x" },
        { recipient: "b@x.fr", responseCode: 550, response: "550 5.1.1 unknown", message: "x" },
      ],
    });
    expect(outcomeOfFailure(recipients, error)).toEqual([
      { address: "a@x.fr", status: "temporary", response: "451 4.3.0 try later" },
      { address: "b@x.fr", status: "permanent", response: "550 5.1.1 unknown" },
    ]);
  });

  it("treats a 5xx transaction reply as permanent for everyone", () => {
    const error = Object.assign(new Error("Message failed"), { code: "EMESSAGE", responseCode: 554, response: "554 5.7.1 Rejected" });
    expect(outcomeOfFailure(recipients, error)).toEqual(recipients.map((address) => ({ address, status: "permanent", response: "554 5.7.1 Rejected" })));
  });

  it("treats a 4xx reply as temporary", () => {
    const error = Object.assign(new Error("Greylisted"), { responseCode: 421, response: "421 4.7.0 Try again later" });
    expect(outcomeOfFailure(recipients, error).map((o) => o.status)).toEqual(["temporary", "temporary"]);
  });

  it.each([
    ["a refused connection", Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:25"), { code: "ECONNREFUSED" }), /^ECONNREFUSED connect ECONNREFUSED/],
    ["a certificate failure", Object.assign(new Error("self-signed certificate in certificate chain"), { code: "ESOCKET" }), /^ESOCKET self-signed/],
    ["a timeout", Object.assign(new Error("Greeting never received"), { code: "ETIMEDOUT" }), /^ETIMEDOUT/],
    ["an error without code", new Error("boom"), /^ERROR boom$/],
    ["a thrown string", "socket hang up", /^ERROR socket hang up$/],
  ])("treats %s as temporary, with a readable response", (_case, error, response) => {
    const outcomes = outcomeOfFailure(recipients, error);
    expect(outcomes.map((o) => o.status)).toEqual(["temporary", "temporary"]);
    expect(outcomes[0]!.response).toMatch(response);
  });
});
