// Runs the national directory stand-in for `npm start` / `npm test` (see stub.mjs). Unknown
// identifiers become new resources, so every mailbox created in the console gets published.
import { startFhirDirectoryStub } from "./stub.mjs";

const port = Number(process.env.DIRECTORY_STUB_PORT ?? 4200);
const stub = await startFhirDirectoryStub({ port, autoCreate: true, log: (line) => console.log(line) });
console.log(`national directory stand-in on ${stub.url}`);
const stop = () => stub.close().then(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
