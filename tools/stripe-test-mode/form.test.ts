import { describe, expect, it } from "vitest";
import { parseStripeForm } from "./form";

describe("parseStripeForm", () => {
  it("decodes the SDK's bracketed keys into objects and arrays", () => {
    const body =
      "mode=subscription&line_items[0][price]=price_1&line_items[0][quantity]=1" +
      "&subscription_data[trial_period_days]=30&subscription_data[metadata][team_id]=t%201" +
      "&lookup_keys[0]=a&lookup_keys[1]=b";
    expect(parseStripeForm(body)).toEqual({
      mode: "subscription",
      line_items: [{ price: "price_1", quantity: "1" }],
      subscription_data: { trial_period_days: "30", metadata: { team_id: "t 1" } },
      lookup_keys: ["a", "b"],
    });
  });

  it("keeps the last value of a repeated key and tolerates an empty body", () => {
    expect(parseStripeForm("a=1&a=2")).toEqual({ a: "2" });
    expect(parseStripeForm("")).toEqual({});
  });
});
