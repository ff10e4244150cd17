import { describe, expect, it } from "vitest";
import { emfDocuments } from "./emf-documents.ts";
import type { MetricEntry } from "./metric-entry.ts";

const count = (name: string, dimensions: Record<string, string>): MetricEntry => ({
  name,
  unit: "Count",
  dimensions,
  value: 1,
});

describe("emfDocuments", () => {
  it("gives each metric the empty dimension set and one set per dimension, in one document", () => {
    const documents = emfDocuments("Latchkey", 1_700_000_000_000, [
      count("SignInRefused", { Method: "EMAIL_CODE", Reason: "wrong code" }),
      { name: "VerifyLatency", unit: "Milliseconds", dimensions: { Method: "EMAIL_CODE" }, value: 12.5 },
    ]);
    expect(documents).toEqual([
      {
        Method: "EMAIL_CODE",
        Reason: "wrong code",
        SignInRefused: 1,
        VerifyLatency: 12.5,
        _aws: {
          Timestamp: 1_700_000_000_000,
          CloudWatchMetrics: [
            {
              Namespace: "Latchkey",
              Dimensions: [[], ["Method"], ["Reason"]],
              Metrics: [{ Name: "SignInRefused", Unit: "Count" }],
            },
            {
              Namespace: "Latchkey",
              Dimensions: [[], ["Method"]],
              Metrics: [{ Name: "VerifyLatency", Unit: "Milliseconds" }],
            },
          ],
        },
      },
    ]);
  });

  it("shares one directive between metrics of the same dimension keys", () => {
    const [document] = emfDocuments("Latchkey", 1, [
      count("EmailSent", { Kind: "link" }),
      count("RateLimited", { Limit: "IP rate limited" }),
      count("SmsSent", { Kind: "link" }),
    ]);
    expect(document?._aws.CloudWatchMetrics).toEqual([
      {
        Namespace: "Latchkey",
        Dimensions: [[], ["Kind"]],
        Metrics: [
          { Name: "EmailSent", Unit: "Count" },
          { Name: "SmsSent", Unit: "Count" },
        ],
      },
      { Namespace: "Latchkey", Dimensions: [[], ["Limit"]], Metrics: [{ Name: "RateLimited", Unit: "Count" }] },
    ]);
  });

  it("keeps a metric counted twice with the same dimensions as one array of values", () => {
    const [document, more] = emfDocuments("Latchkey", 1, [
      count("DependencyFailure", { Dependency: "DynamoDB" }),
      count("DependencyFailure", { Dependency: "DynamoDB" }),
    ]);
    expect(document).toMatchObject({ Dependency: "DynamoDB", DependencyFailure: [1, 1] });
    expect(more).toBeUndefined();
  });

  it("puts what one document cannot hold, one dimension with two values, into another", () => {
    const documents = emfDocuments("Ops", 1, [
      count("DependencyFailure", { Dependency: "SES" }),
      count("EmailSent", { Kind: "notice" }),
      count("DependencyFailure", { Dependency: "DynamoDB" }),
    ]);
    expect(documents.map(({ _aws, ...members }) => members)).toEqual([
      { Dependency: "SES", Kind: "notice", DependencyFailure: 1, EmailSent: 1 },
      { Dependency: "DynamoDB", DependencyFailure: 1 },
    ]);
    for (const document of documents) {
      for (const directive of document._aws.CloudWatchMetrics) expect(directive).toMatchObject({ Namespace: "Ops" });
    }
  });

  it("leaves out a metric's dimension that was not known, keeping its empty set", () => {
    const [document] = emfDocuments("Latchkey", 1, [count("SignInRefused", { Reason: "unknown sign-in method" })]);
    expect(document?._aws.CloudWatchMetrics).toEqual([
      { Namespace: "Latchkey", Dimensions: [[], ["Reason"]], Metrics: [{ Name: "SignInRefused", Unit: "Count" }] },
    ]);
  });

  it("makes no document without metrics", () => {
    expect(emfDocuments("Latchkey", 1, [])).toEqual([]);
  });
});
