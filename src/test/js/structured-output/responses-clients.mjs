// Calls the gateway through the clients that speak OpenAI's Responses API by default, the way their users do, and
// prints one JSON line per call: what it got back, or the error it raised. The Vercel AI SDK's openai(model) and
// LangChain's ChatOpenAI with useResponsesApi both POST to /v1/responses.
import { generateObject, generateText, stepCountIs, streamText, tool } from "ai";
import { createOpenAI } from "@ai-sdk/openai";
import { ChatOpenAI } from "@langchain/openai";
import { z } from "zod";

const base = process.env.TOLLGATE_URL;
const apiKey = process.env.TOLLGATE_KEY;
const model = process.env.TOLLGATE_MODEL;

const City = z.object({
  city: z.string(),
  population: z.number().int(),
  coastal: z.boolean(),
  landmarks: z.array(z.string()),
});

// every request the clients send, so a failure shows what was asked
const sent = [];
async function recordingFetch(url, init) {
  sent.push({ url: String(url), body: init?.body ? JSON.parse(init.body) : null });
  return fetch(url, init);
}

const openai = createOpenAI({ baseURL: `${base}/v1`, apiKey, fetch: recordingFetch });
const langchain = (fields = {}) =>
  new ChatOpenAI({
    model,
    apiKey,
    useResponsesApi: true,
    maxRetries: 0,
    configuration: { baseURL: `${base}/v1`, fetch: recordingFetch },
    ...fields,
  });

async function toolRoundTrip(providerOptions) {
  const calls = [];
  const result = await generateText({
    model: openai(model),
    prompt: "What is the weather in Oslo? Use get_weather",
    maxOutputTokens: 300,
    providerOptions,
    tools: {
      get_weather: tool({
        description: "The current weather in a city",
        inputSchema: z.object({ city: z.string() }),
        execute: async ({ city }) => {
          calls.push(city);
          return { city, forecast: "sunny", celsius: 21 };
        },
      }),
    },
    stopWhen: stepCountIs(3),
  });
  return {
    steps: result.steps.map((step) => ({
      finishReason: step.finishReason,
      toolCalls: step.toolCalls.map((call) => ({ name: call.toolName, input: call.input })),
      text: step.text,
    })),
    executed: calls,
    text: result.text,
  };
}

const usage = (u) => ({ input: u.inputTokens, output: u.outputTokens, reasoning: u.reasoningTokens ?? 0 });

const clients = {
  "ai-sdk responses generateText": async () => {
    const result = await generateText({ model: openai(model), prompt: "Tell me about tide pools", maxOutputTokens: 200 });
    return { text: result.text, finishReason: result.finishReason, usage: usage(result.usage), id: result.response.id };
  },
  "ai-sdk responses streamText": async () => {
    const result = streamText({ model: openai(model), prompt: "Describe the water cycle", maxOutputTokens: 200 });
    const deltas = [];
    for await (const delta of result.textStream) {
      deltas.push(delta);
    }
    return {
      text: await result.text,
      deltas: deltas.length,
      joined: deltas.join(""),
      finishReason: await result.finishReason,
      usage: usage(await result.usage),
    };
  },
  // the tool call goes back as an item_reference to the stored reply, as the SDK sends it by default
  "ai-sdk responses tool round trip": () => toolRoundTrip({}),
  // with store: false the SDK sends the tool call itself
  "ai-sdk responses tool round trip without store": () => toolRoundTrip({ openai: { store: false } }),
  "ai-sdk responses generateObject": async () => {
    const result = await generateObject({ model: openai(model), schema: City, prompt: "Describe one city you like." });
    const checked = City.safeParse(result.object);
    if (!checked.success) {
      throw new Error(`the object does not fit the schema: ${checked.error.message}`);
    }
    return { object: result.object };
  },
  "langchain responses invoke": async () => {
    const message = await langchain().invoke("Tell me about tide pools");
    return { text: message.text, id: message.id, usage: message.usage_metadata };
  },
  "langchain responses withStructuredOutput": async () => {
    const object = await langchain()
      .withStructuredOutput(City, { method: "jsonSchema", strict: true })
      .invoke("Describe one city you like.");
    const checked = City.safeParse(object);
    if (!checked.success) {
      throw new Error(`the object does not fit the schema: ${checked.error.message}`);
    }
    return { object };
  },
};

// TOLLGATE_CLIENTS, comma-separated, runs only the clients it names
const chosen = process.env.TOLLGATE_CLIENTS?.split(",").map((name) => name.trim());
for (const [client, call] of Object.entries(clients).filter(([name]) => !chosen || chosen.includes(name))) {
  const first = sent.length;
  try {
    const result = await call();
    console.log(JSON.stringify({ client, result, paths: sent.slice(first).map((request) => new URL(request.url).pathname) }));
  } catch (error) {
    console.log(
      JSON.stringify({
        client,
        error: String(error?.message ?? error).slice(0, 800),
        sent: sent.slice(first).map((request) => JSON.stringify(request.body).slice(0, 1500)),
      }),
    );
  }
}
