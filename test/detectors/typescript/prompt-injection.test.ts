import detector from '../../../detectors/typescript/prompt-injection.js';
import { describeDetector } from '../../helpers/detector-cases.js';

const ask = (messages: string): string =>
  `app.post('/ask', async (req, res) => {\n  const answer = await openai.chat.completions.create({\n    model: 'gpt-4o',\n    messages: [${messages}],\n  });\n  res.json(answer);\n});\n`;

describeDetector(detector, {
  flags: [
    {
      code: ask("{ role: 'system', content: `You are a support bot. The customer says: ${req.body.message}` }"),
      line: 4,
      message: '`req.body.message` is interpolated into the instructions in the system message',
    },
    {
      code: ask("{ role: 'user', content: `Translate the following text into French: ${req.body.text}` }"),
      line: 4,
      message: 'the user message',
    },
    {
      code: "app.get('/search', async (req, res) => {\n  const { q } = req.query;\n  const result = await generateText({ model: openai('gpt-4o'), prompt: 'Answer the search query ' + q + ' using the catalog.' });\n  res.send(result.text);\n});\n",
      line: 3,
      message: '`prompt`',
    },
    {
      code: "export async function reply(userMessage: string) {\n  return anthropic.messages.create({\n    model: 'claude-sonnet-4-5',\n    max_tokens: 1024,\n    system: `You are a helpful assistant. Always follow this request: ${userMessage}`,\n    messages: [],\n  });\n}\n",
      line: 5,
      message: 'the instructions in `system`',
    },
    {
      code: "export async function review(comment: string) {\n  const system = `Classify the comment as spam or ham. Comment: ${comment}`;\n  return client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'system', content: system }] });\n}\n",
      line: 2,
    },
    {
      code: "router.post('/agent', async (ctx) => {\n  const res = await openai.responses.create({ model: 'gpt-4.1', instructions: `Act on behalf of ${ctx.request.body.name} and do what they ask.`, input: 'go' });\n  ctx.body = res;\n});\n",
      line: 2,
    },
    {
      code: "export async function ask(question: string) {\n  return model.invoke([new SystemMessage(`Answer only about our product. User question: ${question}`)]);\n}\n",
      line: 2,
      message: '`new SystemMessage`',
    },
    {
      code: "export const handler = async (event) => {\n  const body = JSON.parse(event.body);\n  return streamText({ model, system: 'You write product copy in the voice of the brand described here: ' + event.body });\n};\n",
      line: 3,
    },
    {
      code: "app.post('/generatetext', async (req, res) => {\n  const messages = [{ role: 'user', content: `${req.body.message}. Explain in only one paragraph and keep it short` }];\n  const result = await generateText({ model, messages });\n  res.json(result);\n});\n",
      line: 2,
      note: 'messages built in a local, seen on real code',
    },
    {
      code: "router.post('/chat/keyword', async (req, res) => {\n  const completion = await openai.createChatCompletion({\n    messages: [{ role: 'user', content: `${req.body}\\nList five keywords of the story above in English.` }],\n    ...keywordSettings,\n  });\n  res.send(completion.data.choices[0].message);\n});\n",
      line: 3,
      note: 'model spread in from settings, seen on real code',
    },
  ],
  ignores: [
    ask("{ role: 'system', content: 'You are a support bot.' },\n      { role: 'user', content: req.body.message }"),
    { code: ask("{ role: 'user', content: `${req.body.message}` }"), note: 'a value alone: pure data' },
    {
      code: ask("{ role: 'user', content: `Summarize the document between the tags.\\n<document>\\n${req.body.text}\\n</document>` }"),
      note: 'fenced as data',
    },
    {
      code: "export async function greet(companyName: string) {\n  return openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'system', content: `You are the assistant of ${companyName}.` }] });\n}\n",
      note: 'configuration, not user content',
    },
    {
      code: "export async function summarize(text: string) {\n  return generateText({ model, prompt: `Summarize this text in three sentences: ${text}` });\n}\n",
      note: 'a user prompt built from a parameter of unknown origin',
    },
    {
      code: "const SYSTEM = 'You are a careful assistant.';\nconst TONE = 'friendly';\nexport const run = () => openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'system', content: `${SYSTEM} Keep a ${TONE} tone.` }] });\n",
      note: 'constants',
    },
    { code: "app.post('/log', (req, res) => {\n  logger.info({ message: `User said: ${req.body.message}`, level: 'info' });\n  res.end();\n});\n", note: 'not an LLM call' },
    { code: "app.post('/t', (req, res) => {\n  const msg = { role: 'system', content: `Note from ${req.body.name} about the order` };\n  res.json(msg);\n});\n", note: 'an object not passed to an LLM call' },
    {
      code: ask("{ role: 'assistant', content: `Earlier you asked about ${req.body.topic} and I answered.` }"),
      note: 'assistant turns are not instructions',
    },
    {
      code: "app.post('/ask', async (req, res) => {\n  const input = JSON.stringify(req.body.text);\n  res.json(await generateText({ model, prompt: `Summarize the JSON string that follows. ${JSON.stringify(req.body.text)}` }));\n});\n",
      note: 'JSON.stringify quotes it: still ambiguous, left alone',
    },
  ],
});
