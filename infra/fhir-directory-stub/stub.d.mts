// Types of stub.mjs for the TypeScript integration tests.
export interface StubRequest {
  resourceType: "Practitioner" | "Organization";
  identifier: string | null;
  contentType: string;
  apiKey: string | null;
  // biome-ignore lint/suspicious/noExplicitAny: the raw JSON the platform sent, inspected by tests
  body: any;
}

export interface StubResource {
  resourceType: "Practitioner" | "Organization";
  id: string;
  identifier: Array<{ system: string; value: string }>;
  // biome-ignore lint/suspicious/noExplicitAny: FHIR ContactPoints as received
  telecom: any[];
}

export interface FhirDirectoryStub {
  port: number;
  url: string;
  requests: StubRequest[];
  seed(resourceType: "Practitioner" | "Organization", identifier: string): StubResource;
  respond(identifier: string, statuses: number[]): void;
  find(resourceType: "Practitioner" | "Organization", identifier: string): StubResource[];
  reset(): void;
  close(): Promise<void>;
}

export function startFhirDirectoryStub(options?: { port?: number; host?: string; autoCreate?: boolean; log?: (line: string) => void }): Promise<FhirDirectoryStub>;
