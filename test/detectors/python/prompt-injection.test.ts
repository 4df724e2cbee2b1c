import detector from '../../../detectors/python/prompt-injection.js';
import { describeDetector } from '../../helpers/detector-cases.js';

const FLASK = 'from flask import request\n\n';

describeDetector(detector, {
  flags: [
    {
      code: `${FLASK}@app.post("/summarise")\ndef summarise():\n    text = request.json["text"]\n    prompt = f"Summarise this for an executive:\\n{text}"\n    return client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": prompt}])\n`,
      line: 7,
      message: '`text` from the request is formatted into the prompt of `client.chat.completions.create()` (built on line 6)',
    },
    { code: '@app.post("/chat")\nasync def chat(question: str):\n    return await client.chat.completions.create(model="gpt-4o", messages=[{"role": "system", "content": f"You are a helpful bot. Answer: {question}"}])\n', line: 3, message: '`question`' },
    { code: '@router.post("/ask")\nasync def ask(body: AskRequest):\n    return await anthropic.messages.create(model="claude", max_tokens=300, system=f"Answer as {body.persona}", messages=[])\n', line: 3, message: '`body.persona`' },
    { code: `${FLASK}@app.route("/t", methods=["POST"])\ndef translate():\n    return openai.Completion.create(model="x", prompt="Translate to French: " + request.form["text"])\n`, line: 5, message: 'request.form' },
    { code: 'def view(request):\n    q = request.POST.get("q", "")\n    msgs = [{"role": "user", "content": "Find products matching %s" % q}]\n    return client.chat.completions.create(model="m", messages=msgs)\n', line: 4, note: 'a Django view' },
    { code: '@app.post("/gen")\ndef gen(topic: str):\n    return model.generate_content(f"Write a poem about {topic}")\n', line: 3, message: '`model.generate_content()`' },
    { code: '@app.post("/r")\ndef r(q: str):\n    return client.responses.create(model="m", input=f"Search the docs for: {q}")\n', line: 3 },
    { code: '@app.post("/c")\ndef c(q: str):\n    return client.messages.create(model="m", max_tokens=9, messages=[{"role": "user", "content": [{"type": "text", "text": f"Classify: {q}"}]}])\n', line: 3 },
    { code: '@app.get("/s")\ndef s(name: str):\n    system = "You are support for " + name\n    return client.chat.completions.create(model="m", messages=[{"role": "system", "content": system}])\n', line: 4, message: 'built on line 3' },
    { code: '@app.post("/extract")\ndef extract(doc: str):\n    return client.beta.chat.completions.parse(model="m", messages=[{"role": "user", "content": f"Extract the fields of: {doc}"}], response_format=Fields)\n', line: 3 },
  ],
  ignores: [
    { code: 'def parse(text):\n    return parser.parse(f"{text}")\n', note: 'not an LLM call' },
    { code: '@app.post("/chat")\ndef chat(question: str):\n    return client.chat.completions.create(model="gpt-4o", messages=[{"role": "system", "content": SYSTEM}, {"role": "user", "content": question}])\n', note: 'user text as its own message' },
    { code: 'def summarise(text):\n    return client.messages.create(model="claude", max_tokens=500, messages=[{"role": "user", "content": f"Summarise: {text}"}])\n', note: 'not a request handler: unknown origin' },
    { code: '@app.post("/chat")\ndef chat(q: str, user=Depends(current_user)):\n    return client.chat.completions.create(model="m", messages=[{"role": "system", "content": f"The user is {user.name}"}])\n', note: 'a dependency' },
    { code: '@app.post("/chat")\ndef chat(q: str):\n    return client.chat.completions.create(model=f"gpt-{q}", messages=[])\n', note: 'not prompt text' },
    { code: '@app.post("/chat")\ndef chat(q: str):\n    logger.info(f"question: {q}")\n    return client.chat.completions.create(model="m", messages=[{"role": "user", "content": q}])\n' },
    { code: '@app.post("/n")\ndef n(count: int):\n    return client.chat.completions.create(model="m", messages=[{"role": "user", "content": f"Give {int(count)} ideas"}])\n', note: 'a number cannot carry instructions' },
    { code: `${FLASK}@app.post("/x")\ndef x():\n    return db.create(f"{request.json[\\'a\\']}")\n`, note: 'not an LLM call' },
    { code: '@app.post("/chat")\ndef chat(q: str):\n    return client.chat.completions.create(model="m", messages=[{"role": "user", "content": f"Today is {date.today()}"}])\n' },
    { code: '@app.post("/chat")\ndef chat(q: str):\n    return client.chat.completions.create(model="m", messages=[{"role": "user", "content": f"Q: {q}"}])\n', path: 'tests/test_chat.py' },
    { code: 'class Bot:\n    def ask(self, q):\n        return self.client.chat.completions.create(model="m", messages=[{"role": "user", "content": f"Q: {self.context}"}])\n' },
  ],
});
