// Asks the gateway for one structured object through each client library, the way their users do, and prints one
// JSON line per client: the object it parsed, or the error it raised.
import { generateObject, streamObject } from "ai";
import { createOpenAI } from "@ai-sdk/openai";
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import { createAnthropic } from "@ai-sdk/anthropic";
import { ChatOpenAI } from "@langchain/openai";
import { z } from "zod";

const base = process.env.TOLLGATE_URL;
const apiKey = process.env.TOLLGATE_KEY;
const model = process.env.TOLLGATE_MODEL;
const prompt = "Describe one city you like.";

const City = z.object({
  city: z.string(),
  population: z.number().int(),
  coastal: z.boolean(),
  landmarks: z.array(z.string()),
});

const openai = createOpenAI({ baseURL: `${base}/v1`, apiKey });
const compatible = createOpenAICompatible({
  name: "tollgate",
  baseURL: `${base}/v1`,
  apiKey,
  supportsStructuredOutputs: true,
});
const anthropic = createAnthropic({ baseURL: `${base}/v1`, apiKey });

const clients = {
  "ai-sdk openai chat generateObject": () =>
    generateObject({ model: openai.chat(model), schema: City, prompt }).then((r) => r.object),
  "ai-sdk openai chat streamObject": async () => {
    const result = streamObject({ model: openai.chat(model), schema: City, prompt });
    let partials = 0;
    for await (const partial of result.partialObjectStream) {
      partials += partial ? 1 : 0;
    }
    if (partials === 0) {
      throw new Error("no partial object was streamed");
    }
    return await result.object;
  },
  "ai-sdk openai-compatible generateObject": () =>
    generateObject({ model: compatible.chatModel(model), schema: City, prompt }).then((r) => r.object),
  "ai-sdk anthropic generateObject": () =>
    generateObject({ model: anthropic(model), schema: City, prompt }).then((r) => r.object),
  "langchain withStructuredOutput jsonSchema": () =>
    new ChatOpenAI({ model, apiKey, configuration: { baseURL: `${base}/v1` }, maxRetries: 0 })
      .withStructuredOutput(City, { method: "jsonSchema", strict: true })
      .invoke(prompt),
};

for (const [client, call] of Object.entries(clients)) {
  try {
    const object = await call();
    const checked = City.safeParse(object);
    console.log(JSON.stringify(checked.success ? { client, object } : { client, error: checked.error.message }));
  } catch (error) {
    console.log(JSON.stringify({ client, error: String(error?.message ?? error).slice(0, 500) }));
  }
}
